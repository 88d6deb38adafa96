/** A stored generation as the contract carries it (GenerationView, GenerationSummary in shared/domain/ai.ts). */
import type { GenerationSummary, GenerationView, OutOfRange } from '../../../../shared/domain/ai.js';
import type { GauntletReport } from '../../../../shared/domain/gauntlet.js';
import type { Timeframe } from '../../../../shared/domain/market.js';
import type { RiskLevel, StrategyDefinition } from '../../../../shared/domain/strategy.js';
import type { AiGenerationRow } from '../../../persistence/repositories/ai-generation-repo.js';
import type { Attempt } from './conversation.js';

export function toView(row: AiGenerationRow): GenerationView {
  return {
    id: row.id,
    createdAt: row.createdAt,
    parentId: row.parentId,
    promptVersion: row.promptVersion,
    request: row.request,
    symbol: row.symbol,
    timeframe: row.timeframe as Timeframe,
    riskLevel: row.riskLevel as RiskLevel,
    model: row.model,
    status: row.status as GenerationView['status'],
    attempts: row.attempts as Attempt[],
    tokensIn: row.tokensIn,
    tokensOut: row.tokensOut,
    costUsd: row.costUsd,
    latencyMs: row.latencyMs,
    strategy: row.strategy as StrategyDefinition | null,
    outOfRange: row.outOfRange as OutOfRange[],
    clampedStrategy: row.clampedStrategy as StrategyDefinition | null,
    gauntlet: row.gauntlet as GauntletReport | null,
    decision: row.decision as GenerationView['decision'],
    strategyId: row.strategyId,
    error: row.error,
  };
}

export function toSummary(row: AiGenerationRow): GenerationSummary {
  const v = toView(row);
  return {
    id: v.id,
    createdAt: v.createdAt,
    request: v.request,
    symbol: v.symbol,
    timeframe: v.timeframe,
    model: v.model,
    status: v.status,
    decision: v.decision,
    costUsd: v.costUsd,
    strategyId: v.strategyId,
    verdict: row.verdict,
  };
}
