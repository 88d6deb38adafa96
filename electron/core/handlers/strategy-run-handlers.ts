import type { Handlers } from '../dispatch.js';
import type { RunManager } from '../services/strategies/runs/run-manager.js';

type RunNames =
  | 'strategies.activationCheck'
  | 'strategies.activate'
  | 'strategies.runs'
  | 'strategies.pause'
  | 'strategies.resume'
  | 'strategies.stop'
  | 'strategies.runEvents';

/** Running strategies: activation (decided in the main process), pause, resume, stop, the decision log. */
export function strategyRunHandlers(runs: RunManager) {
  return {
    'strategies.activationCheck': (query) => runs.check(query),
    'strategies.activate': (query) => runs.activate(query, 'user'),
    'strategies.runs': () => runs.runs(),
    'strategies.pause': ({ runId }) => runs.pause(runId, 'paused by the user', 'user'),
    'strategies.resume': ({ runId }) => runs.resume(runId, 'user'),
    'strategies.stop': ({ runId }) => runs.stop(runId, 'stopped by the user', 'user'),
    'strategies.runEvents': (query) => runs.events(query),
  } satisfies Pick<Handlers, RunNames>;
}
