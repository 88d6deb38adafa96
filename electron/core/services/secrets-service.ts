import {
  exchangeSecretNames,
  type SecretName,
  type SecretsOverview,
  type SecretStatus,
} from '../../../shared/domain/secrets.js';
import { AppError } from '../../../shared/ipc/envelope.js';
import { SecretStoreError, type SecretStore } from '../../adapters/secrets/secret-store.js';
import type { Logger } from '../../logging/types.js';
import type { AuditRecorder } from './audit-service.js';

export type SecretsService = {
  overview(exchangeIds: string[]): Promise<SecretsOverview>;
  set(name: SecretName, value: string): Promise<SecretStatus>;
  delete(name: SecretName): Promise<SecretStatus>;
  /** For adapters in the main process only; never exposed through the contract. */
  reveal(name: SecretName): Promise<string | null>;
};

function toAppError(error: unknown): never {
  if (error instanceof SecretStoreError) throw new AppError('unavailable', error.message);
  throw error;
}

/** The contract-facing side of the SecretStore: presence only, never values. */
export function createSecretsService(deps: {
  store: SecretStore;
  logger: Logger;
  onChange: (status: SecretStatus) => void;
  /** Records set and delete in the audit trail: the secret's name only, never its value. */
  audit?: AuditRecorder;
}): SecretsService {
  const { store, logger } = deps;

  async function status(name: SecretName): Promise<SecretStatus> {
    const value = await store.get(name).catch(toAppError);
    if (value) logger.addSecret(value);
    return { name, isSet: value !== null && value !== '' };
  }

  return {
    async overview(exchangeIds) {
      const names: SecretName[] = ['anthropic.apiKey', ...exchangeIds.flatMap(exchangeSecretNames)];
      const unique = [...new Set(names)];
      const secrets = await Promise.all(unique.map(status));
      return {
        backend: store.backend,
        backendDescription: store.description,
        writable: store.writable,
        secrets,
      };
    },
    async set(name, value) {
      logger.addSecret(value);
      await store.set(name, value).catch(toAppError);
      // With an audit trail, the audit service writes the entry to the log (once). The field is
      // `name`: a value under a key like "secret" would be redacted, and this is only the name.
      if (deps.audit)
        deps.audit.record('secret.set', 'user', `secret ${name} was set`, { name, backend: store.backend });
      else logger.info('system', `secret ${name} was set`, { secret: name, backend: store.backend });
      const result = { name, isSet: true };
      deps.onChange(result);
      return result;
    },
    async delete(name) {
      const existed = await store.delete(name).catch(toAppError);
      if (existed && deps.audit) deps.audit.record('secret.deleted', 'user', `secret ${name} was deleted`, { name });
      else
        logger.info('system', existed ? `secret ${name} was deleted` : `secret ${name} was not set`, {
          secret: name,
        });
      const result = { name, isSet: false };
      deps.onChange(result);
      return result;
    },
    async reveal(name) {
      const value = await store.get(name).catch(toAppError);
      if (value) logger.addSecret(value);
      return value;
    },
  };
}
