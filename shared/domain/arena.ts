/**
 * The paper arena: every strategy run ranked on its own sub-account (its starting capital, or the
 * account's equity when it started if it shares the account) with the figures a trader compares.
 */
import { z } from 'zod';
import { DecimalString } from './orders.js';
import { TradingMode } from './settings.js';
import { RunState } from './strategy-runs.js';

export const LeaderboardRow = z.object({
  runId: z.string(),
  strategyName: z.string(),
  kind: z.enum(['signal', 'grid']),
  symbol: z.string(),
  timeframe: z.string(),
  mode: TradingMode,
  state: RunState,
  /** The run's own capital; null when it shares the account. */
  capital: DecimalString.nullable(),
  /** What its return is measured against. */
  baseEquity: DecimalString,
  currency: z.string(),
  equity: DecimalString,
  cash: DecimalString,
  positionQuantity: DecimalString,
  realizedPnl: DecimalString,
  unrealizedPnl: DecimalString,
  fees: DecimalString,
  returnPercent: z.number(),
  maxDrawdownPercent: z.number(),
  /** Mean over standard deviation of the equity curve's steps; null with fewer than 3 steps. */
  sharpe: z.number().nullable(),
  /** Closed trades with a positive net result, %; null before the first closed trade. */
  winRatePercent: z.number().nullable(),
  trades: z.number().int(),
  startedAt: z.number(),
  /** Until now, or until it stopped. */
  runningMs: z.number(),
  /** Equity after each fill and now (UTC ms, quote currency). */
  curve: z.array(z.object({ time: z.number(), equity: z.number() })),
});
export type LeaderboardRow = z.infer<typeof LeaderboardRow>;
