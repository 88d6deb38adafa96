import type { SecretName } from '../../../shared/domain/secrets.js';
import type { SecretStore } from './secret-store.js';

/** A store that forgets everything on exit: for tests and benchmarks only. */
export function createMemorySecretStore(): SecretStore {
  const values = new Map<SecretName, string>();
  return {
    backend: 'environment',
    description: 'in-memory store (tests only)',
    writable: true,
    get: (name) => Promise.resolve(values.get(name) ?? null),
    set: (name, value) => {
      values.set(name, value);
      return Promise.resolve();
    },
    delete: (name) => Promise.resolve(values.delete(name)),
  };
}
