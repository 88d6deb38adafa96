import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../shared/domain/market.js';
import { slotStart } from './candle-gaps.js';

/**
 * Resampling candles to a coarser timeframe (1m -> 5m, 15m, 1h, 4h, 1d, or any whole multiple),
 * with buckets aligned to UTC (multiples of the target length since the Unix epoch: 4h buckets open
 * at 00:00, 04:00, ...; 1d buckets at midnight UTC).
 *
 * No lookahead: at time `asOf`, a bucket is closed only when its end (open + length) is at or before
 * `asOf`, and only base candles that have closed by `asOf` are read. The bucket that contains
 * `asOf` is never in `resampleClosed`; `formingCandle` gives it, marked `forming: true`.
 *
 * Missing base candles (an exchange outage, a minute without trades that the source omits): the
 * bucket still closes at its end time, built from the candles that exist; its volume is the sum of
 * those. A bucket with no base candle at all produces no candle (a gap stays a gap: nothing is
 * invented).
 */

export type FormingCandle = Candle & { forming: true; /** When the bucket will close, UTC ms. */ closesAt: number };

export type ResampleOptions = {
  /** The timeframe of the input candles (default 1m). */
  from?: Timeframe | number;
  /** The target timeframe; must be a whole multiple of `from`. */
  to: Timeframe | number;
  /** The present, UTC ms: nothing after it is read. */
  asOf: number;
};

function lengthMs(tf: Timeframe | number): number {
  return typeof tf === 'number' ? tf : TIMEFRAME_MS[tf];
}

function lengths(options: ResampleOptions): { baseMs: number; targetMs: number } {
  const baseMs = lengthMs(options.from ?? '1m');
  const targetMs = lengthMs(options.to);
  if (!(baseMs > 0) || !(targetMs > 0) || !Number.isInteger(baseMs) || !Number.isInteger(targetMs)) {
    throw new RangeError(`timeframe lengths must be positive whole milliseconds (got ${baseMs} and ${targetMs})`);
  }
  if (targetMs < baseMs || targetMs % baseMs !== 0) {
    throw new RangeError(`cannot resample ${baseMs} ms candles to ${targetMs} ms: the target must be a whole multiple`);
  }
  return { baseMs, targetMs };
}

function checkAscending(candles: readonly Candle[]): void {
  for (let i = 1; i < candles.length; i++) {
    if (candles[i]!.time <= candles[i - 1]!.time) {
      throw new RangeError(`candles must be in ascending open-time order without duplicates (index ${i})`);
    }
  }
}

/** Folds candles (ascending, non-empty) into one candle opening at `time`. */
export function aggregate(candles: readonly Candle[], time: number): Candle {
  const first = candles[0];
  if (!first) throw new RangeError('cannot aggregate zero candles');
  let high = first.high;
  let low = first.low;
  let volume = 0;
  for (const c of candles) {
    if (c.high > high) high = c.high;
    if (c.low < low) low = c.low;
    volume += c.volume;
  }
  return { time, open: first.open, high, low, close: candles[candles.length - 1]!.close, volume };
}

/** The higher-timeframe candles that have fully closed by `asOf`, oldest first. */
export function resampleClosed(candles: readonly Candle[], options: ResampleOptions): Candle[] {
  const { baseMs, targetMs } = lengths(options);
  checkAscending(candles);
  const out: Candle[] = [];
  let bucket: Candle[] = [];
  let bucketTime = Number.NaN;
  for (const c of candles) {
    if (c.time + baseMs > options.asOf) break; // not closed yet: neither is anything after it
    const start = slotStart(c.time, targetMs);
    if (start + targetMs > options.asOf) break; // its bucket is still forming
    if (start !== bucketTime) {
      if (bucket.length > 0) out.push(aggregate(bucket, bucketTime));
      bucket = [];
      bucketTime = start;
    }
    bucket.push(c);
  }
  if (bucket.length > 0) out.push(aggregate(bucket, bucketTime));
  return out;
}

/**
 * The bucket that contains `asOf`, built from the base candles that opened before `asOf` (pass the
 * base candles as known at `asOf`: the closed ones, plus the forming one if you have it). Null when
 * no base candle of that bucket has opened yet.
 */
export function formingCandle(candles: readonly Candle[], options: ResampleOptions): FormingCandle | null {
  const { targetMs } = lengths(options);
  checkAscending(candles);
  const start = slotStart(options.asOf, targetMs);
  const inBucket = candles.filter((c) => c.time >= start && c.time < options.asOf);
  if (inBucket.length === 0) return null;
  return { ...aggregate(inBucket, start), forming: true, closesAt: start + targetMs };
}
