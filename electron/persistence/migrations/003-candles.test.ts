import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration.js';
import { migration001 } from './001-settings.js';
import { migration002 } from './002-audit.js';
import { migration003 } from './003-candles.js';

describe('migration 003: candles', () => {
  it('creates the candle table keyed (source, symbol, timeframe, time) and the holes table, user_version 3', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, [migration001, migration002, migration003])).toEqual({ from: 0, to: 3 });
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    const pk = db
      .prepare<[], { name: string; pk: number }>("SELECT name, pk FROM pragma_table_info('candles') WHERE pk > 0")
      .all()
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    expect(pk).toEqual(['source', 'symbol', 'timeframe', 'time']);

    const insert = db.prepare('INSERT INTO candles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run('kraken', 'BTC/USD', '1m', 60_000, 1, 2, 0.5, 1.5, 10);
    expect(() => insert.run('kraken', 'BTC/USD', '1m', 60_000, 1, 2, 0.5, 1.5, 10)).toThrow(/UNIQUE/);
    insert.run('kraken', 'BTC/USD', '5m', 60_000, 1, 2, 0.5, 1.5, 10); // another timeframe is another key
    expect(() => insert.run('kraken', 'BTC/USD', '1m', 120_000, 'x', 2, 0.5, 1.5, 10)).toThrow(); // STRICT
    expect(() => insert.run('kraken', 'BTC/USD', '1m', -60_000, 1, 2, 0.5, 1.5, 10)).toThrow(/CHECK/);

    // A range of one series is a search on the primary key, not a scan.
    const plan = db
      .prepare<unknown[], { detail: string }>(
        'EXPLAIN QUERY PLAN SELECT * FROM candles WHERE source = ? AND symbol = ? AND timeframe = ? AND time BETWEEN ? AND ? ORDER BY time',
      )
      .all('kraken', 'BTC/USD', '1m', 0, 1)
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(
      /SEARCH candles USING PRIMARY KEY \(source=\? AND symbol=\? AND timeframe=\? AND time>\? AND time<\?\)/,
    );
    expect(plan).not.toMatch(/TEMP B-TREE/);

    const hole = db.prepare('INSERT INTO candle_holes VALUES (?, ?, ?, ?, ?, ?)');
    hole.run('kraken', 'BTC/USD', '1m', 0, 60_000, 1);
    expect(() => hole.run('kraken', 'BTC/USD', '1m', 120_000, 60_000, 1)).toThrow(/CHECK/);
    db.close();
  });
});
