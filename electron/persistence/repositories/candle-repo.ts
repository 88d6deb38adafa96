import type { Database } from 'better-sqlite3';
import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../shared/domain/market.js';
import type { CandleCache, CandleColumnArrays } from '../../engine/market/candle-cache-port.js';
import { findGaps, mergeRanges, type CandleGap, type TimeRange } from '../../engine/market/candle-gaps.js';
import { convertCandleRows, type ConversionProgress } from '../candle-conversion.js';
import { blockSpan, createBlockWriter, type StoredBlock } from './candle-block-writer.js';
import { decodeBlock, decodeBlockTimes } from './candle-codec.js';
import {
  allocateColumns,
  allocateColumnsUnfilled,
  candleOfColumns,
  candlesToColumns,
  columnsToCandles,
  copyColumns,
  lowerBound,
} from './candle-columns-build.js';
import { checkCandles, checkKey, type SeriesKey } from './candle-validation.js';

export { CandleValidationError } from './candle-validation.js';
export type { ConversionProgress } from '../candle-conversion.js';

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
  /** Every stored series with its size and time span. */
  series(): CandleSeriesInfo[];
};

export type CandleRepoOptions = {
  /** Progress of converting a row-per-candle table (schema before 12) into blocks, on the first open. */
  onConversion?: (progress: ConversionProgress) => void;
};

const EMPTY = () => allocateColumns(0);

/**
 * The SQLite candle store behind the CandleStore/CandleCache ports: candles as compressed column
 * blocks (candle-codec.ts), one row per series and block (candle_blocks, migration 012), with the
 * block's first and last open time indexed. A range read decodes only the blocks it touches, straight
 * into Float64Array columns; a write decodes, merges and rewrites only the blocks its candles fall in
 * (for live candles: the last one). All SQL for candles is here and in candle-block-writer.ts.
 *
 * Opening it finishes converting an old `candles` table, if one is left (candle-conversion.ts).
 */
export function createCandleRepo(db: Database, options: CandleRepoOptions = {}): CandleRepo {
  convertCandleRows(db, options.onConversion ? { onProgress: options.onConversion } : {});
  const writer = createBlockWriter(db);
  const blocksIn = db.prepare<[number, number, number, number], StoredBlock>(
    `SELECT first_time AS first, last_time AS last, count, data FROM candle_blocks
     WHERE series = ? AND first_time BETWEEN ? AND ? AND last_time >= ? ORDER BY first_time`,
  );
  const countsIn = db.prepare<[number, number, number, number], Omit<StoredBlock, 'data'>>(
    `SELECT first_time AS first, last_time AS last, count FROM candle_blocks
     WHERE series = ? AND first_time BETWEEN ? AND ? AND last_time >= ?`,
  );
  const blockData = db.prepare<[number, number], Buffer>(
    'SELECT data FROM candle_blocks WHERE series = ? AND first_time = ?',
  );
  blockData.pluck();
  const edge = (order: 'ASC' | 'DESC') =>
    db.prepare<[number], { count: number; data: Buffer }>(
      `SELECT count, data FROM candle_blocks WHERE series = ? ORDER BY first_time ${order} LIMIT 1`,
    );
  const firstBlock = edge('ASC');
  const lastBlock = edge('DESC');
  const holesIn = db.prepare<[...SeriesKey, number, number], TimeRange>(
    `SELECT from_time AS "from", to_time AS "to" FROM candle_holes
     WHERE source = ? AND symbol = ? AND timeframe = ? AND from_time <= ? AND to_time >= ? ORDER BY from_time`,
  );
  const deleteHole = db.prepare<[...SeriesKey, number]>(
    'DELETE FROM candle_holes WHERE source = ? AND symbol = ? AND timeframe = ? AND from_time = ?',
  );
  const insertHole = db.prepare<[...SeriesKey, number, number, number]>(
    'INSERT INTO candle_holes (source, symbol, timeframe, from_time, to_time, checked_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const seriesList = db.prepare<[], CandleSeriesInfo>(
    `SELECT s.source, s.symbol, s.timeframe, SUM(b.count) AS count, MIN(b.first_time) AS first, MAX(b.last_time) AS last
     FROM candle_series s JOIN candle_blocks b ON b.series = s.id
     GROUP BY s.id ORDER BY s.source, s.symbol, s.timeframe`,
  );

  const write = db.transaction((key: SeriesKey, columns: CandleColumnArrays, length: number) => {
    writer.write(writer.seriesId(key, true)!, key[2], columns, length);
  });

  const writeHoles = db.transaction((key: SeriesKey, ranges: readonly TimeRange[], now: number, step: number) => {
    for (const r of ranges) {
      const overlapping = holesIn.all(...key, r.to + step, r.from - step);
      for (const h of overlapping) deleteHole.run(...key, h.from);
      for (const m of mergeRanges([...overlapping, r], step)) insertHole.run(...key, m.from, m.to, now);
    }
  });

  /** The stored blocks of the series that hold candles in [from, to], oldest first. */
  const touched = (key: SeriesKey, from: number, to: number): StoredBlock[] => {
    if (!(to >= from)) return [];
    const series = writer.seriesId(key, false);
    if (series === null) return [];
    const start = Math.floor(from / blockSpan(key[2])) * blockSpan(key[2]);
    return blocksIn.all(series, start, to, from);
  };

  const readColumns = (key: SeriesKey, from: number, to: number): CandleColumnArrays => {
    const blocks = touched(key, from, to);
    if (blocks.length === 0) return EMPTY();
    // Blocks that stick out of [from, to] (at most the first and the last) are decoded aside and trimmed.
    const partial = new Map<StoredBlock, { columns: CandleColumnArrays; lo: number; hi: number }>();
    let total = 0;
    for (const b of blocks) {
      if (b.first >= from && b.last <= to) {
        total += b.count;
        continue;
      }
      const columns = allocateColumns(b.count);
      decodeBlock(b.data, columns, 0);
      const lo = lowerBound(columns.time, from, 0, b.count);
      const hi = lowerBound(columns.time, to + 1, lo, b.count);
      partial.set(b, { columns, lo, hi });
      total += hi - lo;
    }
    // Every element is written below (the check after the loop makes sure): no zero fill first.
    const out = allocateColumnsUnfilled(total);
    let at = 0;
    for (const b of blocks) {
      const part = partial.get(b);
      if (part) {
        copyColumns(part.columns, part.lo, out, at, part.hi - part.lo);
        at += part.hi - part.lo;
      } else {
        const n = decodeBlock(b.data, out, at);
        if (n !== b.count)
          throw new Error(`candle block of ${key.join(' ')} holds ${n} candles, its row says ${b.count}`);
        at += n;
      }
    }
    if (at !== total) throw new Error(`candle blocks of ${key.join(' ')} decoded ${at} candles, not ${total}`);
    return out;
  };

  const decodeOne = (block: { count: number; data: Buffer } | undefined, pick: 'first' | 'last'): Candle | null => {
    if (!block) return null;
    const c = allocateColumns(block.count);
    const n = decodeBlock(block.data, c, 0);
    return candleOfColumns(c, pick === 'first' ? 0 : n - 1);
  };

  const repo: CandleRepo = {
    series: () => seriesList.all(),
    upsert(source, symbol, timeframe, candles) {
      const key = checkKey(source, symbol, timeframe);
      if (candles.length === 0) return 0;
      const { columns, length } = candlesToColumns(candles, () => {
        checkCandles(key, candles); // throws, naming the first candle that cannot be stored
        throw new Error('a candle was refused without a reason');
      });
      write(key, columns, length);
      return candles.length;
    },
    range: (source, symbol, timeframe, from, to) =>
      columnsToCandles(repo.rangeColumns(source, symbol, timeframe, from, to)),
    rangeColumns: (source, symbol, timeframe, from, to) => readColumns(checkKey(source, symbol, timeframe), from, to),
    latest(source, symbol, timeframe) {
      const series = writer.seriesId(checkKey(source, symbol, timeframe), false);
      return series === null ? null : decodeOne(lastBlock.get(series), 'last');
    },
    earliest(source, symbol, timeframe) {
      const series = writer.seriesId(checkKey(source, symbol, timeframe), false);
      return series === null ? null : decodeOne(firstBlock.get(series), 'first');
    },
    count(source, symbol, timeframe, from = 0, to = Number.MAX_SAFE_INTEGER) {
      const key = checkKey(source, symbol, timeframe);
      if (!(to >= from)) return 0;
      const series = writer.seriesId(key, false);
      if (series === null) return 0;
      const span = blockSpan(timeframe);
      let n = 0;
      let times: Float64Array | null = null;
      for (const b of countsIn.all(series, Math.floor(from / span) * span, to, from)) {
        if (b.first >= from && b.last <= to) {
          n += b.count;
          continue;
        }
        if (!times || times.length < b.count) times = new Float64Array(b.count);
        decodeBlockTimes(blockData.get(series, b.first)!, times, 0);
        n += lowerBound(times, to + 1, 0, b.count) - lowerBound(times, from, 0, b.count);
      }
      return n;
    },
    gaps(source, symbol, timeframe, from, to): CandleGap[] {
      const step = TIMEFRAME_MS[timeframe];
      const times = readColumns(checkKey(source, symbol, timeframe), from, to).time;
      return findGaps(times, from, to, step);
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
