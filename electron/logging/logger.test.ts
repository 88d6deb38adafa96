import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOG_CATEGORIES, type LogEntry, type LogLevel } from '../../shared/domain/logs.js';
import { createManualClock } from '../engine/clock.js';
import { openLogStore, type LogStore } from './log-store.js';
import { createLogger, LOG_FILE_NAME } from './logger.js';
import { REDACTED } from './redact.js';

let dir: string;
let logDir: string;
let store: LogStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logger-'));
  logDir = path.join(dir, 'logs');
  store = openLogStore(path.join(dir, 'logs.db'));
});

afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function fileLines(): Array<Record<string, unknown>> {
  const files = fs
    .readdirSync(logDir)
    .filter((f) => f.endsWith('.log'))
    .sort((a, b) => b.localeCompare(a, 'en', { numeric: true })); // oldest (highest number) first
  return files.flatMap((f) =>
    fs
      .readFileSync(path.join(logDir, f), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  );
}

describe('createLogger', () => {
  it('writes JSON lines to the log file and entries to the store, queryable by every filter', async () => {
    const clock = createManualClock(1_700_000_000_000);
    const seen: LogEntry[] = [];
    const logger = createLogger({ logDir, clock, store, onEntry: (e) => seen.push(e) });
    logger.info('system', 'workstation started', { version: '0.1.0' });
    clock.advance(1000);
    logger.warn('risk', 'order vetoed: max position', { symbol: 'BTC/USD', limit: 2 });
    clock.advance(1000);
    logger.error('exchange', 'request failed', { symbol: 'ETH/USD', error: new Error('EAPI:Invalid nonce') });
    clock.advance(1000);
    logger.debug('engine', 'not written at the default level info');
    logger.log('info', 'orders', 'order filled', { symbol: 'BTC/USD', qty: '0.5' });
    await logger.close();

    const lines = fileLines();
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({
      time: 1_700_000_000_000,
      level: 'info',
      category: 'system',
      message: 'workstation started',
      symbol: null,
      context: { version: '0.1.0' },
    });
    expect(lines[2]).toMatchObject({
      level: 'error',
      symbol: 'ETH/USD',
      context: { error: { name: 'Error', message: 'EAPI:Invalid nonce' } },
    });
    expect(String((lines[2]?.context as { error: { stack: string } }).error.stack)).toContain('logger.test.ts');

    expect(store.count()).toBe(4);
    expect(seen).toEqual(store.query({}).reverse());
    expect(seen[1]).toEqual({
      id: 2,
      time: 1_700_000_001_000,
      level: 'warn',
      category: 'risk',
      message: 'order vetoed: max position',
      symbol: 'BTC/USD',
      context: { limit: 2 },
    });
    const ids = (q: Parameters<LogStore['query']>[0]) => store.query(q).map((e) => e.id);
    expect(ids({ levels: ['error', 'warn'] })).toEqual([3, 2]);
    expect(ids({ categories: ['orders'] })).toEqual([4]);
    expect(ids({ symbol: 'BTC/USD' })).toEqual([4, 2]);
    expect(ids({ text: 'INVALID nonce' })).toEqual([3]);
    expect(ids({ from: 1_700_000_001_000, to: 1_700_000_002_000 })).toEqual([3, 2]);
    expect(ids({ beforeId: 3, limit: 1 })).toEqual([2]);
  });

  it('writes debug entries when the level is debug', async () => {
    const logger = createLogger({ logDir, clock: createManualClock(5), store, level: 'debug' });
    logger.debug('strategy', 'signal evaluated', { symbol: 'SOL/USD' });
    await logger.close();
    expect(fileLines()).toEqual([
      { time: 5, level: 'debug', category: 'strategy', message: 'signal evaluated', symbol: 'SOL/USD', context: {} },
    ]);
  });

  it('close() resolves only after every line is on disk, across file rotation', async () => {
    const logger = createLogger({ logDir, clock: createManualClock(), store, maxFileBytes: 4096, maxFiles: 50 });
    for (let i = 0; i < 500; i += 1) logger.info('engine', `tick ${i}`, { i });
    logger.info('system', 'the last line before close');
    await logger.close();
    const lines = fileLines();
    expect(lines).toHaveLength(501);
    expect(lines.map((l) => l.message)).toEqual([
      ...Array.from({ length: 500 }, (_, i) => `tick ${i}`),
      'the last line before close',
    ]);
    expect(fs.readdirSync(logDir).length).toBeGreaterThan(5);
    await logger.close(); // idempotent
    expect(() => logger.info('system', 'after close')).not.toThrow();
  });

  it('redacts message, fields and errors before the file or the store sees them', async () => {
    const logger = createLogger({ logDir, clock: createManualClock(), store });
    logger.addSecret('kraken-secret-value');
    const error = new Error('signing failed for kraken-secret-value');
    logger.error('exchange', 'Authorization: Bearer abc.def.ghi', {
      symbol: 'BTC/USD',
      apiKey: 'plain-key',
      request: { url: 'https://x/ws?token=t0k3n&pair=XBTUSD', note: 'kraken-secret-value' },
      error,
    });
    await logger.close();
    const [line] = fileLines();
    expect(line?.message).toBe(`Authorization: ${REDACTED}`);
    expect(line?.context).toMatchObject({
      apiKey: REDACTED,
      request: { url: `https://x/ws?token=${REDACTED}&pair=XBTUSD`, note: REDACTED },
      error: { message: `signing failed for ${REDACTED}` },
    });
    const raw = fs.readFileSync(path.join(logDir, LOG_FILE_NAME), 'utf8');
    for (const leaked of ['kraken-secret-value', 'plain-key', 't0k3n', 'abc.def.ghi'])
      expect(raw).not.toContain(leaked);
    expect(store.query({})[0]?.context).toEqual(line?.context);
  });

  it('never throws when the store fails: the entry and the failure go to the file only', async () => {
    const seen: LogEntry[] = [];
    const broken: LogStore = {
      ...store,
      append: () => {
        throw new Error('SQLITE_FULL: database or disk is full');
      },
    };
    const logger = createLogger({ logDir, clock: createManualClock(), store: broken, onEntry: (e) => seen.push(e) });
    expect(() => logger.info('orders', 'order accepted')).not.toThrow();
    expect(() => logger.info('orders', 'order filled')).not.toThrow();
    await logger.close();
    const messages = fileLines().map((l) => l.message);
    expect(messages).toContain('order accepted');
    expect(messages).toContain('order filled');
    expect(messages.filter((m) => String(m).includes('log store could not save'))).toHaveLength(1);
    expect(seen).toEqual([]);
  });

  it('numbers entries itself when there is no store, and survives a listener that throws and logs', async () => {
    const seen: LogEntry[] = [];
    const logger = createLogger({
      logDir,
      clock: createManualClock(),
      onEntry: (e) => {
        seen.push(e);
        logger.error('system', 'an event listener failed');
        throw new Error('listener broke');
      },
    });
    logger.info('system', 'one');
    logger.info('system', 'two');
    await logger.close();
    // Entries logged by the listener are written and numbered but do not notify again.
    expect(seen.map((e) => e.message)).toEqual(['one', 'two']);
    expect(seen[0]?.id ?? 0).toBeLessThan(seen[1]?.id ?? 0);
    const messages = fileLines().map((l) => l.message);
    expect(messages.filter((m) => m === 'an event listener failed')).toHaveLength(2);
    expect(messages.filter((m) => m !== 'an event listener failed')).toEqual(['one', 'two']);
  });
});

/** Deterministic random numbers (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function rawFiles(root: string): Buffer[] {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => fs.readFileSync(path.join(d.parentPath, d.name)));
}

/** Every 20-character window of every secret: finds whole secrets and any partial leak. */
function findLeaks(root: string, secrets: readonly string[]): string[] {
  const windows = new Map<string, string>();
  for (const secret of secrets) {
    for (let i = 0; i + 20 <= secret.length; i += 1) windows.set(secret.slice(i, i + 20), secret);
  }
  const leaks = new Set<string>();
  for (const buf of rawFiles(root)) {
    const text = buf.toString('latin1');
    for (let i = 0; i + 20 <= text.length; i += 1) {
      const hit = windows.get(text.slice(i, i + 20));
      if (hit !== undefined) leaks.add(hit);
    }
  }
  return [...leaks];
}

describe('createLogger: no secret reaches the disk', () => {
  it('10,000 events seeded with secrets leave zero secret substrings in the log files and logs.db', async () => {
    const rand = prng(20240601);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
    const chars = (alphabet: string, n: number) => Array.from({ length: n }, () => pick([...alphabet])).join('');
    const krakenSecret = () => chars(BASE64, 32 + Math.floor(rand() * 57));
    const apiKey = () => chars(BASE64, 56);
    const anthropicKey = () => `sk-ant-api03-${chars(BASE64URL, 93)}AA`;
    const registered = [
      ...Array.from({ length: 100 }, krakenSecret),
      ...Array.from({ length: 50 }, apiKey),
      ...Array.from({ length: 20 }, anthropicKey),
    ];
    // Never registered: caught by shape (key-shaped base64/hex, sk-ant-, Bearer, sensitive keys).
    const unregistered = [
      ...Array.from({ length: 80 }, apiKey),
      ...Array.from({ length: 80 }, () => `${chars(BASE64, 86)}==`),
      ...Array.from({ length: 40 }, () => chars('0123456789abcdef', 64)),
      ...Array.from({ length: 40 }, () => chars(BASE64URL, 48 + Math.floor(rand() * 40))),
      ...Array.from({ length: 20 }, anthropicKey),
    ];
    const secrets = [...registered, ...unregistered];
    const isRegistered = new Set(registered);
    const levels: LogLevel[] = ['error', 'warn', 'info', 'debug'];
    const symbols = ['BTC/USD', 'ETH/USD', 'SOL/EUR', 'XRP/USD'];

    const logger = createLogger({
      logDir,
      clock: createManualClock(1_700_000_000_000),
      store,
      level: 'debug',
      maxFileBytes: 1024 * 1024,
    });
    for (let n = 0; n < 10_000; n += 1) {
      const s = pick(secrets);
      // Registered secrets are taught as the app would: when loaded, before they are ever used.
      if (isRegistered.has(s)) logger.addSecret(s);
      const level = pick(levels);
      const category = pick(LOG_CATEGORIES);
      const symbol = pick(symbols);
      switch (n % 10) {
        case 0:
          logger.log(level, category, `signing request #${n} with ${s} failed`, { symbol, n });
          break;
        case 1:
          logger.log(level, category, `order #${n} accepted`, {
            symbol,
            n,
            request: { body: { items: [{ note: `material ${s} here` }, s] } },
          });
          break;
        case 2:
          logger.log(level, category, `credentials #${n}`, {
            n,
            apiSecret: s,
            headers: { 'API-Key': s, 'API-Sign': s },
            password: s,
          });
          break;
        case 3:
          logger.log(level, category, `exchange error #${n}`, { symbol, n, error: new Error(`EAPI:Invalid key ${s}`) });
          break;
        case 4: {
          const error = Object.assign(new Error(`boom #${n}`), { detail: { raw: s } });
          error.stack = `Error: boom\n    at sign (/app/${s}/kraken.js:1:2)\n    at post (${s})`;
          logger.log(level, category, `stack #${n}`, { n, error });
          break;
        }
        case 5:
          logger.log(level, category, `Authorization: Bearer ${s}`, {
            n,
            headers: { authorization: `Bearer ${s}`, Authorization: `Basic ${s}` },
          });
          break;
        case 6:
          logger.log(level, category, `GET https://api.kraken.com/0/private/Balance?token=${s}&nonce=${n}`, {
            symbol,
            n,
          });
          break;
        case 7:
          logger.log(level, category, `body #${n}`, { n, body: JSON.stringify({ secret: s, pair: 'XBTUSD', key: s }) });
          break;
        case 8:
          logger.log(level, category, `x-api-key: ${s}`, {
            n,
            text: `API-Key: ${s}\r\nAPI-Sign: ${s}`,
            cause: new Error(s),
          });
          break;
        default:
          logger.log(level, category, `sk and key ${s}`, { symbol, n, nested: { deeper: { deepest: [s, { s }] } } });
      }
    }
    await logger.close();

    expect(findLeaks(dir, secrets)).toEqual([]); // logs/*.log, logs.db, logs.db-wal (store still open)
    expect(fs.readdirSync(dir).sort()).toEqual(['logs', 'logs.db', 'logs.db-shm', 'logs.db-wal']);
    expect(fs.statSync(path.join(dir, 'logs.db-wal')).size).toBeGreaterThan(0);

    // Nothing was lost or over-redacted: every event is in the store and the files, with its number.
    expect(store.count()).toBe(10_000);
    const numbers = fileLines().map((l) => (l.context as { n: number }).n);
    expect(numbers).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
    expect(fs.readdirSync(logDir).length).toBeGreaterThan(1); // rotation was exercised

    store.close();
    expect(findLeaks(dir, secrets)).toEqual([]); // after the WAL is checkpointed into logs.db
  }, 60_000);
});
