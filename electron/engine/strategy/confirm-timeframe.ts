import { slotStart } from '../market/candle-gaps.js';
import { allocateColumns, type OhlcvColumns } from './columns.js';

/**
 * Values from a coarser "confirm" timeframe, without lookahead.
 *
 * resampleColumns is the columnar twin of market/resample.ts's resampleClosed (same buckets,
 * aligned to UTC multiples of the target length; a bucket closes at its end even with missing base
 * candles; an empty bucket yields no candle; the bucket still forming after the last base candle is
 * left out), tested to agree with it. closedIndexMap then gives, for each base candle, the last
 * coarse candle that closed at or before the base candle's close: a 1h candle closing at 10:00 sees
 * the 4h candle of 04:00-08:00 until the 12:00 close, where the 08:00-12:00 candle has just closed.
 */
export function resampleColumns(base: OhlcvColumns, baseMs: number, targetMs: number): OhlcvColumns {
  if (!(targetMs >= baseMs) || targetMs % baseMs !== 0) {
    throw new RangeError(`cannot resample ${baseMs} ms candles to ${targetMs} ms: the target must be a whole multiple`);
  }
  const n = base.length;
  if (n === 0) return allocateColumns(0);
  const asOf = base.time[n - 1]! + baseMs;
  // First pass: check the order and count the closed buckets, to allocate exactly.
  let count = 0;
  let last = Number.NaN;
  for (let i = 0; i < n; i++) {
    const t = base.time[i]!;
    if (i > 0 && !(t > base.time[i - 1]!)) {
      throw new RangeError(`candles must be in ascending open-time order without duplicates (index ${i})`);
    }
    const start = slotStart(t, targetMs);
    if (start + targetMs > asOf) break;
    if (start !== last) count++;
    last = start;
  }
  const out = allocateColumns(count);
  let k = -1;
  let bucket = Number.NaN;
  for (let i = 0; i < n; i++) {
    const start = slotStart(base.time[i]!, targetMs);
    if (start + targetMs > asOf) break; // the bucket still forming at the end
    if (start !== bucket) {
      k++;
      bucket = start;
      out.time[k] = start;
      out.open[k] = base.open[i]!;
      out.high[k] = base.high[i]!;
      out.low[k] = base.low[i]!;
      out.volume[k] = 0;
    }
    if (base.high[i]! > out.high[k]!) out.high[k] = base.high[i]!;
    if (base.low[i]! < out.low[k]!) out.low[k] = base.low[i]!;
    out.close[k] = base.close[i]!;
    out.volume[k] = out.volume[k]! + base.volume[i]!;
  }
  return out;
}

/**
 * For each base candle i, the index of the last coarse candle whose close (time + targetMs) is at
 * or before the base candle's close (time[i] + baseMs); -1 when none has closed yet.
 */
export function closedIndexMap(
  baseTime: Float64Array,
  baseMs: number,
  coarseTime: Float64Array,
  targetMs: number,
): Int32Array {
  const map = new Int32Array(baseTime.length);
  let j = -1;
  for (let i = 0; i < baseTime.length; i++) {
    const close = baseTime[i]! + baseMs;
    while (j + 1 < coarseTime.length && coarseTime[j + 1]! + targetMs <= close) j++;
    map[i] = j;
  }
  return map;
}

/** A coarse series spread onto the base candles through a closedIndexMap (NaN before the first close). */
export function alignToBase(map: Int32Array, coarse: Float64Array): Float64Array {
  const out = new Float64Array(map.length);
  for (let i = 0; i < map.length; i++) {
    const j = map[i]!;
    out[i] = j < 0 ? Number.NaN : coarse[j]!;
  }
  return out;
}
