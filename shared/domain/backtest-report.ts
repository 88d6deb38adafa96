/** A backtest over the contract: the request, its progress and its report (strategies issue). */
import { z } from 'zod';
import { MarketSymbol, Timeframe } from './market.js';
import { BacktestSettings, QualityGrade } from './strategy.js';
import { StrategyId } from './strategy-library.js';

/** Chosen by the caller (a UUID or similar) so it can match progress events and cancel the job. */
export const JobId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'a job id is 8-64 letters, digits, "-" or "_" (e.g. a UUID)');

/**
 * A backtest of a saved strategy (`id`) or of an unsaved definition. Defaults: the strategy's first
 * symbol and its timeframe, the last 30 days, fee 0.1 %, slippage 5 bps, capital 10,000, the
 * risk settings in force ("off": only the strategy's own stop, target and trail).
 */
export const BacktestRequest = z
  .object({
    jobId: JobId,
    id: StrategyId.optional(),
    definition: z.unknown().optional(),
    symbol: MarketSymbol.optional(),
    timeframe: Timeframe.optional(),
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().positive().optional(),
    feeRate: z.number().min(0, 'the fee rate cannot be negative').max(0.05, 'the fee rate is at most 0.05').optional(),
    slippageBps: z.number().min(0, 'slippage cannot be negative').max(500, 'slippage is at most 500 bps').optional(),
    capital: z.number().positive('the starting capital must be above zero').max(1e12).optional(),
    risk: z.enum(['default', 'off']).default('default'),
  })
  .strict()
  .refine((r) => (r.id === undefined) !== (r.definition === undefined), {
    message: 'give exactly one of id (a saved strategy) or definition (strategy JSON)',
    path: ['id'],
  });
export type BacktestRequest = z.infer<typeof BacktestRequest>;
export type BacktestRequestInput = z.input<typeof BacktestRequest>;

export const ExitReason = z.enum(['SIGNAL', 'STOP', 'TARGET', 'TRAIL', 'END', 'GRID']);

export const BacktestTradeView = z.object({
  entryTime: z.number(),
  exitTime: z.number(),
  entryPrice: z.number(),
  exitPrice: z.number(),
  quantity: z.number(),
  fees: z.number(),
  pnl: z.number(),
  pnlPercent: z.number(),
  reason: ExitReason,
  candlesHeld: z.number().int(),
});
export type BacktestTradeView = z.infer<typeof BacktestTradeView>;

export const BacktestVetoView = z.object({
  time: z.number(),
  kind: z.enum(['entry', 'exit']),
  side: z.enum(['buy', 'sell']),
  rule: z.string(),
  detail: z.string(),
});
export type BacktestVetoView = z.infer<typeof BacktestVetoView>;

export const BacktestMetricsView = z.object({
  initialCapital: z.number(),
  finalEquity: z.number(),
  netProfit: z.number(),
  netProfitPercent: z.number(),
  cagrPercent: z.number(),
  buyAndHoldPercent: z.number(),
  trades: z.number().int(),
  winRatePercent: z.number(),
  profitFactor: z.number().nullable(),
  expectancy: z.number(),
  averageWin: z.number(),
  averageLoss: z.number(),
  bestTrade: z.number().nullable(),
  worstTrade: z.number().nullable(),
  maxDrawdownPercent: z.number(),
  maxDrawdownDurationMs: z.number(),
  maxDrawdownDurationCandles: z.number().int(),
  maxDrawdownRecovered: z.boolean(),
  sharpe: z.number(),
  sortino: z.number().nullable(),
  exposurePercent: z.number(),
  feesPaid: z.number(),
  averageCandlesInTrade: z.number(),
});
export type BacktestMetricsView = z.infer<typeof BacktestMetricsView>;

export const GradeView = z.object({ grade: QualityGrade, reasons: z.array(z.string()) });
export type GradeView = z.infer<typeof GradeView>;

/** A chart series: parallel arrays of UTC ms and values. */
export const SeriesView = z.object({ time: z.array(z.number()), value: z.array(z.number()) });
export type SeriesView = z.infer<typeof SeriesView>;

/** Trades and vetoes carried in a report at most (the totals say how many there were). */
export const REPORT_MAX_TRADES = 5_000;
export const REPORT_MAX_VETOES = 1_000;

export const BacktestReport = z.object({
  jobId: JobId,
  strategyId: StrategyId.nullable(),
  strategyName: z.string(),
  symbol: z.string(),
  timeframe: Timeframe,
  /** The range asked for, and the candles found in it. */
  from: z.number(),
  to: z.number(),
  candles: z.number().int(),
  settings: BacktestSettings,
  risk: z.enum(['default', 'off']),
  metrics: BacktestMetricsView,
  grade: GradeView,
  /** The first REPORT_MAX_TRADES trades. */
  trades: z.array(BacktestTradeView),
  tradesTotal: z.number().int(),
  vetoes: z.array(BacktestVetoView),
  vetoesTotal: z.number().int(),
  /** Equity at closes and drawdown from the running peak (%, <= 0), at most 2,000 points each. */
  equity: SeriesView,
  drawdown: SeriesView,
  /** Wall time of the run (candles loaded to result), ms. */
  elapsedMs: z.number(),
});
export type BacktestReport = z.infer<typeof BacktestReport>;

export const JOB_PHASES = ['candles', 'running', 'done', 'failed', 'cancelled'] as const;
/** Pushed while a backtest (or a gauntlet) runs; fraction in [0, 1]. */
export const JobProgress = z.object({
  jobId: JobId,
  phase: z.enum(JOB_PHASES),
  fraction: z.number().min(0).max(1),
  message: z.string(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const JobIdInput = z.object({ jobId: JobId }).strict();
