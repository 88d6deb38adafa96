import type { Candle } from '../../../shared/domain/market.js';
import type { CandleColumnArrays } from '../../engine/market/candle-cache-port.js';

/** Candles per block: a UTC day of 1-minute candles (1440 x the timeframe, aligned to the epoch). */
export const BLOCK_SLOTS = 1440;

export const COLUMN_KEYS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

export function allocateColumns(capacity: number): CandleColumnArrays {
  return {
    time: new Float64Array(capacity),
    open: new Float64Array(capacity),
    high: new Float64Array(capacity),
    low: new Float64Array(capacity),
    close: new Float64Array(capacity),
    volume: new Float64Array(capacity),
  };
}

/** Columns [from, to) as views over the same buffers (no copy). */
export function sliceColumns(c: CandleColumnArrays, from: number, to: number): CandleColumnArrays {
  return {
    time: c.time.subarray(from, to),
    open: c.open.subarray(from, to),
    high: c.high.subarray(from, to),
    low: c.low.subarray(from, to),
    close: c.close.subarray(from, to),
    volume: c.volume.subarray(from, to),
  };
}

/** Copies `n` candles from `src` at `from` into `dst` at `to`. */
export function copyColumns(src: CandleColumnArrays, from: number, dst: CandleColumnArrays, to: number, n: number) {
  for (const k of COLUMN_KEYS) dst[k].set(src[k].subarray(from, from + n), to);
}

/**
 * Candles (validated) as columns in ascending time, one per time: when a time occurs more than once
 * the last one wins (an upsert of the same candle twice in one call keeps the later). -0 becomes 0.
 */
export function candlesToColumns(candles: readonly Candle[]): { columns: CandleColumnArrays; length: number } {
  const n = candles.length;
  let ascending = true;
  for (let i = 1; i < n && ascending; i++) if (candles[i]!.time <= candles[i - 1]!.time) ascending = false;
  let order: ArrayLike<number> | null = null;
  if (!ascending) {
    // Stable by time, then keep the last of each run of equal times.
    const sorted = Array.from({ length: n }, (_, i) => i).sort((a, b) => candles[a]!.time - candles[b]!.time || a - b);
    const kept: number[] = [];
    for (let i = 0; i < sorted.length; i++) {
      const next = sorted[i + 1];
      if (next === undefined || candles[next]!.time !== candles[sorted[i]!]!.time) kept.push(sorted[i]!);
    }
    order = kept;
  }
  const length = order ? order.length : n;
  const columns = allocateColumns(length);
  const { time, open, high, low, close, volume } = columns;
  for (let i = 0; i < length; i++) {
    const c = candles[order ? order[i]! : i]!;
    time[i] = c.time;
    open[i] = c.open + 0;
    high[i] = c.high + 0;
    low[i] = c.low + 0;
    close[i] = c.close + 0;
    volume[i] = c.volume + 0;
  }
  return { columns, length };
}

/**
 * Merges two runs of ascending unique candles into `out` (room for both); on equal times `b` wins.
 * Returns the merged length.
 */
export function mergeColumns(
  a: CandleColumnArrays,
  aLength: number,
  b: CandleColumnArrays,
  bLength: number,
  out: CandleColumnArrays,
): number {
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < aLength || j < bLength) {
    const ta = i < aLength ? a.time[i]! : Infinity;
    const tb = j < bLength ? b.time[j]! : Infinity;
    const from = tb <= ta ? b : a;
    const at = tb <= ta ? j++ : i++;
    if (ta === tb) i++;
    for (const key of COLUMN_KEYS) out[key][k] = from[key][at]!;
    k++;
  }
  return k;
}

/** The first index in ascending `time[from..to)` whose value is >= `value` (`to` if none). */
export function lowerBound(time: Float64Array, value: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
