import path from 'node:path';
import { z } from 'zod';

import type { SecretName } from '../../../shared/domain/secrets.js';
import type { SecretStore } from './secret-store.js';
import { SecretStoreError, readFileIfExists, serialised, writeSecretFileAtomic } from './secret-store.js';

/** The part of Electron's `safeStorage` this store uses (kept here so this file never imports electron). */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron: 'basic_text', 'gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6', 'unknown'. */
  getSelectedStorageBackend?(): string;
};

export type SafeStorageStoreOptions = {
  safeStorage: SafeStorageLike;
  file: string;
};

const CiphertextFile = z.record(z.string(), z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/));
type CiphertextFile = Record<string, string>;

/**
 * What is encrypted: the entry's name and its value together, so a ciphertext copied to another
 * name in the file (say the API secret moved under the API key) is detected on reading instead of
 * being handed to the wrong consumer. Entries written before this format (the bare value) are
 * still read, and re-encrypted in this format on the first read.
 */
const BOUND_PREFIX = 'workstation-secret/v1:';
const BoundPayload = z.object({ name: z.string(), value: z.string() });

function bind(name: SecretName, value: string): string {
  return `${BOUND_PREFIX}${JSON.stringify({ name, value })}`;
}

/** The value and the name it was encrypted for (null for an entry written before names were bound). */
function unbind(payload: string): { value: string; boundTo: string | null } {
  if (!payload.startsWith(BOUND_PREFIX)) return { value: payload, boundTo: null };
  let json: unknown;
  try {
    json = JSON.parse(payload.slice(BOUND_PREFIX.length));
  } catch {
    json = undefined;
  }
  const parsed = BoundPayload.safeParse(json);
  if (!parsed.success) return { value: payload, boundTo: null };
  return { value: parsed.data.value, boundTo: parsed.data.name };
}

const KEYRING_HINT =
  'install and unlock a keyring (gnome-keyring or KWallet, e.g. `sudo apt-get install gnome-keyring`), then restart the app';

/**
 * Desktop fallback when keytar is unavailable: each secret encrypted by Electron's safeStorage
 * (which keeps its key in the OS keyring) and stored as base64 in a private JSON file.
 */
export function createSafeStorageStore(options: SafeStorageStoreOptions): SecretStore {
  const { safeStorage } = options;
  const file = path.resolve(options.file);

  if (!safeStorage.isEncryptionAvailable()) {
    throw new SecretStoreError(`Secrets cannot be stored: OS encryption is not available; ${KEYRING_HINT}`);
  }
  const storageBackend = safeStorage.getSelectedStorageBackend?.();
  if (storageBackend === 'basic_text') {
    throw new SecretStoreError(
      `Secrets cannot be stored: no OS keyring was found, and Electron would only obfuscate them with a fixed key (basic_text); ${KEYRING_HINT}`,
    );
  }

  async function load(): Promise<CiphertextFile> {
    let text: string | null;
    try {
      text = await readFileIfExists(file);
    } catch (err) {
      throw new SecretStoreError(`Cannot read the secrets file ${file}: check its permissions`, { cause: err });
    }
    if (text === null) return {};
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = CiphertextFile.safeParse(json);
    if (!parsed.success) {
      throw new SecretStoreError(
        `The secrets file ${file} is damaged: the file was left untouched; move it away to start over, then enter your keys again`,
      );
    }
    return parsed.data;
  }

  async function save(entries: CiphertextFile): Promise<void> {
    try {
      await writeSecretFileAtomic(file, `${JSON.stringify(entries, null, 2)}\n`);
    } catch (err) {
      throw new SecretStoreError(`Cannot write the secrets file ${file}: check the folder exists and is writable`, {
        cause: err,
      });
    }
  }

  function encrypt(name: SecretName, value: string): Buffer {
    try {
      return safeStorage.encryptString(bind(name, value));
    } catch (err) {
      throw new SecretStoreError(`Cannot encrypt ${name}: the OS keyring is locked; unlock it and try again`, {
        cause: err,
      });
    }
  }

  return {
    backend: 'safeStorage',
    description:
      storageBackend && storageBackend !== 'unknown'
        ? `Electron safeStorage (${storageBackend}), file ${file}`
        : `Electron safeStorage, file ${file}`,
    writable: true,
    get(name: SecretName): Promise<string | null> {
      return serialised(file, async () => {
        const entries = await load();
        if (!Object.hasOwn(entries, name)) return null;
        let payload: string;
        try {
          payload = safeStorage.decryptString(Buffer.from(entries[name] ?? '', 'base64'));
        } catch (err) {
          throw new SecretStoreError(
            `Cannot decrypt ${name} from ${file}: the OS keyring is locked or was replaced; unlock it, or set the key again`,
            { cause: err },
          );
        }
        const { value, boundTo } = unbind(payload);
        if (boundTo !== null && boundTo !== name) {
          throw new SecretStoreError(
            `The entry ${name} in ${file} holds the encrypted value that belongs to ${boundTo}: the file was modified. ` +
              `Nothing was used; set the key again in Settings (the file is otherwise left as it is)`,
          );
        }
        if (boundTo === null) await save({ ...entries, [name]: encrypt(name, value).toString('base64') });
        return value;
      });
    },
    set(name: SecretName, value: string): Promise<void> {
      return serialised(file, async () => {
        const entries = await load();
        await save({ ...entries, [name]: encrypt(name, value).toString('base64') });
      });
    },
    delete(name: SecretName): Promise<boolean> {
      return serialised(file, async () => {
        const entries = await load();
        if (!Object.hasOwn(entries, name)) return false;
        await save(Object.fromEntries(Object.entries(entries).filter(([k]) => k !== name)));
        return true;
      });
    },
  };
}
