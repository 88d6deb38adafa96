/** The validation gauntlet (AI issue; any saved strategy): strategies.gauntlet. Cancel with strategies.cancelJob. */
import type { Handlers } from '../dispatch.js';
import type { GauntletService } from '../services/strategies/gauntlet-service.js';

export function gauntletHandlers(gauntlet: GauntletService) {
  return {
    'strategies.gauntlet': (request) => gauntlet.gauntlet(request),
  } satisfies Pick<Handlers, 'strategies.gauntlet'>;
}
