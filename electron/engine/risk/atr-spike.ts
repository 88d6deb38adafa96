/**
 * The ATR-spike circuit breaker: when a symbol's ATR jumps more than thresholdPercent above the
 * mean of its previous `lookback` values, new entries on that symbol pause for the cooling period.
 * Pure and stateless: the pause is derived from the ATR series and `now`, so a restart, a backtest
 * and a replay all agree. ATR is an indicator (floats), not money.
 *
 * spike at candle i  <=>  atr[i] > (1 + threshold/100) x mean(atr[i - lookback .. i - 1])
 * paused at now      <=>  some spike at time t with t <= now < t + cooling
 */
import type { RiskSettings } from '../../../shared/domain/risk.js';

/** ATR values with the UTC ms at which each became known (the candle's close), ascending in time. NaN = warming up. */
export type AtrSeries = Readonly<{ time: ArrayLike<number>; atr: ArrayLike<number> }>;

export type AtrSpike = Readonly<{
  /** When the spiking value became known. */
  at: number;
  atr: number;
  /** Mean of the `lookback` values before it. */
  mean: number;
  /** How far above the mean, in percent. */
  risePercent: number;
}>;

export type AtrPauseStatus = Readonly<{
  paused: boolean;
  /** End of the pause (exclusive), when paused. */
  until: number | null;
  /** The latest spike within the cooling period, when paused. */
  spike: AtrSpike | null;
}>;

type AtrSpikeOptions = Pick<RiskSettings['atrSpike'], 'thresholdPercent' | 'lookback' | 'coolingMinutes'>;

export const MINUTE_MS = 60_000;

/** atr > (1 + threshold/100) x mean, compared as atr x 100 > mean x (100 + threshold) (no 1.3-style rounding at the boundary). */
export function isAtrSpike(atr: number, mean: number, thresholdPercent: number): boolean {
  return Number.isFinite(atr) && Number.isFinite(mean) && mean > 0 && atr * 100 > mean * (100 + thresholdPercent);
}

/** Mean of values[end - n .. end - 1], or NaN when any of them is missing or not finite. */
function meanBefore(values: ArrayLike<number>, end: number, n: number): number {
  if (end < n) return NaN;
  let sum = 0;
  for (let j = end - n; j < end; j++) {
    const v = values[j]!;
    if (!Number.isFinite(v)) return NaN;
    sum += v;
  }
  return sum / n;
}

/** The spike (if any) at index i of the series. */
export function spikeAt(series: AtrSeries, i: number, options: Pick<AtrSpikeOptions, 'thresholdPercent' | 'lookback'>) {
  const atr = series.atr[i]!;
  const mean = meanBefore(series.atr, i, options.lookback);
  if (!isAtrSpike(atr, mean, options.thresholdPercent)) return null;
  return { at: series.time[i]!, atr, mean, risePercent: ((atr - mean) / mean) * 100 } satisfies AtrSpike;
}

/** Whether entries on the series' symbol are paused at `now`, and until when. */
export function atrPauseStatus(series: AtrSeries, now: number, options: AtrSpikeOptions): AtrPauseStatus {
  const coolingMs = options.coolingMinutes * MINUTE_MS;
  const length = Math.min(series.time.length, series.atr.length);
  let i = length - 1;
  while (i >= 0 && series.time[i]! > now) i--;
  for (; i >= 0 && series.time[i]! > now - coolingMs; i--) {
    const spike = spikeAt(series, i, options);
    if (spike) return { paused: true, until: spike.at + coolingMs, spike };
  }
  return { paused: false, until: null, spike: null };
}
