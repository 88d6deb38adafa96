import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../shared/domain/logs.js';
import { openLogStore, type LogStore } from './log-store.js';

let dir: string;
let store: LogStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-store-'));
  store = openLogStore(path.join(dir, 'logs.db'));
});

afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function seed(): LogEntry[] {
  const rows: Array<Omit<LogEntry, 'id'>> = [
    {
      time: 1000,
      level: 'info',
      category: 'system',
      message: 'workstation started',
      symbol: null,
      context: { version: '0.1.0' },
    },
    {
      time: 2000,
      level: 'debug',
      category: 'engine',
      message: 'candle closed',
      symbol: 'BTC/USD',
      context: { close: 64250.1 },
    },
    {
      time: 3000,
      level: 'warn',
      category: 'risk',
      message: 'Order vetoed',
      symbol: 'ETH/USD',
      context: { reason: 'Max Position' },
    },
    {
      time: 4000,
      level: 'error',
      category: 'exchange',
      message: 'request failed',
      symbol: 'BTC/USD',
      context: { code: 'EAPI:Invalid nonce' },
    },
    {
      time: 5000,
      level: 'info',
      category: 'orders',
      message: 'order filled 100%_done',
      symbol: 'BTC/USD',
      context: { qty: 0.5 },
    },
  ];
  return rows.map((r) => store.append(r));
}

describe('openLogStore', () => {
  it('appends entries with increasing ids and returns them newest first', () => {
    const stored = seed();
    expect(stored.map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
    expect(store.count()).toBe(5);
    const all = store.query({});
    expect(all.map((e) => e.id)).toEqual([5, 4, 3, 2, 1]);
    expect(all[4]).toEqual(stored[0]);
    expect(all[3]).toEqual({
      id: 2,
      time: 2000,
      level: 'debug',
      category: 'engine',
      message: 'candle closed',
      symbol: 'BTC/USD',
      context: { close: 64250.1 },
    });
  });

  it('filters by levels, categories and symbol', () => {
    seed();
    expect(store.query({ levels: ['warn', 'error'] }).map((e) => e.id)).toEqual([4, 3]);
    expect(store.query({ categories: ['orders', 'system'] }).map((e) => e.id)).toEqual([5, 1]);
    expect(store.query({ symbol: 'BTC/USD' }).map((e) => e.id)).toEqual([5, 4, 2]);
    expect(store.query({ symbol: 'BTC/USD', levels: ['error'] }).map((e) => e.id)).toEqual([4]);
    expect(store.query({ levels: [] }).length).toBe(5);
  });

  it('searches text case-insensitively in the message and the context, with LIKE wildcards taken literally', () => {
    seed();
    expect(store.query({ text: 'ORDER' }).map((e) => e.id)).toEqual([5, 3]);
    expect(store.query({ text: 'max position' }).map((e) => e.id)).toEqual([3]);
    expect(store.query({ text: 'invalid NONCE' }).map((e) => e.id)).toEqual([4]);
    expect(store.query({ text: '100%_' }).map((e) => e.id)).toEqual([5]);
    expect(store.query({ text: '%' }).map((e) => e.id)).toEqual([5]);
    expect(store.query({ text: 'nothing like this' })).toEqual([]);
  });

  it('filters by an inclusive time range', () => {
    seed();
    expect(store.query({ from: 2000, to: 4000 }).map((e) => e.id)).toEqual([4, 3, 2]);
    expect(store.query({ from: 4500 }).map((e) => e.id)).toEqual([5]);
    expect(store.query({ to: 1000 }).map((e) => e.id)).toEqual([1]);
  });

  it('limits and pages backwards with beforeId', () => {
    for (let i = 0; i < 25; i += 1) {
      store.append({ time: i, level: 'info', category: 'engine', message: `tick ${i}`, symbol: null, context: {} });
    }
    const first = store.query({ limit: 10 });
    expect(first.map((e) => e.id)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    const second = store.query({ limit: 10, beforeId: first[first.length - 1]?.id });
    expect(second.map((e) => e.id)).toEqual([15, 14, 13, 12, 11, 10, 9, 8, 7, 6]);
    const last = store.query({ limit: 10, beforeId: 6 });
    expect(last.map((e) => e.id)).toEqual([5, 4, 3, 2, 1]);
    expect(store.query({}).length).toBe(25); // default limit 200
  });

  it('rejects a malformed query with a validation error', () => {
    expect(() => store.query({ limit: 0 })).toThrow();
    expect(() => store.query({ levels: ['loud' as never] })).toThrow();
  });

  it('keeps entries across reopening the file', () => {
    seed();
    store.close();
    store = openLogStore(path.join(dir, 'logs.db'));
    expect(store.count()).toBe(5);
    expect(store.query({ limit: 1 })[0]?.message).toBe('order filled 100%_done');
  });
});
