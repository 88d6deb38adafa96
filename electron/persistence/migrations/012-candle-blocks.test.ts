import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration.js';
import { MIGRATIONS } from './index.js';

describe('migration 012: candle blocks', () => {
  it('creates series and blocks keyed (series, first time) with the last time indexed; drops an empty candles table', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, MIGRATIONS.slice(0, 12))).toEqual({ from: 0, to: 12 });
    db.pragma('foreign_keys = ON');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'candles'").get()).toBeUndefined();
    const series = db.prepare('INSERT INTO candle_series (source, symbol, timeframe) VALUES (?, ?, ?)');
    const id = Number(series.run('kraken', 'BTC/USD', '1m').lastInsertRowid);
    expect(() => series.run('kraken', 'BTC/USD', '1m')).toThrow(/UNIQUE/);
    const block = db.prepare(
      'INSERT INTO candle_blocks (series, first_time, last_time, count, data) VALUES (?, ?, ?, ?, ?)',
    );
    block.run(id, 0, 60_000, 2, Buffer.from([0]));
    expect(() => block.run(id, 0, 60_000, 2, Buffer.from([0]))).toThrow(/UNIQUE/);
    expect(() => block.run(id, 120_000, 60_000, 2, Buffer.from([0]))).toThrow(/CHECK/);
    expect(() => block.run(id, 120_000, 180_000, 0, Buffer.from([0]))).toThrow(/CHECK/);
    expect(() => block.run(id + 1, 120_000, 180_000, 1, Buffer.from([0]))).toThrow(/FOREIGN KEY/);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(id, 0, 1, 0) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    expect(
      plan('SELECT data FROM candle_blocks WHERE series = ? AND first_time BETWEEN ? AND ? AND last_time >= ?'),
    ).toMatch(/SEARCH candle_blocks USING (INDEX sqlite_autoindex_candle_blocks_1|INDEX candle_blocks_last)/);
    db.close();
  });

  it('keeps a candles table that holds rows, for the conversion to move', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS.slice(0, 11));
    db.prepare('INSERT INTO candles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      'kraken',
      'BTC/USD',
      '1m',
      0,
      1,
      2,
      0.5,
      1.5,
      1,
    );
    expect(migrate(db, MIGRATIONS.slice(0, 12))).toEqual({ from: 11, to: 12 });
    expect(db.prepare('SELECT COUNT(*) FROM candles').pluck().get()).toBe(1);
    db.close();
  });
});
