import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/market.js';
import { openDatabase, type Database } from '../database.js';
import { migrate } from '../migration.js';
import { MIGRATIONS } from '../migrations/index.js';
import { CandleValidationError, createCandleRepo, type CandleRepo } from './candle-repo.js';

const M = 60_000;
const T0 = Date.UTC(2024, 0, 1);
const candle = (i: number, close = 100 + i): Candle => ({
  time: T0 + i * M,
  open: 100 + i,
  high: 110 + i,
  low: 90 + i,
  close,
  volume: i,
});
const series = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => candle(from + k));

describe('candle repo', () => {
  let db: Database;
  let repo: CandleRepo;
  beforeEach(() => {
    db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS);
    repo = createCandleRepo(db);
  });
  afterEach(() => db.close());

  it('stores and reads back a range, oldest first, as objects and as columns', () => {
    expect(repo.upsert('kraken', 'BTC/USD', '1m', series(0, 9).reverse())).toBe(10);
    const got = repo.range('kraken', 'BTC/USD', '1m', T0 + 2 * M, T0 + 4 * M);
    expect(got).toEqual(series(2, 4));
    const cols = repo.rangeColumns('kraken', 'BTC/USD', '1m', T0, T0 + 9 * M);
    expect(cols.time).toBeInstanceOf(Float64Array);
    expect(Array.from(cols.time)).toEqual(series(0, 9).map((c) => c.time));
    expect(Array.from(cols.volume)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(repo.rangeColumns('kraken', 'BTC/USD', '1m', T0 + 5 * M, T0).time.length).toBe(0);
  });

  it('keeps series apart by source, symbol and timeframe', () => {
    repo.upsert('kraken', 'BTC/USD', '1m', series(0, 2));
    repo.upsert('simulator', 'BTC/USD', '1m', series(0, 0));
    repo.upsert('kraken', 'ETH/USD', '1m', series(0, 1));
    repo.upsert('kraken', 'BTC/USD', '5m', [candle(0)]);
    expect(repo.count('kraken', 'BTC/USD', '1m')).toBe(3);
    expect(repo.count('simulator', 'BTC/USD', '1m')).toBe(1);
    expect(repo.count('kraken', 'ETH/USD', '1m')).toBe(2);
    expect(repo.count('kraken', 'BTC/USD', '5m')).toBe(1);
    expect(repo.count('kraken', 'BTC/USD', '1m', T0 + M, T0 + 5 * M)).toBe(2);
  });

  it('upserts idempotently: the same candle twice is one row with the newest values', () => {
    repo.upsert('kraken', 'BTC/USD', '1m', series(0, 4));
    repo.upsert('kraken', 'BTC/USD', '1m', [candle(2, 555)]);
    expect(repo.count('kraken', 'BTC/USD', '1m')).toBe(5);
    expect(repo.range('kraken', 'BTC/USD', '1m', T0 + 2 * M, T0 + 2 * M)[0]!.close).toBe(555);
  });

  it('upserts in batches: the same time twice in one call keeps the last, across batch edges', () => {
    const rows = series(0, 199);
    rows.push({ ...candle(5), close: 7 }, { ...candle(70), close: 8 }); // duplicates in a later batch / the tail
    expect(repo.upsert('kraken', 'BTC/USD', '1m', rows)).toBe(202);
    expect(repo.count('kraken', 'BTC/USD', '1m')).toBe(200);
    expect(repo.range('kraken', 'BTC/USD', '1m', T0 + 5 * M, T0 + 5 * M)[0]!.close).toBe(7);
    expect(repo.range('kraken', 'BTC/USD', '1m', T0 + 70 * M, T0 + 70 * M)[0]!.close).toBe(8);
    expect(repo.range('kraken', 'BTC/USD', '1m', T0, T0 + 300 * M)).toHaveLength(200);
  });

  it('knows the earliest and latest candle', () => {
    expect(repo.latest('kraken', 'BTC/USD', '1m')).toBeNull();
    repo.upsert('kraken', 'BTC/USD', '1m', series(3, 7));
    expect(repo.earliest('kraken', 'BTC/USD', '1m')).toEqual(candle(3));
    expect(repo.latest('kraken', 'BTC/USD', '1m')).toEqual(candle(7));
  });

  it('rejects NaN, Infinity and negative volume naming the row, and writes nothing', () => {
    const bad = series(0, 4);
    bad[3] = { ...bad[3]!, high: Number.NaN };
    expect(() => repo.upsert('kraken', 'BTC/USD', '1m', bad)).toThrow(
      /candle 4 of 5 \(kraken BTC\/USD 1m at 2024-01-01T00:03:00.000Z\): high is NaN\. Nothing was written\./,
    );
    expect(repo.count('kraken', 'BTC/USD', '1m')).toBe(0);
    expect(() => repo.upsert('kraken', 'BTC/USD', '1m', [{ ...candle(0), close: Infinity }])).toThrow(
      CandleValidationError,
    );
    expect(() => repo.upsert('kraken', 'BTC/USD', '1m', [{ ...candle(0), volume: -1 }])).toThrow(
      /volume -1 is negative/,
    );
    expect(() => repo.upsert('kraken', 'BTC/USD', '1m', [{ ...candle(0), time: 1.5 }])).toThrow(/time 1.5/);
  });

  it('rolls back the whole upsert when the database refuses a block, inserted or rewritten', () => {
    repo.upsert('kraken', 'BTC/USD', '1m', [candle(0)]);
    const day = 1440;
    db.exec(
      `CREATE TRIGGER refuse BEFORE INSERT ON candle_blocks WHEN NEW.first_time >= ${T0 + day * M} BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
    // The first day's block is rewritten, then the second day's insert is refused: neither stays.
    expect(() => repo.upsert('kraken', 'BTC/USD', '1m', series(1, day + 10))).toThrow(/refused/);
    expect(repo.count('kraken', 'BTC/USD', '1m')).toBe(1);
    db.exec(
      `CREATE TRIGGER refuse_update BEFORE UPDATE ON candle_blocks WHEN NEW.count > 3 BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
    expect(() => repo.upsert('kraken', 'BTC/USD', '1m', series(1, 5))).toThrow(/refused/);
    expect(repo.range('kraken', 'BTC/USD', '1m', 0, Number.MAX_SAFE_INTEGER)).toEqual([candle(0)]);
  });

  it('reports missing intervals', () => {
    repo.upsert('kraken', 'BTC/USD', '1m', [...series(2, 3), ...series(6, 6)]);
    expect(repo.gaps('kraken', 'BTC/USD', '1m', T0, T0 + 8 * M)).toEqual([
      { from: T0, to: T0 + M, missing: 2 },
      { from: T0 + 4 * M, to: T0 + 5 * M, missing: 2 },
      { from: T0 + 7 * M, to: T0 + 8 * M, missing: 2 },
    ]);
    expect(repo.gaps('kraken', 'BTC/USD', '1m', T0 + 2 * M, T0 + 3 * M)).toEqual([]);
  });

  it('records holes and merges overlapping or touching ones', () => {
    repo.markHoles('kraken', 'BTC/USD', '1m', [{ from: T0, to: T0 + 2 * M }], 1);
    repo.markHoles('kraken', 'BTC/USD', '1m', [{ from: T0 + 3 * M, to: T0 + 4 * M }], 2);
    repo.markHoles('kraken', 'BTC/USD', '1m', [{ from: T0 + 10 * M, to: T0 + 11 * M }], 3);
    expect(repo.holes('kraken', 'BTC/USD', '1m', T0, T0 + 20 * M)).toEqual([
      { from: T0, to: T0 + 4 * M },
      { from: T0 + 10 * M, to: T0 + 11 * M },
    ]);
    expect(repo.holes('kraken', 'BTC/USD', '1m', T0 + 5 * M, T0 + 9 * M)).toEqual([]);
    expect(repo.holes('kraken', 'ETH/USD', '1m', T0, T0 + 20 * M)).toEqual([]);
  });

  it('keeps one row per series and UTC day of 1-minute candles; appends rewrite only the last block', () => {
    const day = 1440;
    repo.upsert('kraken', 'BTC/USD', '1m', series(0, 3 * day - 1)); // T0 is a UTC midnight
    const blocks = () =>
      db.prepare('SELECT first_time, last_time, count FROM candle_blocks ORDER BY first_time').all() as {
        first_time: number;
        last_time: number;
        count: number;
      }[];
    expect(blocks().map((b) => [b.first_time, b.last_time, b.count])).toEqual(
      [0, 1, 2].map((d) => [T0 + d * day * M, T0 + (d * day + day - 1) * M, day]),
    );
    const before = db.prepare('SELECT data FROM candle_blocks ORDER BY first_time LIMIT 2').pluck().all();
    repo.upsert('kraken', 'BTC/USD', '1m', [candle(3 * day), candle(3 * day + 1)]);
    expect(blocks()).toHaveLength(4);
    expect(db.prepare('SELECT data FROM candle_blocks ORDER BY first_time LIMIT 2').pluck().all()).toEqual(before);
    expect(repo.latest('kraken', 'BTC/USD', '1m')).toEqual(candle(3 * day + 1));
    expect(repo.count('kraken', 'BTC/USD', '1m', T0 + (day - 5) * M, T0 + (day + 4) * M)).toBe(10);
  });

  it('returns every value exactly as written: off any price grid, huge, tiny, negative, -0 as 0', () => {
    const odd: Candle[] = [
      { time: 5, open: 0.1 + 0.2, high: 1e300, low: -1e-300, close: Math.PI, volume: 5e-324 },
      { time: T0 + 7, open: 64_000.5, high: 64_001, low: 63_999.9, close: -0, volume: 0.123456789012 },
      { time: T0 + 90 * M, open: 64_000.5, high: 64_001, low: 63_999.9, close: 64_000, volume: 1 / 3 },
    ];
    repo.upsert('kraken', 'BTC/USD', '1m', odd);
    const back = repo.range('kraken', 'BTC/USD', '1m', 0, Number.MAX_SAFE_INTEGER);
    expect(back).toEqual(odd.map((c) => ({ ...c, close: c.close === 0 ? 0 : c.close })));
    expect(Object.is(back[1]!.close, 0)).toBe(true);
  });

  it('reads large ranges through the columnar path, exactly sized, on two repos of one connection', () => {
    const big = series(0, 99_999);
    repo.upsert('kraken', 'BTC/USD', '1m', big);
    const other = createCandleRepo(db);
    other.upsert('kraken', 'ETH/USD', '1m', series(0, 9));
    const cols = repo.rangeColumns('kraken', 'BTC/USD', '1m', 0, Number.MAX_SAFE_INTEGER);
    expect(cols.time.length).toBe(100_000);
    expect(cols.close[99_999]).toBe(100 + 99_999);
    expect(other.range('kraken', 'ETH/USD', '1m', T0, T0 + 100 * M)).toHaveLength(10);
  });
});

describe('candle repo on a real database file', () => {
  it('survives reopening with the production settings (WAL, synchronous FULL, all migrations)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-candles-'));
    try {
      const file = path.join(dir, 'workstation.db');
      let db = openDatabase({ file, migrations: MIGRATIONS, synchronous: 'FULL' });
      createCandleRepo(db).upsert('kraken', 'BTC/USD', '1h', [{ ...candle(0), time: T0 }]);
      db.close();
      db = openDatabase({ file, migrations: MIGRATIONS, synchronous: 'FULL' });
      expect(createCandleRepo(db).latest('kraken', 'BTC/USD', '1h')?.time).toBe(T0);
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
