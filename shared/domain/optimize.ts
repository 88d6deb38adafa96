/**
 * Parameter sweeps and walk-forward runs in the app (Strategies > Optimise) as the contract carries
 * them (optimisation issue). The engine is electron/engine/optimize; the service that runs them on
 * the local worker pool is electron/core/services/optimize.
 */
import { z } from 'zod';
import { JobId } from './backtest-report.js';
import { MarketSymbol, Timeframe } from './market.js';
import { StrategyId } from './strategy-library.js';

export const OPTIMIZE_OBJECTIVES = ['netProfit', 'sharpe', 'sortino', 'calmar', 'profitFactor', 'expectancy'] as const;
export const OptimizeObjective = z.enum(OPTIMIZE_OBJECTIVES);
export type OptimizeObjective = z.infer<typeof OptimizeObjective>;

/** The most parameter sets one sweep of the app runs (per walk-forward window). */
export const MAX_APP_SETS = 20_000;
/** The most days of candles a sweep reads. */
export const MAX_OPTIMIZE_DAYS = 3650;

/** One swept parameter: its name (as optimize.space lists it) and values, "START:END:STEP" or "V1,V2,...". */
export const ParameterRangeInput = z
  .object({
    name: z.string().min(1, 'give the parameter name').max(200),
    range: z.string().trim().min(1, 'give the values as START:END:STEP (e.g. 10:30:5) or a list (7,14,21)').max(2000),
  })
  .strict();
export type ParameterRangeInput = z.infer<typeof ParameterRangeInput>;

export const WalkForwardInput = z
  .object({
    inSampleDays: z.number().positive('the in-sample window must be longer than 0 days').max(MAX_OPTIMIZE_DAYS),
    outOfSampleDays: z.number().positive('the out-of-sample window must be longer than 0 days').max(MAX_OPTIMIZE_DAYS),
    /** Default: the out-of-sample length. */
    stepDays: z.number().positive('the step must be longer than 0 days').max(MAX_OPTIMIZE_DAYS).optional(),
    /** Anchored: every in-sample window starts at the first candle; rolling (default): it moves by the step. */
    anchored: z.boolean().default(false),
  })
  .strict();
export type WalkForwardInput = z.infer<typeof WalkForwardInput>;

/**
 * A sweep of a saved signal strategy: its symbol (default its first) and timeframe, the `days` up
 * to `to` (default the market's now), fees, slippage, capital and the risk gate as a single backtest takes them.
 */
export const OptimizeRequest = z
  .object({
    strategyId: StrategyId,
    symbol: MarketSymbol.optional(),
    days: z
      .number()
      .int('days: a whole number of days')
      .min(1, 'sweep at least 1 day of candles')
      .max(MAX_OPTIMIZE_DAYS)
      .default(30),
    /** The end of the swept days, UTC ms (default the market's now). */
    to: z.number().int().positive().optional(),
    ranges: z
      .array(ParameterRangeInput)
      .min(1, 'choose at least one parameter to sweep')
      .max(8, 'at most 8 parameters'),
    objective: OptimizeObjective.default('sharpe'),
    constraints: z
      .object({
        minTrades: z.number().int().min(0, 'the minimum trades cannot be negative').max(1_000_000).optional(),
        maxDrawdownPercent: z.number().gt(0, 'the drawdown limit must be above 0 %').max(100).optional(),
      })
      .strict()
      .default({}),
    method: z.enum(['grid', 'random']).default('grid'),
    /** Random search: how many sets to draw (required for random). */
    samples: z.number().int().min(1).max(MAX_APP_SETS).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    walkForward: WalkForwardInput.nullable().default(null),
    feeRate: z.number().min(0, 'the fee rate cannot be negative').max(0.05, 'the fee rate is at most 0.05').optional(),
    slippageBps: z.number().min(0, 'slippage cannot be negative').max(500, 'slippage is at most 500 bps').optional(),
    capital: z.number().positive('the starting capital must be above zero').max(1e12).optional(),
    risk: z.enum(['default', 'off']).default('default'),
  })
  .strict()
  .refine((r) => r.method !== 'random' || r.samples !== undefined, {
    message: 'random search needs samples: how many parameter sets to draw',
    path: ['samples'],
  });
export type OptimizeRequest = z.infer<typeof OptimizeRequest>;
export type OptimizeRequestInput = z.input<typeof OptimizeRequest>;

export const OptimizeParameter = z.object({
  name: z.string(),
  kind: z.enum(['field', 'period', 'parameter', 'threshold', 'factor']),
  value: z.number(),
  integer: z.boolean(),
  /** Allowed values (null: unbounded). */
  min: z.number().nullable(),
  max: z.number().nullable(),
  /** Whether the parameter changes the signals (false: stop, target, size). */
  signals: z.boolean(),
  /** A sensible range around the current value, START:END:STEP. */
  defaultRange: z.string(),
});
export type OptimizeParameter = z.infer<typeof OptimizeParameter>;

export const OptimizeSpace = z.object({
  strategyId: StrategyId,
  strategyName: z.string(),
  symbol: z.string(),
  timeframe: Timeframe,
  parameters: z.array(OptimizeParameter),
});
export type OptimizeSpace = z.infer<typeof OptimizeSpace>;

export const OptimizeEstimate = z.object({
  /** Parameter sets per sweep (per walk-forward window). */
  sets: z.number().int(),
  /** Every combination of the ranges (random search draws `sets` of them). */
  gridSize: z.number().int(),
  /** Walk-forward windows (1 without walk-forward). */
  windows: z.number().int(),
  candles: z.number().int(),
  from: z.number(),
  to: z.number(),
  /** This computer's worker threads (the sweep runs on them unless redisUrl is set). */
  workers: z.number().int(),
  /** The time it should take on those workers, from one set timed on these candles. */
  estimatedMs: z.number(),
  /** Settings' Redis server: the sweep runs on the BullMQ workers connected to it instead. */
  redisUrl: z.string().nullable(),
});
export type OptimizeEstimate = z.infer<typeof OptimizeEstimate>;

export const SWEEP_STATES = ['RUNNING', 'DONE', 'CANCELLED', 'FAILED'] as const;

/** A sweep's state; pushed as optimize.progress while it runs. */
export const SweepStatusView = z.object({
  sweepId: JobId,
  strategyId: z.string(),
  strategyName: z.string(),
  symbol: z.string(),
  timeframe: Timeframe,
  status: z.enum(SWEEP_STATES),
  /** Parameter sets done over all windows, of `total`. */
  done: z.number().int(),
  total: z.number().int(),
  /** Walk-forward: the window running now (0-based) and how many there are; 0 and 1 without. */
  window: z.number().int(),
  windows: z.number().int(),
  etaMs: z.number().nullable(),
  setsPerSecond: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Why it failed or stopped; null otherwise. */
  detail: z.string().nullable(),
  /** Interrupted (cancelled or by a restart): optimize.resume continues where it stopped. */
  resumable: z.boolean(),
});
export type SweepStatusView = z.infer<typeof SweepStatusView>;

export const SetMetricsView = z.object({
  netProfit: z.number(),
  netProfitPercent: z.number(),
  trades: z.number().int(),
  winRatePercent: z.number(),
  profitFactor: z.number().nullable(),
  expectancy: z.number(),
  maxDrawdownPercent: z.number(),
  sharpe: z.number(),
  sortino: z.number().nullable(),
  cagrPercent: z.number(),
  finalEquity: z.number(),
  feesPaid: z.number(),
});
export type SetMetricsView = z.infer<typeof SetMetricsView>;

/** One parameter set's result, in rank order. */
export const SetRowView = z.object({
  index: z.number().int(),
  values: z.record(z.string(), z.number()),
  /** The objective's value; null: unbounded (e.g. no losing trade) or no result. */
  score: z.number().nullable(),
  /** Why the set was ranked below the others (outside the constraints, or not a valid strategy); null: it qualifies. */
  rejected: z.string().nullable(),
  metrics: SetMetricsView.nullable(),
});
export type SetRowView = z.infer<typeof SetRowView>;

const WindowMetrics = z
  .object({
    netProfitPercent: z.number(),
    trades: z.number().int(),
    sharpe: z.number(),
    maxDrawdownPercent: z.number(),
  })
  .nullable();

export const WalkForwardView = z.object({
  verdict: z.object({ passed: z.boolean(), headline: z.string(), notes: z.array(z.string()) }),
  windows: z.array(
    z.object({
      index: z.number().int(),
      inSample: z.object({ start: z.number(), end: z.number() }),
      outOfSample: z.object({ start: z.number(), end: z.number() }),
      values: z.record(z.string(), z.number()).nullable(),
      inSampleMetrics: WindowMetrics,
      outOfSampleMetrics: WindowMetrics,
      pbo: z.number().nullable(),
      deflatedSharpe: z.number().nullable(),
    }),
  ),
  outOfSampleReturnPercent: z.number(),
  outOfSampleTrades: z.number().int(),
  outOfSampleMaxDrawdownPercent: z.number(),
  inSampleMeanReturnPercent: z.number(),
  efficiency: z.number().nullable(),
  drift: z.array(
    z.object({
      name: z.string(),
      values: z.array(z.number().nullable()),
      changes: z.number().int(),
      spanPercent: z.number(),
    }),
  ),
  pbo: z.number().nullable(),
  equity: z.object({ time: z.array(z.number()), value: z.array(z.number()) }),
});
export type WalkForwardView = z.infer<typeof WalkForwardView>;

export const SweepResultView = z.object({
  status: SweepStatusView,
  request: OptimizeRequest,
  from: z.number(),
  to: z.number(),
  candles: z.number().int(),
  /** The swept values of each parameter. */
  ranges: z.array(z.object({ name: z.string(), values: z.array(z.number()) })),
  /** Whose sets `rows` are: the whole range (-1), or a walk-forward window's in-sample sweep. */
  rowsWindow: z.number().int(),
  counts: z.object({
    total: z.number().int(),
    valid: z.number().int(),
    rejected: z.number().int(),
    invalid: z.number().int(),
  }),
  /** Every set, best first (at most MAX_APP_SETS). */
  rows: z.array(SetRowView),
  /** Probability of backtest overfitting over the sweep (null: too few sets or blocks). */
  pbo: z.number().nullable(),
  /** The deflated Sharpe ratio of the best set: the probability that its Sharpe is not luck. */
  deflatedSharpe: z.number().nullable(),
  walkForward: WalkForwardView.nullable(),
});
export type SweepResultView = z.infer<typeof SweepResultView>;

export const SweepIdInput = z.object({ sweepId: JobId }).strict();
export const SweepResultQuery = z
  .object({
    sweepId: JobId,
    /** Walk-forward: the window whose in-sample sets `rows` holds (default the one running, else the last). */
    window: z.number().int().min(0).optional(),
  })
  .strict();

export const SaveSweepSetInput = z
  .object({
    sweepId: JobId,
    /** The set's index (SetRowView.index). */
    index: z.number().int().min(0),
    /** Default: the strategy's name with the set's values. */
    name: z.string().trim().min(1).max(80).optional(),
  })
  .strict();
