/**
 * The out-of-sample check: the window (90 days ending at `to`, or from the first candle when there
 * is less history) is split by time at 70 %; signals are evaluated once over the whole window (every
 * signal at a candle depends only on that candle and earlier ones, so the first half never sees the
 * second) and each half is backtested on its own slice: its own starting capital, a position still
 * open at the end of the first half is closed there (END). The out-of-sample half thus starts with
 * warmed-up indicators, the in-sample half with none (it is the start of the data). A grid
 * strategy's halves run through grid-window.ts: the out-of-sample half's warm-up candles come from
 * the end of the in-sample half (indicators only: it starts flat, with the starting capital).
 *
 * The gap compares net profit per 30 days (the halves differ in length): in-sample minus
 * out-of-sample, in percentage points. Overfitting is flagged when the in-sample half passes (not
 * FAILED) and the out-of-sample half fails, or the gap is above GAP_THRESHOLD_POINTS.
 */
import type { StageFigures } from '../../../shared/domain/gauntlet.js';
import { runBacktest, type BacktestOptions } from '../backtest/runner.js';
import type { BacktestResult } from '../backtest/types.js';
import type { OhlcvColumns } from '../strategy/columns.js';
import type { Signals } from '../strategy/program.js';
import { passes, stageFigures } from './figures.js';
import { DAY_MS, indexAtOrAfter, sliceCandles, sliceSignals } from './windows.js';

export const OOS_WINDOW_DAYS = 90;
export const IN_SAMPLE_SHARE = 0.7;
/** Net profit per 30 days, in-sample minus out-of-sample, above which overfitting is flagged. */
export const GAP_THRESHOLD_POINTS = 5;

export type OutOfSampleResult = {
  from: number;
  split: number;
  to: number;
  inSample: StageFigures;
  outOfSample: StageFigures;
  gapPercent: number;
  overfitting: boolean;
};

/** The window's bounds in time and index. */
export function oosWindow(candles: OhlcvColumns, to: number) {
  const from = Math.max(to - OOS_WINDOW_DAYS * DAY_MS, candles.length > 0 ? candles.time[0]! : to);
  const split = Math.round(from + (to - from) * IN_SAMPLE_SHARE);
  return {
    from,
    split,
    to,
    start: indexAtOrAfter(candles.time, from),
    middle: indexAtOrAfter(candles.time, split),
    end: indexAtOrAfter(candles.time, to),
  };
}

export function perThirtyDays(netProfitPercent: number, spanMs: number): number {
  return spanMs > 0 ? (netProfitPercent * 30 * DAY_MS) / spanMs : 0;
}

/**
 * `signals` are for all of `candles`; `base` carries the strategy, settings, gate and accounting.
 * Throws a RangeError when either half has no candle.
 */
export function outOfSample(
  candles: OhlcvColumns,
  signals: Signals,
  to: number,
  base: Omit<BacktestOptions, 'candles' | 'signals'>,
): OutOfSampleResult {
  return outOfSampleWith(candles, to, (a, b) =>
    runBacktest({ ...base, candles: sliceCandles(candles, a, b), signals: sliceSignals(signals, a, b) }),
  );
}

/**
 * The check with `half(a, b)` backtesting candles [a, b) on their own (a signal strategy: its
 * signals sliced; a grid: grid-window.ts). Throws a RangeError when either half has no candle.
 */
export function outOfSampleWith(
  candles: OhlcvColumns,
  to: number,
  half: (a: number, b: number) => BacktestResult,
): OutOfSampleResult {
  const w = oosWindow(candles, to);
  if (w.middle <= w.start || w.end <= w.middle) {
    throw new RangeError('the out-of-sample window needs candles on both sides of its 70 % split');
  }
  const inSample = stageFigures(half(w.start, w.middle));
  const outSample = stageFigures(half(w.middle, w.end));
  const gapPercent =
    perThirtyDays(inSample.netProfitPercent, w.split - w.from) -
    perThirtyDays(outSample.netProfitPercent, w.to - w.split);
  const overfitting = (passes(inSample.grade) && !passes(outSample.grade)) || gapPercent > GAP_THRESHOLD_POINTS;
  return { from: w.from, split: w.split, to: w.to, inSample, outOfSample: outSample, gapPercent, overfitting };
}
