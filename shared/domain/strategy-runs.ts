/**
 * Running strategies (strategies issue; the AI issue's activation rules): activation is decided
 * in the main process from the strategy's last backtest (and gauntlet verdict) on the same symbol
 * and timeframe; a run evaluates at every candle close and places orders through the risk gate.
 */
import { z } from 'zod';
import { MarketSymbol, Timeframe } from './market.js';
import { PositiveDecimalString } from './orders.js';
import { TradingMode } from './settings.js';
import { QualityGrade } from './strategy.js';
import { StrategyId } from './strategy-library.js';

export const RunId = z.string().min(1).max(64);

export const ActivationQuery = z
  .object({
    id: StrategyId,
    symbol: MarketSymbol.optional(),
    timeframe: Timeframe.optional(),
    /**
     * The run's own starting capital in the quote currency (its sub-account: it sizes its entries
     * from it and its figures are its own). Without it the run shares the account.
     */
    capital: PositiveDecimalString.optional(),
  })
  .strict();
export type ActivationQuery = z.infer<typeof ActivationQuery>;

/**
 * Whether the strategy may run now, in the current trading mode, and why not. The rules:
 * - a backtest (or gauntlet) of this symbol and timeframe that ran after the strategy's last edit;
 * - its grade (the gauntlet verdict when there is one) is not FAILED;
 * - LIVE: GOOD or better and at least `paperTradesRequired` paper trades since approval;
 * - the kill switch is not engaged; the strategy is not already running on this symbol.
 */
export const ActivationCheck = z.object({
  allowed: z.boolean(),
  mode: TradingMode,
  symbol: z.string(),
  timeframe: Timeframe,
  /** The grade the decision used (null: no qualifying backtest). */
  grade: QualityGrade.nullable(),
  /** Where the grade comes from. */
  gradeSource: z.enum(['backtest', 'gauntlet']).nullable(),
  paperTrades: z.number().int(),
  paperTradesRequired: z.number().int(),
  /** Empty when allowed; else each reason the activation is refused, with what to do. */
  reasons: z.array(z.string()),
});
export type ActivationCheck = z.infer<typeof ActivationCheck>;

export const RUN_STATES = ['RUNNING', 'PAUSED', 'STOPPED'] as const;
export const RunState = z.enum(RUN_STATES);
export type RunState = z.infer<typeof RunState>;

export const StrategyRunView = z.object({
  runId: RunId,
  strategyId: StrategyId,
  strategyName: z.string(),
  kind: z.enum(['signal', 'grid']),
  symbol: z.string(),
  timeframe: Timeframe,
  mode: TradingMode,
  state: RunState,
  grade: QualityGrade,
  startedAt: z.number(),
  updatedAt: z.number(),
  /** Why the run paused or stopped (user, kill switch, mode change, error). */
  stateReason: z.string().nullable(),
  /** Close time of the last candle evaluated. */
  lastEvaluatedAt: z.number().nullable(),
  /** Base quantity the run holds (decimal text), 0 when flat. */
  positionQuantity: z.string(),
  ordersPlaced: z.number().int(),
  vetoes: z.number().int(),
  lastError: z.string().nullable(),
});
export type StrategyRunView = z.infer<typeof StrategyRunView>;

export const RUN_EVENT_KINDS = ['STARTED', 'SIGNAL', 'ORDER', 'VETO', 'ERROR', 'PAUSED', 'RESUMED', 'STOPPED'] as const;
/** One line of a run's decision log. */
export const RunEvent = z.object({
  runId: RunId,
  at: z.number(),
  kind: z.enum(RUN_EVENT_KINDS),
  message: z.string(),
  clientOrderId: z.string().nullable(),
});
export type RunEvent = z.infer<typeof RunEvent>;

export const RunIdInput = z.object({ runId: RunId }).strict();
export const RunEventsQuery = z
  .object({ runId: RunId, limit: z.number().int().min(1).max(1000).default(200) })
  .strict();
