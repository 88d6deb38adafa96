// The desktop secret store, with a read-only fallback so the app still starts without a keyring.
import { createEnvStore } from '../adapters/secrets/env-store.js';
import type { SafeStorageLike } from '../adapters/secrets/safe-storage-store.js';
import { SecretStoreError, type SecretStore } from '../adapters/secrets/secret-store.js';
import { selectDesktopSecretStore } from '../adapters/secrets/select.js';

export type DesktopSecrets = { store: SecretStore; problem: string | null };

/**
 * OS keychain, else Electron safeStorage. When neither can keep secrets safely (no keyring on
 * Linux), the simulator must still work: the app starts with read-only environment variables
 * and every attempt to store a key explains what to install. `problem` says why, for the log.
 */
export async function openDesktopSecrets(
  dataDir: string,
  safeStorage: SafeStorageLike,
  env: NodeJS.ProcessEnv = process.env,
  /** False skips the OS keychain (tests of the safeStorage path). */
  tryKeychain = true,
): Promise<DesktopSecrets> {
  try {
    return { store: await selectDesktopSecretStore({ dataDir, safeStorage, tryKeychain }), problem: null };
  } catch (error) {
    if (!(error instanceof SecretStoreError)) throw error;
    const fallback = createEnvStore(env);
    const refuse = (): Promise<never> => Promise.reject(new SecretStoreError(error.message));
    const store: SecretStore = {
      backend: fallback.backend,
      description: `Environment variables only (read-only): ${error.message}`,
      writable: false,
      get: (name) => fallback.get(name),
      set: () => refuse(),
      delete: () => refuse(),
    };
    return { store, problem: error.message };
  }
}
