/** The strategy library as the contract carries it (electron/core/services/strategies). */
import { z } from 'zod';
import { Timeframe } from './market.js';
import { GridStrategy, QualityGrade, Strategy } from './strategy.js';

export const StrategyId = z.string().min(1, 'give the strategy id').max(64);

/** A saved definition (a signal or a grid strategy, as validated when it was saved). */
export const StrategyDefinitionSchema = z.union([Strategy, GridStrategy]);

/** The last backtest of a saved strategy on one (symbol, timeframe). */
export const BacktestSummary = z.object({
  symbol: z.string(),
  timeframe: Timeframe,
  grade: QualityGrade,
  reasons: z.array(z.string()),
  from: z.number(),
  to: z.number(),
  candles: z.number().int(),
  trades: z.number().int(),
  netProfitPercent: z.number(),
  winRatePercent: z.number(),
  profitFactor: z.number().nullable(),
  maxDrawdownPercent: z.number(),
  sharpe: z.number(),
  ranAt: z.number(),
});
export type BacktestSummary = z.infer<typeof BacktestSummary>;

export const SavedStrategy = z.object({
  id: StrategyId,
  name: z.string(),
  definition: StrategyDefinitionSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
  backtests: z.array(BacktestSummary),
});
export type SavedStrategy = z.infer<typeof SavedStrategy>;

export const ValidationIssue = z.object({
  /** Where in the strategy JSON, e.g. ["entryConditions", 1]. */
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  /** For a condition: where in its text (0-based offset, 1-based line and column). */
  position: z
    .object({ offset: z.number().int(), length: z.number().int(), line: z.number().int(), column: z.number().int() })
    .nullable(),
  /** A replacement for the faulty text, when one is likely meant. */
  suggestion: z.string().nullable(),
});
export type ValidationIssue = z.infer<typeof ValidationIssue>;

export const StrategyValidation = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), issues: z.array(ValidationIssue) }),
]);
export type StrategyValidation = z.infer<typeof StrategyValidation>;

export const StrategyTemplateView = z.object({ id: z.string(), title: z.string(), strategy: StrategyDefinitionSchema });

/** From a definition (any JSON: validated by the service, issues named) or a template id. */
export const CreateStrategyInput = z.union([
  z.object({ definition: z.unknown() }).strict(),
  z.object({ templateId: z.string().min(1).max(64) }).strict(),
]);
export const UpdateStrategyInput = z.object({ id: StrategyId, definition: z.unknown() }).strict();
export const StrategyIdInput = z.object({ id: StrategyId }).strict();
export const ValidateStrategyInput = z.object({ definition: z.unknown() }).strict();
