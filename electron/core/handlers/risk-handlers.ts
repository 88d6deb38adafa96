import type { Handlers } from '../dispatch.js';
import type { RiskService } from '../services/risk/risk-service.js';

type RiskNames =
  | 'risk.overview'
  | 'risk.settings.get'
  | 'risk.settings.update'
  | 'risk.vetoes'
  | 'killSwitch.status'
  | 'killSwitch.engage'
  | 'killSwitch.progress'
  | 'killSwitch.rearm';

/** Risk controls and the kill switch (the risk issue). */
export function riskHandlers(risk: RiskService) {
  return {
    'risk.overview': () => risk.overview(),
    'risk.settings.get': () => risk.settings(),
    'risk.settings.update': (patch) => risk.updateSettings(patch),
    'risk.vetoes': (query) => risk.vetoes(query),
    'killSwitch.status': () => risk.killSwitch(),
    'killSwitch.engage': (input) => risk.engage(input, 'user'),
    'killSwitch.progress': () => risk.killSwitchProgress(),
    'killSwitch.rearm': (input) => risk.rearm(input),
  } satisfies Pick<Handlers, RiskNames>;
}
