import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../../shared/domain/market.js';
import { slotStart } from '../../../engine/market/candle-gaps.js';
import { aggregate } from '../../../engine/market/resample.js';
import { MINUTE_MS } from '../../../engine/simulator/price-process.js';

/**
 * The candle of a coarser timeframe (5m .. 1d) while a live feed runs: the closed base candles
 * (1 minute for the simulator) of the current bucket folded together with resample.ts's aggregate,
 * plus the forming one. Buckets are aligned to UTC (epoch multiples of the timeframe), as in
 * resample.ts and on exchanges.
 */
export type LiveBucket = {
  /** Folds in a closed base candle; returns the bucket candles this completed (usually none, or one). */
  addClosed(minute: Candle): Candle[];
  /** The bucket as it stands, with the forming base candle in it. */
  forming(minute: Candle): Candle;
};

function fold(bucket: Candle | null, minute: Candle, bucketTime: number): Candle {
  return aggregate(bucket ? [bucket, minute] : [minute], bucketTime);
}

/**
 * `closedSoFar`: the closed base candles already in the current bucket, oldest first; `baseMs`:
 * the length of the base candles (1 minute for the simulator; the replayed timeframe for a replay).
 */
export function createLiveBucket(timeframe: Timeframe, closedSoFar: readonly Candle[], baseMs = MINUTE_MS): LiveBucket {
  const span = TIMEFRAME_MS[timeframe];
  const bucketOf = (time: number) => slotStart(time, span);
  let bucket: Candle | null = null;
  for (const m of closedSoFar) bucket = fold(bucket, m, bucketOf(m.time));

  return {
    addClosed(minute) {
      const done: Candle[] = [];
      const time = bucketOf(minute.time);
      // A bucket left incomplete (no minutes for its end) is closed as it is when the next one begins.
      if (bucket && bucket.time !== time) {
        done.push(bucket);
        bucket = null;
      }
      bucket = fold(bucket, minute, time);
      if (minute.time + baseMs >= time + span) {
        done.push(bucket);
        bucket = null;
      }
      return done;
    },
    forming(minute) {
      const time = bucketOf(minute.time);
      return fold(bucket && bucket.time === time ? bucket : null, minute, time);
    },
  };
}
