import type { SecretsService } from '../services/secrets-service.js';
import type { SettingsService } from '../services/settings-service.js';
import type { Handlers } from '../dispatch.js';

export function secretsHandlers(secrets: SecretsService, settings: SettingsService) {
  return {
    'secrets.overview': () => secrets.overview([settings.get().defaultExchange]),
    'secrets.set': ({ name, value }) => secrets.set(name, value),
    'secrets.delete': ({ name }) => secrets.delete(name),
  } satisfies Pick<Handlers, 'secrets.overview' | 'secrets.set' | 'secrets.delete'>;
}
