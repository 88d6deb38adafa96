import type { SettingsService } from '../services/settings-service.js';
import type { Handlers } from '../dispatch.js';

export function settingsHandlers(settings: SettingsService) {
  return {
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
  } satisfies Pick<Handlers, 'settings.get' | 'settings.update'>;
}
