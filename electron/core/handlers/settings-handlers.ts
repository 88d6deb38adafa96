import type { AuditRecorder } from '../services/audit-service.js';
import { createExchangeOverrideGuard, type TradingControl } from '../services/exchange-override-guard.js';
import type { SettingsService } from '../services/settings-service.js';
import type { Handlers } from '../dispatch.js';

export function settingsHandlers(settings: SettingsService, trading: TradingControl, audit: AuditRecorder) {
  // Where the exchange's API key may be sent is checked (and confirmed) before it is stored.
  const guard = createExchangeOverrideGuard({ settings, trading: () => trading, audit });
  return {
    'settings.get': () => settings.get(),
    'settings.update': (patch) => guard.update(patch),
  } satisfies Pick<Handlers, 'settings.get' | 'settings.update'>;
}
