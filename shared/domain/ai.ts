/**
 * AI strategies (AI issue): generation from plain language, its stored record, and the advisor.
 * The model list is data (resources/ai-models.json), not code.
 */
import { z } from 'zod';
import { MarketSymbol, Timeframe } from './market.js';
import { JobId } from './backtest-report.js';
import { GauntletReport } from './gauntlet.js';
import { RiskLevel } from './strategy.js';
import { StrategyDefinitionSchema, StrategyId, ValidationIssue } from './strategy-library.js';

export const AiModel = z.object({
  id: z.string(),
  label: z.string(),
  /** USD per million tokens. */
  inputPerMTok: z.number(),
  outputPerMTok: z.number(),
});
export type AiModel = z.infer<typeof AiModel>;

export const AiStatus = z.object({
  /** An Anthropic API key is in the secret store. */
  keyConfigured: z.boolean(),
  model: z.string(),
  models: z.array(AiModel),
  promptVersion: z.string(),
});
export type AiStatus = z.infer<typeof AiStatus>;

export const GenerateRequest = z
  .object({
    jobId: JobId,
    request: z
      .string()
      .trim()
      .min(3, 'describe the strategy, e.g. "an aggressive RSI strategy for Bitcoin with a 2% stop"')
      .max(2000, 'a request is at most 2000 characters'),
    symbol: MarketSymbol,
    timeframe: Timeframe,
    riskLevel: RiskLevel,
    /** Refine: continue from this stored generation ("make it less aggressive"). */
    refineFrom: z.string().min(1).max(64).optional(),
  })
  .strict();
export type GenerateRequest = z.infer<typeof GenerateRequest>;

/** A risk parameter the model put outside its range; `clamped` is the nearest allowed value. */
export const OutOfRange = z.object({
  field: z.string(),
  value: z.number(),
  min: z.number(),
  max: z.number(),
  clamped: z.number(),
  message: z.string(),
});
export type OutOfRange = z.infer<typeof OutOfRange>;

export const GENERATION_STATUSES = ['VALID', 'OUT_OF_RANGE', 'INVALID', 'REQUEST_FAILED', 'CANCELLED'] as const;
export const GENERATION_DECISIONS = ['PENDING', 'APPROVED', 'DISCARDED'] as const;

export const AttemptView = z.object({
  /** 1: the first answer; 2: the repair round. */
  round: z.number().int(),
  rawAnswer: z.string(),
  issues: z.array(ValidationIssue),
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
  latencyMs: z.number(),
});

export const GenerationView = z.object({
  id: z.string(),
  createdAt: z.number(),
  parentId: z.string().nullable(),
  promptVersion: z.string(),
  request: z.string(),
  symbol: z.string(),
  timeframe: Timeframe,
  riskLevel: RiskLevel,
  model: z.string(),
  status: z.enum(GENERATION_STATUSES),
  attempts: z.array(AttemptView),
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
  costUsd: z.number(),
  latencyMs: z.number(),
  /** The valid strategy (null unless VALID). */
  strategy: StrategyDefinitionSchema.nullable(),
  /** OUT_OF_RANGE: what was out of range, and the clamped strategy the user may accept. */
  outOfRange: z.array(OutOfRange),
  clampedStrategy: StrategyDefinitionSchema.nullable(),
  gauntlet: GauntletReport.nullable(),
  decision: z.enum(GENERATION_DECISIONS),
  /** Set once approved: the saved strategy. */
  strategyId: StrategyId.nullable(),
  /** REQUEST_FAILED / CANCELLED / a gauntlet that could not run: what happened and what to do. */
  error: z.string().nullable(),
});
export type GenerationView = z.infer<typeof GenerationView>;

export const GenerationSummary = GenerationView.pick({
  id: true,
  createdAt: true,
  request: true,
  symbol: true,
  timeframe: true,
  model: true,
  status: true,
  decision: true,
  costUsd: true,
  strategyId: true,
}).extend({ verdict: z.string().nullable() });
export type GenerationSummary = z.infer<typeof GenerationSummary>;

export const GenerationIdInput = z.object({ id: z.string().min(1).max(64) }).strict();
export const GenerationDecision = z
  .object({
    id: z.string().min(1).max(64),
    decision: z.enum(['APPROVE', 'DISCARD']),
    /** APPROVE an OUT_OF_RANGE generation: the user accepts the clamped strategy explicitly. */
    acceptClamped: z.boolean().default(false),
  })
  .strict();

export const AI_PHASES = [
  'generating',
  'validating',
  'repairing',
  'backtesting',
  'gauntlet',
  'done',
  'failed',
  'cancelled',
] as const;
export const AiProgress = z.object({
  jobId: JobId,
  phase: z.enum(AI_PHASES),
  fraction: z.number().min(0).max(1),
  message: z.string(),
});
export type AiProgress = z.infer<typeof AiProgress>;

// --- the advisor (paper and simulator only) ---

export const AdvisorSettings = z
  .object({
    enabled: z.boolean().default(false),
    intervalMinutes: z
      .number()
      .int()
      .min(5, 'the advisor runs at most every 5 minutes')
      .max(1440, 'the advisor runs at least once a day')
      .default(60),
    dailyBudgetUsd: z
      .number()
      .min(0.01, 'the daily budget is at least $0.01')
      .max(100, 'the daily budget is at most $100')
      .default(1),
    symbols: z.array(MarketSymbol).min(1, 'watch at least one symbol').max(5).default(['BTC/USD']),
    timeframe: Timeframe.default('1h'),
    /** Largest order the advisor may place, % of equity (the risk gate still applies). */
    maxOrderPercent: z.number().min(1).max(20).default(5),
  })
  .strict();
export type AdvisorSettings = z.infer<typeof AdvisorSettings>;
/** Only the fields given (no defaults filled in: a patch of one field leaves the others as they are). */
export const AdvisorSettingsPatch = z
  .object({
    enabled: AdvisorSettings.shape.enabled.unwrap().optional(),
    intervalMinutes: AdvisorSettings.shape.intervalMinutes.unwrap().optional(),
    dailyBudgetUsd: AdvisorSettings.shape.dailyBudgetUsd.unwrap().optional(),
    symbols: AdvisorSettings.shape.symbols.unwrap().optional(),
    timeframe: AdvisorSettings.shape.timeframe.unwrap().optional(),
    maxOrderPercent: AdvisorSettings.shape.maxOrderPercent.unwrap().optional(),
  })
  .strict();

export const AdvisorDecision = z.object({
  id: z.string(),
  at: z.number(),
  symbol: z.string(),
  action: z.enum(['BUY', 'SELL', 'HOLD']),
  /** Percent of equity (BUY) or of the position (SELL). */
  sizePercent: z.number(),
  reasoning: z.string(),
  /** What happened: the order placed, the veto, or why nothing was sent. */
  outcome: z.enum(['ORDER', 'VETOED', 'HOLD', 'SKIPPED', 'ERROR']),
  outcomeDetail: z.string(),
  clientOrderId: z.string().nullable(),
  costUsd: z.number(),
});
export type AdvisorDecision = z.infer<typeof AdvisorDecision>;

export const AdvisorStatus = z.object({
  settings: AdvisorSettings,
  /** Why the advisor is not running (no key, LIVE mode, budget spent, kill switch), or null. */
  blockedReason: z.string().nullable(),
  spentTodayUsd: z.number(),
  nextRunAt: z.number().nullable(),
  lastRunAt: z.number().nullable(),
});
export type AdvisorStatus = z.infer<typeof AdvisorStatus>;
