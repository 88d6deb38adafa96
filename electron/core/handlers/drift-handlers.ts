import type { Handlers } from '../dispatch.js';
import type { DriftService } from '../services/strategies/runs/drift-service.js';

/** A run's drift from its backtest. */
export function driftHandlers(drift: DriftService) {
  return {
    'strategies.drift': ({ runId }) => drift.report(runId),
  } satisfies Pick<Handlers, 'strategies.drift'>;
}
