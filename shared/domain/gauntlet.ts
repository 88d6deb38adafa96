/**
 * The validation gauntlet (AI issue; available for any strategy): the backtest on the last 30 days,
 * an out-of-sample split, cost stress, parameter stability and a Monte Carlo of the trade order,
 * ending in a verdict with reasons. The rules are in electron/engine/gauntlet/verdict.ts.
 */
import { z } from 'zod';
import { MarketSymbol, Timeframe } from './market.js';
import { BacktestReport, GradeView, JobId } from './backtest-report.js';
import { QualityGrade } from './strategy.js';
import { StrategyId } from './strategy-library.js';

export const GauntletRequest = z
  .object({
    jobId: JobId,
    id: StrategyId,
    symbol: MarketSymbol.optional(),
    timeframe: Timeframe.optional(),
    /** Default: now (the 30-day backtest ends here; the out-of-sample window is 90 days back from it). */
    to: z.number().int().positive().optional(),
  })
  .strict();
export type GauntletRequest = z.infer<typeof GauntletRequest>;

/** The few figures each gauntlet stage compares. */
export const StageFigures = z.object({
  grade: QualityGrade,
  trades: z.number().int(),
  netProfitPercent: z.number(),
  winRatePercent: z.number(),
  profitFactor: z.number().nullable(),
  maxDrawdownPercent: z.number(),
  sharpe: z.number(),
});
export type StageFigures = z.infer<typeof StageFigures>;
export type HeadlineFigures = Omit<StageFigures, 'grade'>;

/** A backtest's headline figures, picked from its metrics (gauntlet stages, a saved backtest's summary, the UI). */
export function headlineFigures(m: HeadlineFigures): HeadlineFigures {
  return {
    trades: m.trades,
    netProfitPercent: m.netProfitPercent,
    winRatePercent: m.winRatePercent,
    profitFactor: m.profitFactor,
    maxDrawdownPercent: m.maxDrawdownPercent,
    sharpe: m.sharpe,
  };
}

export const StabilityVariant = z.object({
  /** e.g. "stopLossPercent" or "entryConditions[0]: RSI(14) -> RSI(11)". */
  parameter: z.string(),
  change: z.enum(['-20%', '+20%']),
  figures: StageFigures,
  passed: z.boolean(),
});
export type StabilityVariant = z.infer<typeof StabilityVariant>;

export const GauntletReport = z.object({
  jobId: JobId,
  strategyId: StrategyId,
  strategyName: z.string(),
  symbol: z.string(),
  timeframe: Timeframe,
  /** The last 30 days, as a backtest report (charts, trades). */
  backtest: BacktestReport,
  outOfSample: z.object({
    from: z.number(),
    split: z.number(),
    to: z.number(),
    inSample: StageFigures,
    outOfSample: StageFigures,
    /** In-sample minus out-of-sample net profit %, and whether the gap flags likely overfitting. */
    gapPercent: z.number(),
    overfitting: z.boolean(),
  }),
  costStress: z.object({ feeRate: z.number(), slippageBps: z.number(), figures: StageFigures }),
  stability: z.object({
    variants: z.array(StabilityVariant),
    passing: z.number().int(),
    total: z.number().int(),
    sharePercent: z.number(),
  }),
  monteCarlo: z.object({
    runs: z.number().int(),
    p95DrawdownPercent: z.number(),
    medianDrawdownPercent: z.number(),
  }),
  verdict: GradeView,
  ranAt: z.number(),
  elapsedMs: z.number(),
});
export type GauntletReport = z.infer<typeof GauntletReport>;
