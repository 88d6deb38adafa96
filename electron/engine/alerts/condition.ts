/**
 * Price and indicator alerts: a condition in the strategy language (RSI(14) < 25, Price crosses
 * above 70000, SMA(20) crosses above SMA(50)@1h) checked against the alert's symbol and timeframe,
 * evaluated at the close of each candle with the same functions strategies use. Terms may read
 * any coarser timeframe with `@tf` (the value of the last coarser candle closed at or before the
 * current close: no lookahead).
 */
import { TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from '../../../shared/domain/market.js';
import { checkCondition } from '../strategy/check.js';
import type { OhlcvColumns } from '../strategy/columns.js';
import { collectSeries, type Cond, type SeriesSpec } from '../strategy/cond.js';
import type { ConditionError } from '../strategy/errors.js';
import { evaluateCond } from '../strategy/evaluate.js';
import { lookback, SeriesCache } from '../strategy/series.js';

export type AlertCondition = {
  readonly timeframe: Timeframe;
  readonly cond: Cond;
  readonly series: readonly SeriesSpec[];
  /** Keys of series read at the previous candle too (crosses). */
  readonly previousKeys: ReadonlySet<string>;
  /** Candles of history before the condition can first be decided on gap-free data. */
  readonly warmupCandles: number;
};

/** Every timeframe coarser than `timeframe`: what an alert's `@tf` terms may read. */
export function coarserTimeframes(timeframe: Timeframe): Timeframe[] {
  return TIMEFRAMES.filter((t) => TIMEFRAME_MS[t] > TIMEFRAME_MS[timeframe]);
}

export function compileAlertCondition(
  text: string,
  timeframe: Timeframe,
): { ok: true; condition: AlertCondition } | { ok: false; errors: ConditionError[] } {
  const checked = checkCondition(text, { timeframe, confirmTimeframes: coarserTimeframes(timeframe) });
  if (!checked.ok) return checked;
  const used = new Map<string, { spec: SeriesSpec; previous: boolean }>();
  collectSeries(checked.cond, used);
  const candleMs = TIMEFRAME_MS[timeframe];
  let warmupCandles = 1;
  for (const { spec, previous } of used.values()) {
    warmupCandles = Math.max(warmupCandles, lookback(spec, candleMs) + (previous ? 1 : 0) + 1);
  }
  return {
    ok: true,
    condition: {
      timeframe,
      cond: checked.cond,
      series: [...used.values()].map((u) => u.spec),
      previousKeys: new Set([...used.values()].filter((u) => u.previous).map((u) => u.spec.key)),
      warmupCandles,
    },
  };
}

/**
 * Whether the condition holds at the last candle of `columns` (the one that just closed).
 * `ready` is false when a value the condition reads is still unknown there (warm-up, a gap):
 * then it never holds.
 */
export function conditionAtLast(condition: AlertCondition, columns: OhlcvColumns): { holds: boolean; ready: boolean } {
  const n = columns.time.length;
  if (n === 0) return { holds: false, ready: false };
  const cache = new SeriesCache(columns, TIMEFRAME_MS[condition.timeframe]);
  for (const spec of condition.series) {
    const s = cache.get(spec);
    const known = (i: number) => i >= 0 && s[i] === s[i];
    if (!known(n - 1) || (condition.previousKeys.has(spec.key) && !known(n - 2))) {
      return { holds: false, ready: false };
    }
  }
  const bits = evaluateCond(condition.cond, (spec) => cache.get(spec), n);
  return { holds: bits[n - 1] === 1, ready: true };
}

export type FiringState = {
  repeat: 'once' | 'repeat';
  cooldownMinutes: number;
  lastFiredAt: number | null;
  /** Close time of the last candle that fired the alert (a candle fires at most once). */
  lastFiredCandle: number | null;
};

/** The cool-down rule: once fires one time; repeat fires again when the cool-down has passed. */
export function shouldFire(state: FiringState, candleTime: number, now: number, holds: boolean): boolean {
  if (!holds) return false;
  if (state.lastFiredCandle !== null && candleTime <= state.lastFiredCandle) return false;
  if (state.lastFiredAt === null) return true;
  if (state.repeat === 'once') return false;
  return now - state.lastFiredAt >= state.cooldownMinutes * 60_000;
}
