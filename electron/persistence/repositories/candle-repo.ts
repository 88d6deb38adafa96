import type { Database } from 'better-sqlite3';
import { TIMEFRAME_MS, TIMEFRAMES, type Candle, type Timeframe } from '../../../shared/domain/market.js';
import type { CandleCache, CandleColumnArrays } from '../../engine/market/candle-cache-port.js';
import { findGaps, mergeRanges, type CandleGap, type TimeRange } from '../../engine/market/candle-gaps.js';
import { CANDLE_COLUMNS_SELECT, readCandleColumns, registerCandleColumns } from './candle-columns.js';

/** A candle that cannot be stored (NaN, Infinity, negative volume, a fractional time). Nothing was written. */
export class CandleValidationError extends Error {
  readonly index: number;
  constructor(message: string, index: number) {
    super(message);
    this.name = 'CandleValidationError';
    this.index = index;
  }
}

export type CandleSeriesInfo = {
  source: string;
  symbol: string;
  timeframe: Timeframe;
  count: number;
  first: number;
  last: number;
};

export type CandleRepo = CandleCache & {
  /** Candles with open time in [from, to] as typed-array columns, oldest first: the fast bulk read. */
  rangeColumns(source: string, symbol: string, timeframe: Timeframe, from: number, to: number): CandleColumnArrays;
  /** Every stored series with its size and time span (a scan of the primary key: not for hot paths). */
  series(): CandleSeriesInfo[];
};

type Key = [source: string, symbol: string, timeframe: string];
const KEY = 'source = ? AND symbol = ? AND timeframe = ?';
/** Candles per INSERT statement in a bulk upsert (x 9 parameters, far below SQLite's limit). */
const BATCH = 64;
/** Column arrays start this large (or smaller for short ranges) and double as rows arrive. */
const FIRST_CAPACITY = 65_536;

function describe(value: number): string {
  return Number.isNaN(value) ? 'NaN' : String(value);
}

function problem(c: Candle): string | null {
  if (typeof c !== 'object' || c === null) return 'is not a candle';
  if (!Number.isSafeInteger(c.time) || c.time < 0)
    return `time ${describe(c.time)} is not a whole, non-negative UTC ms`;
  for (const field of ['open', 'high', 'low', 'close', 'volume'] as const) {
    const v = c[field];
    if (typeof v !== 'number' || !Number.isFinite(v))
      return `${field} is ${typeof v === 'number' ? describe(v) : String(v)}`;
  }
  if (c.volume < 0) return `volume ${c.volume} is negative`;
  return null;
}

function checkKey(source: string, symbol: string, timeframe: Timeframe): Key {
  if (!source || !symbol) throw new CandleValidationError('a candle series needs a source and a symbol', -1);
  if (!TIMEFRAMES.includes(timeframe)) throw new CandleValidationError(`unknown timeframe "${String(timeframe)}"`, -1);
  return [source, symbol, timeframe];
}

/** The SQLite candle store behind the CandleStore/CandleCache ports. All SQL for candles is here. */
export function createCandleRepo(db: Database): CandleRepo {
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
      for (let i = 0; i < candles.length; i++) {
        const c = candles[i]!;
        const why = problem(c);
        if (why) {
          const at = Number.isSafeInteger(c?.time) && c.time >= 0 ? ` at ${new Date(c.time).toISOString()}` : '';
          throw new CandleValidationError(
            `candle ${i + 1} of ${candles.length} (${source} ${symbol} ${timeframe}${at}): ${why}. Nothing was written.`,
            i,
          );
        }
      }
      writeAll(key, candles);
      return candles.length;
    },
    range(source, symbol, timeframe, from, to) {
      const c = repo.rangeColumns(source, symbol, timeframe, from, to);
      const out = new Array<Candle>(c.time.length);
      for (let i = 0; i < out.length; i++) {
        out[i] = {
          time: c.time[i]!,
          open: c.open[i]!,
          high: c.high[i]!,
          low: c.low[i]!,
          close: c.close[i]!,
          volume: c.volume[i]!,
        };
      }
      return out;
    },
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
