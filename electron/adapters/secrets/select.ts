import path from 'node:path';

import { createEncryptedFileStore } from './encrypted-file-store.js';
import { createEnvStore } from './env-store.js';
import type { KeytarStoreOptions } from './keytar-store.js';
import { createKeytarStore } from './keytar-store.js';
import type { SafeStorageLike } from './safe-storage-store.js';
import { createSafeStorageStore } from './safe-storage-store.js';
import type { SecretStore } from './secret-store.js';
import { SecretStoreError } from './secret-store.js';

export const ENCRYPTED_SECRETS_FILE = 'secrets.enc.json';
export const SAFE_STORAGE_SECRETS_FILE = 'secrets.safe.json';

/** Values of WORKSTATION_SECRETS that force a headless backend. */
export const HEADLESS_SECRET_MODES = ['keychain', 'file', 'env'] as const;
export type HeadlessSecretMode = (typeof HEADLESS_SECRET_MODES)[number];

export type HeadlessSecretStoreOptions = {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** False skips the OS keychain entirely (tests, CI). Default true. */
  tryKeychain?: boolean;
  /** Passed to createKeytarStore. */
  keychain?: KeytarStoreOptions;
};

function readMode(env: NodeJS.ProcessEnv): HeadlessSecretMode | null {
  const raw = env.WORKSTATION_SECRETS?.trim().toLowerCase();
  if (!raw) return null;
  if ((HEADLESS_SECRET_MODES as readonly string[]).includes(raw)) return raw as HeadlessSecretMode;
  throw new SecretStoreError(
    `WORKSTATION_SECRETS="${env.WORKSTATION_SECRETS}" is not understood: use ${HEADLESS_SECRET_MODES.join(', ')}, or unset it to choose automatically`,
  );
}

/**
 * Headless order: OS keychain (keytar) -> encrypted file `<dataDir>/secrets.enc.json` when
 * WORKSTATION_SECRETS_PASSPHRASE is set -> read-only environment variables.
 * WORKSTATION_SECRETS=keychain|file|env forces one of them.
 */
export async function selectHeadlessSecretStore(options: HeadlessSecretStoreOptions): Promise<SecretStore> {
  const { env, dataDir } = options;
  const mode = readMode(env);
  const tryKeychain = options.tryKeychain ?? true;
  const passphrase = env.WORKSTATION_SECRETS_PASSPHRASE;
  const fileStore = (): SecretStore =>
    createEncryptedFileStore({ file: path.join(dataDir, ENCRYPTED_SECRETS_FILE), passphrase: passphrase ?? '' });

  switch (mode) {
    case 'keychain': {
      const store = tryKeychain ? await createKeytarStore(options.keychain) : null;
      if (!store) {
        throw new SecretStoreError(
          'WORKSTATION_SECRETS=keychain, but the OS keychain is not available: start and unlock a Secret Service ' +
            '(gnome-keyring or KWallet), or unset WORKSTATION_SECRETS',
        );
      }
      return store;
    }
    case 'file':
      if (!passphrase) {
        throw new SecretStoreError(
          'WORKSTATION_SECRETS=file needs a passphrase: set WORKSTATION_SECRETS_PASSPHRASE, or unset WORKSTATION_SECRETS',
        );
      }
      return fileStore();
    case 'env':
      return createEnvStore(env);
    case null: {
      const keychain = tryKeychain ? await createKeytarStore(options.keychain) : null;
      if (keychain) return keychain;
      if (passphrase) return fileStore();
      return createEnvStore(env);
    }
  }
}

export type DesktopSecretStoreOptions = {
  dataDir: string;
  safeStorage: SafeStorageLike;
  /** False skips the OS keychain (tests). Default true. */
  tryKeychain?: boolean;
  /** Passed to createKeytarStore. */
  keychain?: KeytarStoreOptions;
};

/**
 * Desktop order: OS keychain (keytar) -> Electron safeStorage file `<dataDir>/secrets.safe.json`.
 * Throws a SecretStoreError when neither is usable (safeStorage refuses the basic_text backend).
 */
export async function selectDesktopSecretStore(options: DesktopSecretStoreOptions): Promise<SecretStore> {
  const keychain = (options.tryKeychain ?? true) ? await createKeytarStore(options.keychain) : null;
  if (keychain) return keychain;
  return createSafeStorageStore({
    safeStorage: options.safeStorage,
    file: path.join(options.dataDir, SAFE_STORAGE_SECRETS_FILE),
  });
}
