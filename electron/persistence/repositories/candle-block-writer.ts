import type { Database } from 'better-sqlite3';
import { TIMEFRAME_MS, type Timeframe } from '../../../shared/domain/market.js';
import type { CandleColumnArrays } from '../../engine/market/candle-cache-port.js';
import { decodeBlock, encodeBlock } from './candle-codec.js';
import { allocateColumns, BLOCK_SLOTS, mergeColumns, sliceColumns } from './candle-columns-build.js';
import type { SeriesKey } from './candle-validation.js';

/** The time span of one block of a timeframe: BLOCK_SLOTS candles, aligned to the Unix epoch (1m: a UTC day). */
export function blockSpan(timeframe: Timeframe): number {
  const step = TIMEFRAME_MS[timeframe];
  if (step === undefined) throw new RangeError(`unknown timeframe "${String(timeframe)}"`);
  return step * BLOCK_SLOTS;
}

export type StoredBlock = { first: number; last: number; count: number; data: Buffer };

export type BlockWriter = {
  /** The series' id; with `create`, a new series gets one (inside the caller's transaction). */
  seriesId(key: SeriesKey, create: boolean): number | null;
  /**
   * Writes candles [0, n) of `c` (ascending, one per time) into their blocks: a block that already
   * holds candles is decoded, merged (the new values win on equal times) and rewritten; otherwise a
   * new block is inserted. Run it inside a transaction.
   */
  write(series: number, timeframe: Timeframe, c: CandleColumnArrays, n: number): void;
};

// Room for an existing block and a merge with it (grown on demand; writes are synchronous).
let stored = allocateColumns(BLOCK_SLOTS);
let merged = allocateColumns(2 * BLOCK_SLOTS);

export function createBlockWriter(db: Database): BlockWriter {
  const findSeries = db.prepare<SeriesKey, number>(
    'SELECT id FROM candle_series WHERE source = ? AND symbol = ? AND timeframe = ?',
  );
  findSeries.pluck();
  const addSeries = db.prepare<SeriesKey>(
    'INSERT INTO candle_series (source, symbol, timeframe) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const blockAt = db.prepare<[number, number, number], StoredBlock>(
    `SELECT first_time AS first, last_time AS last, count, data FROM candle_blocks
     WHERE series = ? AND first_time BETWEEN ? AND ?`,
  );
  const insert = db.prepare<[number, number, number, number, Buffer]>(
    'INSERT INTO candle_blocks (series, first_time, last_time, count, data) VALUES (?, ?, ?, ?, ?)',
  );
  const update = db.prepare<[number, number, number, Buffer, number, number]>(
    'UPDATE candle_blocks SET first_time = ?, last_time = ?, count = ?, data = ? WHERE series = ? AND first_time = ?',
  );

  const writeBlock = (series: number, start: number, span: number, c: CandleColumnArrays, n: number) => {
    const existing = blockAt.get(series, start, start + span - 1);
    if (!existing) {
      insert.run(series, c.time[0]!, c.time[n - 1]!, n, encodeBlock(c, n));
      return;
    }
    if (stored.time.length < existing.count) stored = allocateColumns(existing.count);
    const had = decodeBlock(existing.data, stored, 0);
    if (merged.time.length < had + n) merged = allocateColumns(had + n);
    const total = mergeColumns(stored, had, c, n, merged);
    const last = merged.time[total - 1]!;
    update.run(merged.time[0]!, last, total, encodeBlock(merged, total), series, existing.first);
  };

  return {
    seriesId(key, create) {
      const id = findSeries.get(...key);
      if (id !== undefined || !create) return id ?? null;
      addSeries.run(...key);
      return findSeries.get(...key)!;
    },
    write(series, timeframe, c, n) {
      const span = blockSpan(timeframe);
      let i = 0;
      while (i < n) {
        const start = Math.floor(c.time[i]! / span) * span;
        const end = start + span;
        let j = i + 1;
        while (j < n && c.time[j]! < end) j++;
        writeBlock(series, start, span, i === 0 && j === n ? c : sliceColumns(c, i, j), j - i);
        i = j;
      }
    },
  };
}
