/**
 * Time windows of one candle history for the gauntlet: the index where a time starts, and views
 * (no copy) of candles and of signals between two indexes. Signals are evaluated once over a longer
 * history and sliced, so a window's first candle already has warmed-up indicators; every signal at
 * candle i depends only on candles up to i, so a slice never sees the future.
 */
import type { OhlcvColumns } from '../strategy/columns.js';
import type { Signals } from '../strategy/program.js';

export const DAY_MS = 86_400_000;

/** The first index whose open time is >= t (length if none). */
export function indexAtOrAfter(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Candles [start, end) as views. */
export function sliceCandles(c: OhlcvColumns, start: number, end: number): OhlcvColumns {
  return {
    length: end - start,
    time: c.time.subarray(start, end),
    open: c.open.subarray(start, end),
    high: c.high.subarray(start, end),
    low: c.low.subarray(start, end),
    close: c.close.subarray(start, end),
    volume: c.volume.subarray(start, end),
  };
}

/** Signals [start, end) as views, firstReady recomputed for the slice. */
export function sliceSignals(s: Signals, start: number, end: number): Signals {
  const ready = s.ready.subarray(start, end);
  return {
    length: end - start,
    entry: s.entry.subarray(start, end),
    exit: s.exit.subarray(start, end),
    ready,
    firstReady: ready.indexOf(1),
    regime: s.regime ? s.regime.subarray(start, end) : null,
    atrPercent: s.atrPercent ? s.atrPercent.subarray(start, end) : null,
  };
}
