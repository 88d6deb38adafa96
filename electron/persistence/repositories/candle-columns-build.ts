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

/**
 * Columns whose memory is not zeroed first (Buffer.allocUnsafeSlow): for a reader that writes every
 * element before anyone sees them (the block store's range read checks that it did). Skipping the
 * zero fill of six fresh arrays is about a third of reading a million candles.
 */
export function allocateColumnsUnfilled(capacity: number): CandleColumnArrays {
  const column = () => {
    const bytes = Buffer.allocUnsafeSlow(capacity * 8);
    return new Float64Array(bytes.buffer, bytes.byteOffset, capacity);
  };
  return { time: column(), open: column(), high: column(), low: column(), close: column(), volume: column() };
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

/** The candle at index `i` of the columns as an object. */
export function candleOfColumns(c: CandleColumnArrays, i: number): Candle {
  return {
    time: c.time[i]!,
    open: c.open[i]!,
    high: c.high[i]!,
    low: c.low[i]!,
    close: c.close[i]!,
    volume: c.volume[i]!,
  };
}

/** Candle objects from columns, for the readers that want objects (range(), readCandles). */
export function columnsToCandles(c: CandleColumnArrays): Candle[] {
  const out = new Array<Candle>(c.time.length);
  for (let i = 0; i < out.length; i++) out[i] = candleOfColumns(c, i);
  return out;
}

/**
 * Candles as columns in ascending time, one per time: when a time occurs more than once the last one
 * wins (an upsert of the same candle twice in one call keeps the later). -0 becomes 0. Each candle
 * is read once; one that cannot be stored makes `reject` throw (it names the first such candle).
 */
export function candlesToColumns(
  candles: readonly Candle[],
  reject: () => never,
): { columns: CandleColumnArrays; length: number } {
  const n = candles.length;
  const columns = allocateColumns(n);
  const { time, open, high, low, close, volume } = columns;
  let ascending = true;
  let previous = -1;
  for (let i = 0; i < n; i++) {
    const c = candles[i]!;
    if (typeof c !== 'object' || c === null) reject();
    const t = c.time;
    const o = c.open;
    const h = c.high;
    const l = c.low;
    const cl = c.close;
    const v = c.volume;
    if (
      !Number.isSafeInteger(t) ||
      t < 0 ||
      !Number.isFinite(o) ||
      !Number.isFinite(h) ||
      !Number.isFinite(l) ||
      !Number.isFinite(cl) ||
      !Number.isFinite(v) ||
      v < 0
    )
      reject();
    if (t <= previous) ascending = false;
    previous = t;
    time[i] = t;
    open[i] = o + 0;
    high[i] = h + 0;
    low[i] = l + 0;
    close[i] = cl + 0;
    volume[i] = v + 0;
  }
  if (ascending) return { columns, length: n };
  // Stable by time, then keep the last of each run of equal times.
  const sorted = Array.from({ length: n }, (_, i) => i).sort((a, b) => time[a]! - time[b]! || a - b);
  const kept: number[] = [];
  for (let i = 0; i < n; i++) {
    const next = sorted[i + 1];
    if (next === undefined || time[next] !== time[sorted[i]!]) kept.push(sorted[i]!);
  }
  const out = allocateColumns(kept.length);
  for (const key of COLUMN_KEYS) {
    const from = columns[key];
    const to = out[key];
    for (let i = 0; i < kept.length; i++) to[i] = from[kept[i]!]!;
  }
  return { columns: out, length: kept.length };
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
