import type { SecretName } from '../../../shared/domain/secrets.js';
import type { SecretStore } from './secret-store.js';
import { KEYCHAIN_SERVICE, SecretStoreError } from './secret-store.js';

/** The part of keytar this store uses. */
export type KeytarLike = {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
};

export type KeytarStoreOptions = {
  /** Keychain service name; defaults to KEYCHAIN_SERVICE. */
  service?: string;
  /** How long the Secret Service may take to answer the probe (ms, default 3000). */
  probeTimeoutMs?: number;
  /** Loads the keytar module; tests replace it. Defaults to a dynamic import of 'keytar'. */
  loadModule?: () => Promise<unknown>;
};

const PROBE_ACCOUNT = '__workstation_probe__';
const DEFAULT_PROBE_TIMEOUT_MS = 3000;
// A variable specifier: keytar is optional, so type-checking and bundling must not require it.
const KEYTAR_MODULE = 'keytar';

function describe(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'OS keychain (macOS Keychain)';
    case 'win32':
      return 'OS keychain (Windows Credential Manager)';
    case 'linux':
      return 'OS keychain (Secret Service)';
    default:
      return 'OS keychain (Secret Service / Keychain / Credential Manager)';
  }
}

function isKeytar(value: unknown): value is KeytarLike {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.getPassword === 'function' &&
    typeof candidate.setPassword === 'function' &&
    typeof candidate.deletePassword === 'function'
  );
}

/** keytar is CommonJS: its functions sit on `default` when imported from ESM (some named exports may too). */
function toKeytar(namespace: unknown): KeytarLike | null {
  if (typeof namespace !== 'object' || namespace === null) return null;
  const fallback = (namespace as { default?: unknown }).default;
  if (isKeytar(fallback)) return fallback;
  return isKeytar(namespace) ? namespace : null;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref?.();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

/**
 * The OS keychain through keytar, or null (never a throw) when keytar is missing, fails to load
 * (e.g. built for another ABI), or the keychain does not answer a probe in time.
 */
export async function createKeytarStore(options: KeytarStoreOptions = {}): Promise<SecretStore | null> {
  const service = options.service ?? KEYCHAIN_SERVICE;
  const timeoutMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const load = options.loadModule ?? (() => import(KEYTAR_MODULE) as Promise<unknown>);

  let keytar: KeytarLike | null;
  try {
    keytar = toKeytar(await load());
  } catch {
    return null;
  }
  if (!keytar) return null;

  try {
    await withTimeout(keytar.getPassword(service, PROBE_ACCOUNT), timeoutMs);
  } catch {
    return null;
  }

  const kt = keytar;
  const failure = (action: string, name: SecretName, err: unknown): SecretStoreError =>
    new SecretStoreError(
      `Cannot ${action} ${name} in the OS keychain: unlock the keychain (or keyring) and try again`,
      { cause: err },
    );

  return {
    backend: 'keychain',
    description: describe(process.platform),
    writable: true,
    async get(name: SecretName): Promise<string | null> {
      try {
        return await kt.getPassword(service, name);
      } catch (err) {
        throw failure('read', name, err);
      }
    },
    async set(name: SecretName, value: string): Promise<void> {
      try {
        await kt.setPassword(service, name, value);
      } catch (err) {
        throw failure('store', name, err);
      }
    },
    async delete(name: SecretName): Promise<boolean> {
      try {
        return await kt.deletePassword(service, name);
      } catch (err) {
        throw failure('delete', name, err);
      }
    },
  };
}
