/**
 * The daily loss limit and the maximum drawdown, as a pure reducer over equity marks.
 *
 * - The day is the UTC day: at the first mark after 00:00 UTC the start-of-day equity becomes the
 *   last equity known when the previous day ended (or this mark, after a gap of more than a day).
 * - The drawdown is measured from the PEAK equity since tracking started (not from the start):
 *   10,000 -> 12,000 -> 10,000 is a 16.67 % drawdown although the account is back where it began.
 * - A limit is the largest allowed loss: reaching it passes, going beyond it breaches, and a breach
 *   asks for the kill switch (settings.lossLimitMode) by 'daily_loss' or 'drawdown'.
 * - After the user re-arms, `rebaseAfterRearm` restarts each breached measure from the current equity,
 *   otherwise the next mark would engage the switch again at once.
 */
import type { LossTrackerSnapshot, RiskSettings, RiskViolation } from '../../../shared/domain/risk.js';
import { Decimal } from '../money/decimal.js';
import { percentOf, percentRatio, showMoney, showPercent, violation } from './format.js';
import type { EngageRequest } from './kill-switch.js';

export const DAY_MS = 86_400_000;

export type LossTrackerState = Readonly<{
  /** Quote currency of the equity (for messages). */
  currency: string;
  /** UTC ms of 00:00 of the tracked day. */
  dayStart: number;
  startOfDayEquity: Decimal;
  peakEquity: Decimal;
  peakAt: number;
  lastEquity: Decimal;
  lastAt: number;
  trackingSince: number;
}>;

export type LossLimitStatus = Readonly<{
  enabled: boolean;
  /** The reference: start-of-day equity (daily) or the peak (drawdown). */
  reference: Decimal;
  /** reference - equity (negative: a gain). */
  loss: Decimal;
  /** loss as % of the reference (null when the reference is not above zero). */
  lossPercent: Decimal | null;
  limitPercent: number;
  /** The largest allowed loss in the currency. */
  limit: Decimal;
  breached: boolean;
}>;

export type LossAssessment = Readonly<{ state: LossTrackerState; daily: LossLimitStatus; drawdown: LossLimitStatus }>;

export type LossBreach = Readonly<{ by: 'daily_loss' | 'drawdown'; violation: RiskViolation }>;

export type MarkResult = Readonly<{
  state: LossTrackerState;
  breaches: readonly LossBreach[];
  /** Set when a limit is breached: engage the kill switch with it (idempotent if already engaged). */
  engage: EngageRequest | null;
}>;

export function utcDayStart(at: number): number {
  return Math.floor(at / DAY_MS) * DAY_MS;
}

export function startLossTracker(equity: Decimal, at: number, currency: string): LossTrackerState {
  return {
    currency,
    dayStart: utcDayStart(at),
    startOfDayEquity: equity,
    peakEquity: equity,
    peakAt: at,
    lastEquity: equity,
    lastAt: at,
    trackingSince: at,
  };
}

/** The state after one equity mark (a mark older than the last one is ignored). */
function advance(state: LossTrackerState, equity: Decimal, at: number): LossTrackerState {
  if (at < state.lastAt) return state;
  const dayStart = utcDayStart(at);
  let { startOfDayEquity } = state;
  if (dayStart > state.dayStart) {
    // The equity as the previous day ended, if the last mark was on that day; else this mark.
    startOfDayEquity = state.lastAt >= dayStart - DAY_MS ? state.lastEquity : equity;
  }
  const newPeak = equity.gt(state.peakEquity);
  return {
    ...state,
    dayStart: Math.max(dayStart, state.dayStart),
    startOfDayEquity,
    peakEquity: newPeak ? equity : state.peakEquity,
    peakAt: newPeak ? at : state.peakAt,
    lastEquity: equity,
    lastAt: at,
  };
}

function status(enabled: boolean, reference: Decimal, equity: Decimal, limitPercent: number): LossLimitStatus {
  const loss = reference.sub(equity);
  const limit = reference.isPositive() ? percentOf(reference, limitPercent) : Decimal.ZERO;
  return {
    enabled,
    reference,
    loss,
    lossPercent: percentRatio(loss, reference),
    limitPercent,
    limit,
    breached: enabled && reference.isPositive() && loss.gt(limit),
  };
}

/** Daily loss and drawdown if equity were `equity` at `now` (rolls the day and the peak; changes nothing). */
export function assessLosses(
  state: LossTrackerState,
  equity: Decimal,
  now: number,
  settings: Pick<RiskSettings, 'dailyLoss' | 'maxDrawdown'>,
): LossAssessment {
  const next = advance(state, equity, now);
  return {
    state: next,
    daily: status(settings.dailyLoss.enabled, next.startOfDayEquity, equity, settings.dailyLoss.percent),
    drawdown: status(settings.maxDrawdown.enabled, next.peakEquity, equity, settings.maxDrawdown.percent),
  };
}

export function dailyLossViolation(s: LossLimitStatus, currency: string): RiskViolation {
  return violation(
    'DAILY_LOSS',
    `the daily loss of ${showMoney(s.loss, s.limit)} ${currency} (${showPercent(s.lossPercent, s.limitPercent)} of ` +
      `the start-of-day equity ${showMoney(s.reference)} ${currency}) is beyond the daily loss limit of ` +
      `${showPercent(s.limitPercent)} (${showMoney(s.limit)} ${currency}); new entries stop until the kill switch is re-armed`,
    {
      loss: s.loss,
      lossPercent: s.lossPercent,
      startOfDayEquity: s.reference,
      limitPercent: s.limitPercent,
      limit: s.limit,
    },
  );
}

export function drawdownViolation(s: LossLimitStatus, currency: string): RiskViolation {
  return violation(
    'MAX_DRAWDOWN',
    `the drawdown of ${showMoney(s.loss, s.limit)} ${currency} (${showPercent(s.lossPercent, s.limitPercent)} below ` +
      `the equity peak ${showMoney(s.reference)} ${currency}) is beyond the maximum drawdown of ` +
      `${showPercent(s.limitPercent)} (${showMoney(s.limit)} ${currency}); new entries stop until the kill switch is re-armed`,
    {
      drawdown: s.loss,
      drawdownPercent: s.lossPercent,
      peakEquity: s.reference,
      limitPercent: s.limitPercent,
      limit: s.limit,
    },
  );
}

/** The loss limits breached in an assessment, daily loss first. */
export function lossBreaches(a: LossAssessment): LossBreach[] {
  const breaches: LossBreach[] = [];
  if (a.daily.breached) breaches.push({ by: 'daily_loss', violation: dailyLossViolation(a.daily, a.state.currency) });
  if (a.drawdown.breached) {
    breaches.push({ by: 'drawdown', violation: drawdownViolation(a.drawdown, a.state.currency) });
  }
  return breaches;
}

/** Records an equity mark; answers the breaches and, if any, the kill switch engagement to make. */
export function markEquity(
  state: LossTrackerState,
  equity: Decimal,
  at: number,
  settings: Pick<RiskSettings, 'dailyLoss' | 'maxDrawdown' | 'lossLimitMode'>,
): MarkResult {
  const assessment = assessLosses(state, equity, at, settings);
  const breaches = lossBreaches(assessment);
  const first = breaches[0];
  const engage: EngageRequest | null = first
    ? { mode: settings.lossLimitMode, reason: breaches.map((b) => b.violation.message).join('; '), by: first.by, at }
    : null;
  return { state: assessment.state, breaches, engage };
}

/** After a re-arm: each breached measure restarts from `equity` (the other is left alone). */
export function rebaseAfterRearm(
  state: LossTrackerState,
  equity: Decimal,
  at: number,
  settings: Pick<RiskSettings, 'dailyLoss' | 'maxDrawdown'>,
): LossTrackerState {
  const a = assessLosses(state, equity, at, settings);
  return {
    ...a.state,
    startOfDayEquity: a.daily.breached ? equity : a.state.startOfDayEquity,
    peakEquity: a.drawdown.breached ? equity : a.state.peakEquity,
    peakAt: a.drawdown.breached ? at : a.state.peakAt,
  };
}

export function lossTrackerToSnapshot(s: LossTrackerState): LossTrackerSnapshot {
  return {
    currency: s.currency,
    dayStart: s.dayStart,
    startOfDayEquity: s.startOfDayEquity.toString(),
    peakEquity: s.peakEquity.toString(),
    peakAt: s.peakAt,
    lastEquity: s.lastEquity.toString(),
    lastAt: s.lastAt,
    trackingSince: s.trackingSince,
  };
}

export function lossTrackerFromSnapshot(s: LossTrackerSnapshot): LossTrackerState {
  return {
    currency: s.currency,
    dayStart: s.dayStart,
    startOfDayEquity: Decimal.parse(s.startOfDayEquity),
    peakEquity: Decimal.parse(s.peakEquity),
    peakAt: s.peakAt,
    lastEquity: Decimal.parse(s.lastEquity),
    lastAt: s.lastAt,
    trackingSince: s.trackingSince,
  };
}
