import type { Migration } from '../migration.js';

/**
 * Candles, keyed (source, symbol, timeframe, open time UTC ms): `source` is 'simulator' or a ccxt
 * exchange id. WITHOUT ROWID clusters the rows by that key, so a range of one series is one
 * sequential scan of the primary key. OHLCV are REAL (analysis numbers; money is exact elsewhere).
 *
 * `candle_holes` records ranges a source was asked for and answered without candles (closed
 * history it no longer serves, such as Kraken beyond its latest 720 candles, or intervals without
 * trades), so the same range is never fetched twice.
 */
export const migration003: Migration = {
  version: 3,
  name: 'candles',
  up(db) {
    db.exec(`
      CREATE TABLE candles (
        source TEXT NOT NULL,
        symbol TEXT NOT NULL,
        timeframe TEXT NOT NULL,
        time INTEGER NOT NULL CHECK (time >= 0),
        open REAL NOT NULL,
        high REAL NOT NULL,
        low REAL NOT NULL,
        close REAL NOT NULL,
        volume REAL NOT NULL,
        PRIMARY KEY (source, symbol, timeframe, time)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE candle_holes (
        source TEXT NOT NULL,
        symbol TEXT NOT NULL,
        timeframe TEXT NOT NULL,
        from_time INTEGER NOT NULL,
        to_time INTEGER NOT NULL CHECK (to_time >= from_time),
        checked_at INTEGER NOT NULL,
        PRIMARY KEY (source, symbol, timeframe, from_time)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
