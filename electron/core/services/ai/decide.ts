/**
 * The trader's decision on a generation, recorded once and audited. APPROVE saves the strategy
 * through the strategy library (the same validation as a hand-written one) and stores the
 * gauntlet's report for the new strategy; an OUT_OF_RANGE generation is saved only as its clamped
 * version and only when the trader accepts it explicitly. DISCARD records the decision. A FAILED
 * verdict may be saved; activation refuses it (the activation rules).
 */
import type { GenerationView } from '../../../../shared/domain/ai.js';
import type { GauntletReport } from '../../../../shared/domain/gauntlet.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import type { AiGenerationRow } from '../../../persistence/repositories/ai-generation-repo.js';
import type { AiServiceDeps } from './types.js';
import { toView } from './view.js';

export type DecideInput = { id: string; decision: 'APPROVE' | 'DISCARD'; acceptClamped: boolean };

function describeClamps(row: AiGenerationRow): string {
  return toView(row)
    .outOfRange.map((o) => `${o.field} ${o.value} -> ${o.clamped}`)
    .join(', ');
}

function definitionToSave(row: AiGenerationRow, acceptClamped: boolean): unknown {
  if (row.status === 'VALID') return row.strategy;
  if (row.status === 'OUT_OF_RANGE') {
    if (!acceptClamped) {
      throw new AppError(
        'invalid_input',
        `this strategy has risk values out of range (${describeClamps(row)}): approve with acceptClamped to save the clamped version, or refine or discard it`,
      );
    }
    return row.clampedStrategy;
  }
  throw new AppError(
    'conflict',
    `generation ${row.id} ended ${row.status} and has no valid strategy to approve; refine it or generate a new one`,
  );
}

export function createDecide(deps: AiServiceDeps, load: (id: string) => AiGenerationRow) {
  return function decide(input: DecideInput): GenerationView {
    const row = load(input.id);
    if (row.decision !== 'PENDING') {
      throw new AppError('conflict', `generation ${row.id} was already ${row.decision.toLowerCase()}`);
    }
    const at = deps.now();
    if (input.decision === 'DISCARD') {
      if (!deps.repo.decide(row.id, 'DISCARDED', at, null)) {
        throw new AppError('conflict', `generation ${row.id} was already decided`);
      }
      deps.audit.record('ai.generation', 'user', `AI generation ${row.id} discarded`, {
        generationId: row.id,
        decision: 'DISCARDED',
      });
      return toView(load(row.id));
    }
    const definition = definitionToSave(row, input.acceptClamped);
    const saved = deps.strategies.create({ definition });
    deps.repo.decide(row.id, 'APPROVED', at, saved.id);
    const report = row.gauntlet as GauntletReport | null;
    let gauntletStored = false;
    if (report && deps.saveGauntlet) {
      try {
        // The approved definition is exactly the one the gauntlet tested: its results count as of
        // the approval (activation requires results no older than the strategy's last edit).
        const ranAt = Math.max(report.ranAt, saved.updatedAt);
        deps.saveGauntlet(saved.id, { ...report, strategyId: saved.id, strategyName: saved.name, ranAt });
        deps.strategies.recordBacktest(saved.id, { ...report.backtest, strategyId: saved.id }, ranAt);
        gauntletStored = true;
      } catch (error) {
        deps.logger.error('ai', `the gauntlet report of AI generation ${row.id} could not be stored`, { error });
      }
    }
    deps.audit.record('ai.generation', 'user', `AI generation ${row.id} approved as strategy "${saved.name}"`, {
      generationId: row.id,
      decision: 'APPROVED',
      strategyId: saved.id,
      acceptedClamped: row.status === 'OUT_OF_RANGE',
      verdict: row.verdict,
      gauntletStored,
    });
    return toView(load(row.id));
  };
}
