import type { Migration } from '../migration.js';

/**
 * Candles as column blocks (persistence/repositories/candle-repo.ts): `candle_series` names each
 * (source, symbol, timeframe) once; `candle_blocks` holds one row per series and block (1440 slots of
 * the timeframe aligned to the epoch: a UTC day of 1-minute candles) with the encoded, compressed
 * columns (candle-codec.ts), the candle count and the first and last open time, both indexed.
 *
 * An empty `candles` table (migration 003) is dropped here. One with rows is left in place and
 * converted chunk by chunk when the candle store opens (persistence/candle-conversion.ts): resumable,
 * and the old rows stay readable until the last one is converted.
 */
export const migration012: Migration = {
  version: 12,
  name: 'candle-blocks',
  up(db) {
    db.exec(`
      CREATE TABLE candle_series (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        symbol TEXT NOT NULL,
        timeframe TEXT NOT NULL,
        UNIQUE (source, symbol, timeframe)
      ) STRICT;

      CREATE TABLE candle_blocks (
        series INTEGER NOT NULL REFERENCES candle_series (id),
        first_time INTEGER NOT NULL CHECK (first_time >= 0),
        last_time INTEGER NOT NULL CHECK (last_time >= first_time),
        count INTEGER NOT NULL CHECK (count > 0),
        data BLOB NOT NULL,
        PRIMARY KEY (series, first_time)
      ) STRICT;

      CREATE INDEX candle_blocks_last ON candle_blocks (series, last_time);
    `);
    if (db.prepare('SELECT 1 FROM candles LIMIT 1').get() === undefined) db.exec('DROP TABLE candles');
  },
};
