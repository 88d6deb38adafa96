import type { Database } from 'better-sqlite3';
import { TIMEFRAME_MS, type Candle } from '../../../shared/domain/market.js';
import type { CandleColumnArrays } from '../../engine/market/candle-cache-port.js';
import { findGaps, mergeRanges, type CandleGap, type TimeRange } from '../../engine/market/candle-gaps.js';
import { CANDLE_COLUMNS_SELECT, readCandleColumns, registerCandleColumns } from './candle-columns.js';
import { columnsToCandles } from './candle-columns-build.js';
import type { CandleRepo, CandleSeriesInfo } from './candle-repo.js';
import { checkCandles, checkKey } from './candle-validation.js';

type Key = [source: string, symbol: string, timeframe: string];
const KEY = 'source = ? AND symbol = ? AND timeframe = ?';
/** Candles per INSERT statement in a bulk upsert (x 9 parameters, far below SQLite's limit). */
const BATCH = 64;
/** Column arrays start this large (or smaller for short ranges) and double as rows arrive. */
const FIRST_CAPACITY = 65_536;

/**
 * The row store: one SQLite row per candle in the `candles` table of migration 003, as the app kept
 * candles up to migration 012 (candle-repo.ts is the block store that replaced it). Kept only as
 * the baseline that bench/candles.ts measures the block store against and that the equivalence test
 * compares it with, value for value; the app does not use it. Needs a database at schema 3..11.
 */
export function createCandleRowRepo(db: Database): CandleRepo {
  registerCandleColumns(db);
  const upsertSql = (rows: number) =>
    `INSERT INTO candles (source, symbol, timeframe, time, open, high, low, close, volume)
     VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
     ON CONFLICT (source, symbol, timeframe, time) DO UPDATE SET
       open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume`;
  const upsertOne = db.prepare<unknown[]>(upsertSql(1));
  // BATCH rows per statement: one call from JS into SQLite per BATCH candles instead of per candle.
  const upsertBatch = db.prepare<unknown[]>(upsertSql(BATCH));
  const batchArgs = new Array<unknown>(BATCH * 9);
  const columns = db.prepare<unknown[]>(
    `SELECT ${CANDLE_COLUMNS_SELECT} FROM candles WHERE ${KEY} AND time BETWEEN ? AND ?`,
  );
  const countRange = db.prepare<[...Key, number, number], number>(
    `SELECT COUNT(*) FROM candles WHERE ${KEY} AND time BETWEEN ? AND ?`,
  );
  countRange.pluck();
  const times = db.prepare<[...Key, number, number], number>(
    `SELECT time FROM candles WHERE ${KEY} AND time BETWEEN ? AND ? ORDER BY time`,
  );
  times.pluck();
  const select = 'SELECT time, open, high, low, close, volume FROM candles';
  const latest = db.prepare<Key, Candle>(`${select} WHERE ${KEY} ORDER BY time DESC LIMIT 1`);
  const earliest = db.prepare<Key, Candle>(`${select} WHERE ${KEY} ORDER BY time ASC LIMIT 1`);
  const holesIn = db.prepare<[...Key, number, number], TimeRange>(
    `SELECT from_time AS "from", to_time AS "to" FROM candle_holes
     WHERE ${KEY} AND from_time <= ? AND to_time >= ? ORDER BY from_time`,
  );
  const deleteHole = db.prepare<[...Key, number]>(`DELETE FROM candle_holes WHERE ${KEY} AND from_time = ?`);
  const insertHole = db.prepare<[...Key, number, number, number]>(
    'INSERT INTO candle_holes (source, symbol, timeframe, from_time, to_time, checked_at) VALUES (?, ?, ?, ?, ?, ?)',
  );

  const writeAll = db.transaction((key: Key, candles: readonly Candle[]) => {
    const [source, symbol, timeframe] = key;
    let i = 0;
    for (; i + BATCH <= candles.length; i += BATCH) {
      for (let k = 0, a = 0; k < BATCH; k++) {
        const c = candles[i + k]!;
        batchArgs[a++] = source;
        batchArgs[a++] = symbol;
        batchArgs[a++] = timeframe;
        batchArgs[a++] = c.time;
        batchArgs[a++] = c.open;
        batchArgs[a++] = c.high;
        batchArgs[a++] = c.low;
        batchArgs[a++] = c.close;
        batchArgs[a++] = c.volume;
      }
      upsertBatch.run(batchArgs);
    }
    for (; i < candles.length; i++) {
      const c = candles[i]!;
      upsertOne.run(source, symbol, timeframe, c.time, c.open, c.high, c.low, c.close, c.volume);
    }
  });

  const readColumns = (key: Key, from: number, to: number, step: number): CandleColumnArrays => {
    // At most one candle per slot (unless some are off the grid: then the arrays grow).
    const slots = Math.floor((to - from) / step) + 1;
    return readCandleColumns(columns, [...key, from, to], Math.min(slots, FIRST_CAPACITY));
  };

  const writeHoles = db.transaction((key: Key, ranges: readonly TimeRange[], now: number, step: number) => {
    for (const r of ranges) {
      const overlapping = holesIn.all(...key, r.to + step, r.from - step);
      for (const h of overlapping) deleteHole.run(...key, h.from);
      for (const m of mergeRanges([...overlapping, r], step)) insertHole.run(...key, m.from, m.to, now);
    }
  });

  const seriesList = db.prepare<[], CandleSeriesInfo>(
    `SELECT source, symbol, timeframe, COUNT(*) AS count, MIN(time) AS first, MAX(time) AS last
     FROM candles GROUP BY source, symbol, timeframe ORDER BY source, symbol, timeframe`,
  );

  const repo: CandleRepo = {
    series: () => seriesList.all(),
    upsert(source, symbol, timeframe, candles) {
      const key = checkKey(source, symbol, timeframe);
      checkCandles(key, candles);
      writeAll(key, candles);
      return candles.length;
    },
    range: (source, symbol, timeframe, from, to) =>
      columnsToCandles(repo.rangeColumns(source, symbol, timeframe, from, to)),
    rangeColumns(source, symbol, timeframe, from, to) {
      const key = checkKey(source, symbol, timeframe);
      if (!(to >= from)) return readCandleColumns(columns, [...key, 1, 0], 0);
      return readColumns(key, from, to, TIMEFRAME_MS[timeframe]);
    },
    latest: (source, symbol, timeframe) => latest.get(...checkKey(source, symbol, timeframe)) ?? null,
    earliest: (source, symbol, timeframe) => earliest.get(...checkKey(source, symbol, timeframe)) ?? null,
    count(source, symbol, timeframe, from = 0, to = Number.MAX_SAFE_INTEGER) {
      return countRange.get(...checkKey(source, symbol, timeframe), from, to) ?? 0;
    },
    gaps(source, symbol, timeframe, from, to): CandleGap[] {
      const step = TIMEFRAME_MS[timeframe];
      return findGaps(times.all(...checkKey(source, symbol, timeframe), from, to), from, to, step);
    },
    holes(source, symbol, timeframe, from, to) {
      return holesIn.all(...checkKey(source, symbol, timeframe), to, from);
    },
    markHoles(source, symbol, timeframe, ranges, now) {
      if (ranges.length > 0) writeHoles(checkKey(source, symbol, timeframe), ranges, now, TIMEFRAME_MS[timeframe]);
    },
  };
  return repo;
}
