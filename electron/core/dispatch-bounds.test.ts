// Queries cannot be made unbounded (arrays and strings in every query schema are capped), and a
// failure inside a handler reaches the caller as a generic message: the details go to the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../logging/types.js';
import { createDispatch, type Handlers } from './dispatch.js';
import { createTempCore, type TempCore } from './testing/temp-core.js';

let t: TempCore;
beforeAll(async () => {
  t = await createTempCore();
});
afterAll(() => t.cleanup());

const call = (name: string, input: unknown) => t.core.dispatch(name, input, { transport: 'test' });

describe('query bounds', () => {
  it('refuses logs.query and audit.query filters with thousands of entries, naming the field', async () => {
    const levels = Array.from({ length: 3000 }, () => 'info');
    const logs = await call('logs.query', { levels });
    expect(logs).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!logs.ok && logs.error.message).toMatch(/levels/);
    const categories = await call('logs.query', { categories: Array.from({ length: 50 }, () => 'system') });
    expect(!categories.ok && categories.error.message).toMatch(/categories/);
    const audit = await call('audit.query', { kinds: Array.from({ length: 3000 }, () => 'setting.changed') });
    expect(audit).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!audit.ok && audit.error.message).toMatch(/kinds/);
  });

  it('answers the same for a filter that repeats a value as for one that does not', async () => {
    t.core.logger.warn('system', 'bounded query probe');
    const once = await call('logs.query', { levels: ['warn'], text: 'bounded query probe' });
    const repeated = await call('logs.query', {
      levels: ['warn', 'warn', 'warn', 'warn'],
      text: 'bounded query probe',
    });
    expect(once.ok && once.data).toHaveLength(1);
    expect(repeated).toEqual(once);
  });

  it('keeps serving after thousands of differently shaped queries', async () => {
    const levels = ['error', 'warn', 'info', 'debug'] as const;
    const categories = ['engine', 'orders', 'risk', 'strategy', 'exchange', 'ai', 'system'] as const;
    for (let i = 0; i < 3000; i += 1) {
      const input = {
        levels: levels.slice(0, 1 + (i % 4)),
        categories: categories.slice(0, 1 + (i % 7)),
        ...(i % 2 === 0 ? { text: `t${i}` } : {}),
        ...(i % 3 === 0 ? { symbol: 'BTC/USD' } : {}),
        ...(i % 5 === 0 ? { from: i } : {}),
        ...(i % 11 === 0 ? { beforeId: i + 1 } : {}),
      };
      const r = await call(i % 2 === 0 ? 'logs.query' : 'audit.query', i % 2 === 0 ? input : { text: `t${i}` });
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
  });
});

describe('internal errors', () => {
  function recordingLogger(): Logger & { lines: string[] } {
    const lines: string[] = [];
    const log = (_category: string, message: string, fields?: Record<string, unknown>) =>
      void lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
    return {
      lines,
      error: log,
      warn: log,
      info: log,
      debug: log,
      log: (_level, category, message, fields) => log(category, message, fields),
      addSecret: () => undefined,
      close: () => Promise.resolve(),
    };
  }

  it('answers a generic message with a reference; the raw error and its stack go to the log only', async () => {
    const logger = recordingLogger();
    const raw = 'SqliteError: no such column: secret_notes (in /home/trader/.config/workstation/data.sqlite)';
    const handlers = {
      'system.info': () => {
        throw new Error(raw);
      },
    } as unknown as Handlers;
    const result = await createDispatch(handlers, logger)('system.info', {}, { transport: 'test' });
    expect(result.ok).toBe(false);
    const message = !result.ok ? result.error.message : '';
    expect(!result.ok && result.error.code).toBe('internal');
    expect(message).not.toMatch(/Sqlite|secret_notes|\/home\/trader/);
    expect(message).toMatch(/^system\.info failed: an internal error \(reference [0-9a-f]{8}\)/);
    const reference = /reference ([0-9a-f]{8})/.exec(message)?.[1] ?? 'none';
    expect(logger.lines.some((l) => l.includes(raw) && l.includes(reference))).toBe(true);
  });
});
