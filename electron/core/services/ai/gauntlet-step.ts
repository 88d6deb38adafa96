/**
 * The gauntlet after a valid generation: run on the trader's symbol and timeframe through the
 * injected runner (the gauntlet service), its progress forwarded as ai.progress (the first fifth as
 * "backtesting", the rest as "gauntlet"), and its report or the reason it did not run stored with
 * the generation. The generation itself stays VALID either way: the trader may still approve it,
 * and activation enforces the verdict.
 */
import { clause } from '../../../../shared/format/text.js';
import type { AiProgress } from '../../../../shared/domain/ai.js';
import type { StrategyDefinition } from '../../../../shared/domain/strategy.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import type { StrategyPromptInput } from '../../../adapters/ai/prompt.js';
import type { AiServiceDeps } from './types.js';

export const NO_GAUNTLET_MESSAGE =
  'the gauntlet is not available in this process: approve to save the strategy, then run the gauntlet from the Strategies tab';

type Step = {
  id: string;
  jobId: string;
  definition: StrategyDefinition;
  pick: StrategyPromptInput;
  abort: AbortController;
  progress(phase: AiProgress['phase'], fraction: number, message: string): void;
};

export async function runGauntletFor(deps: AiServiceDeps, step: Step): Promise<void> {
  const { progress } = step;
  if (!deps.runGauntlet) {
    deps.repo.setGauntlet(step.id, null, null, NO_GAUNTLET_MESSAGE);
    progress('done', 1, `the strategy is valid; ${NO_GAUNTLET_MESSAGE}`);
    return;
  }
  if (step.abort.signal.aborted) {
    deps.repo.setGauntlet(step.id, null, null, 'the gauntlet was cancelled; run it from the Strategies tab');
    progress('cancelled', 1, 'cancelled before the gauntlet');
    return;
  }
  progress('backtesting', 0.6, `backtesting on ${step.pick.symbol} ${step.pick.timeframe}`);
  try {
    const report = await deps.runGauntlet(
      step.definition,
      step.pick.symbol,
      step.pick.timeframe,
      step.jobId,
      (f, m) => {
        const fraction = Math.min(0.99, 0.6 + 0.39 * Math.max(0, Math.min(1, f)));
        progress(f < 0.2 ? 'backtesting' : 'gauntlet', fraction, m ?? `gauntlet ${Math.round(f * 100)} %`);
      },
      step.abort.signal,
    );
    deps.repo.setGauntlet(step.id, report, report.verdict.grade, null);
    progress('done', 1, `gauntlet verdict: ${report.verdict.grade}`);
  } catch (error) {
    const cancelled = (error instanceof AppError && error.code === 'cancelled') || step.abort.signal.aborted;
    const reason = clause(error instanceof Error ? error.message : String(error));
    const message = cancelled
      ? 'the gauntlet was cancelled; run it from the Strategies tab'
      : `the gauntlet could not run (${reason}); approve to save the strategy and run it again from the Strategies tab`;
    deps.repo.setGauntlet(step.id, null, null, message);
    deps.logger.warn('ai', `the gauntlet of AI generation ${step.id} did not finish`, { reason });
    progress(cancelled ? 'cancelled' : 'failed', 1, message);
  }
}
