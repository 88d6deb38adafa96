/**
 * The paper arena: every strategy run and AI advisor ranked on its own sub-account (its starting
 * capital, or the account's equity when it started if it shares the account) with the figures a
 * trader compares.
 */
import { z } from 'zod';
import { AdvisorSettings } from './ai.js';
import { DecimalString, PositiveDecimalString } from './orders.js';
import { TradingMode } from './settings.js';
import { RunState } from './strategy-runs.js';

export const LeaderboardRow = z.object({
  runId: z.string(),
  strategyName: z.string(),
  kind: z.enum(['signal', 'grid', 'advisor']),
  /** An advisor's model; null for strategy runs. */
  model: z.string().nullable(),
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
  /** A run's quantity held; an advisor's positions as "0.01 BTC/USD, 0.5 ETH/USD" (empty when flat). */
  positionQuantity: z.string(),
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

// --- AI advisors in the arena: each its own model, instructions and sub-account ---

const advisorFields = AdvisorSettings.omit({ enabled: true }).shape;

export const ArenaAdvisorInput = z
  .object({
    name: z.string().trim().min(1, 'give the advisor a name').max(60, 'a name has at most 60 characters'),
    model: z.string().min(1, 'choose a model'),
    /** The trader's instructions, sent with every request (its style, what to watch, what to avoid). */
    instructions: z.string().max(2000, 'instructions have at most 2,000 characters').default(''),
    symbols: advisorFields.symbols,
    timeframe: advisorFields.timeframe,
    intervalMinutes: advisorFields.intervalMinutes,
    dailyBudgetUsd: advisorFields.dailyBudgetUsd,
    maxOrderPercent: advisorFields.maxOrderPercent,
    /** Its own starting capital in the quote currency. */
    capital: PositiveDecimalString,
  })
  .strict();
export type ArenaAdvisorInput = z.input<typeof ArenaAdvisorInput>;

export const ArenaAdvisorView = z.object({
  id: z.string(),
  name: z.string(),
  model: z.string(),
  instructions: z.string(),
  settings: AdvisorSettings,
  capital: DecimalString,
  currency: z.string(),
  mode: TradingMode,
  state: z.enum(['RUNNING', 'STOPPED']),
  createdAt: z.number(),
  /** Why it does not ask Claude now (stopped, no key, LIVE, kill switch, budget spent), or null. */
  blockedReason: z.string().nullable(),
  spentTodayUsd: z.number(),
  nextRunAt: z.number().nullable(),
  lastRunAt: z.number().nullable(),
});
export type ArenaAdvisorView = z.infer<typeof ArenaAdvisorView>;

export const ArenaAdvisorId = z.object({ id: z.string().min(1) }).strict();
export const ArenaAdvisorDecisionsQuery = z
  .object({ id: z.string().min(1), limit: z.number().int().min(1).max(500).default(100) })
  .strict();
