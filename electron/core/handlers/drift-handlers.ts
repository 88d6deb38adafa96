import type { Handlers } from '../dispatch.js';
import type { ArenaService } from '../services/strategies/runs/arena-service.js';
import type { DriftService } from '../services/strategies/runs/drift-service.js';

/** How runs do: a run's drift from its backtest, and the arena's leaderboard. */
export function driftHandlers(drift: DriftService, arena: ArenaService) {
  return {
    'strategies.drift': ({ runId }) => drift.report(runId),
    'arena.leaderboard': () => arena.leaderboard(),
  } satisfies Pick<Handlers, 'strategies.drift' | 'arena.leaderboard'>;
}
