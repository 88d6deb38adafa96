/** Parameter sweeps and walk-forward runs (optimisation issue): Strategies > Optimise. */
import type { Handlers } from '../dispatch.js';
import type { OptimizeService } from '../services/optimize/optimize-service.js';

type OptimizeNames =
  | 'optimize.space'
  | 'optimize.estimate'
  | 'optimize.start'
  | 'optimize.status'
  | 'optimize.cancel'
  | 'optimize.resume'
  | 'optimize.result'
  | 'optimize.list'
  | 'optimize.saveAsStrategy';

export function optimizeHandlers(optimize: OptimizeService) {
  return {
    'optimize.space': ({ strategyId }) => optimize.space(strategyId),
    'optimize.estimate': (request) => optimize.estimate(request),
    'optimize.start': (request) => optimize.start(request),
    'optimize.status': ({ sweepId }) => optimize.status(sweepId),
    'optimize.cancel': ({ sweepId }) => optimize.cancel(sweepId),
    'optimize.resume': ({ sweepId }) => optimize.resume(sweepId),
    'optimize.result': ({ sweepId, window }) => optimize.result(sweepId, window),
    'optimize.list': () => optimize.list(),
    'optimize.saveAsStrategy': (input) => optimize.saveAsStrategy(input),
  } satisfies Pick<Handlers, OptimizeNames>;
}
