import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration.js';
import { MIGRATIONS } from '../migrations/index.js';
import { CANDLE_COLUMNS_SELECT, readCandleColumns } from './candle-columns.js';
import { createCandleRowRepo } from './candle-row-repo.js';

const M = 60_000;
const T0 = Date.UTC(2024, 0, 1);

describe('candle row store (the baseline before the block store, on a schema-11 database)', () => {
  it('sorts columns by time if SQLite ever hands rows out of order', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS.slice(0, 11));
    const repo = createCandleRowRepo(db);
    repo.upsert(
      'kraken',
      'BTC/USD',
      '1m',
      [0, 1, 2, 3, 4].map((i) => ({ time: T0 + i * M, open: 100 + i, high: 110, low: 90, close: 100, volume: i })),
    );
    const reversed = db.prepare(`SELECT ${CANDLE_COLUMNS_SELECT} FROM (SELECT * FROM candles ORDER BY time DESC)`);
    const cols = readCandleColumns(reversed, [], 2);
    expect(Array.from(cols.open)).toEqual([100, 101, 102, 103, 104]);
    expect(repo.count('kraken', 'BTC/USD', '1m')).toBe(5);
    db.close();
  });
});
