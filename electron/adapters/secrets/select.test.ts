import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { KeytarLike } from './keytar-store.js';
import type { SafeStorageLike } from './safe-storage-store.js';
import { SecretStoreError } from './secret-store.js';
import { selectDesktopSecretStore, selectHeadlessSecretStore } from './select.js';

let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'select-store-'));
});

afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** An in-memory keytar, so selection can be tested without touching the real keychain. */
function fakeKeytar(): { default: KeytarLike } {
  const map = new Map<string, string>();
  return {
    default: {
      getPassword: (s, a) => Promise.resolve(map.get(`${s}/${a}`) ?? null),
      setPassword: (s, a, p) => Promise.resolve(void map.set(`${s}/${a}`, p)),
      deletePassword: (s, a) => Promise.resolve(map.delete(`${s}/${a}`)),
    },
  };
}

const fakeKeychain = { loadModule: () => Promise.resolve(fakeKeytar()) };
const missingKeychain = { loadModule: () => Promise.reject(new Error("Cannot find package 'keytar'")) };

const safeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'kwallet5',
  encryptString: (s) => Buffer.from(s, 'utf8').reverse(),
  decryptString: (b) => Buffer.from(b).reverse().toString('utf8'),
};

describe('selectHeadlessSecretStore', () => {
  it('uses the encrypted file in the data folder when a passphrase is set', async () => {
    const store = await selectHeadlessSecretStore({
      dataDir,
      env: { WORKSTATION_SECRETS_PASSPHRASE: 'pass' },
      tryKeychain: false,
    });
    expect(store.backend).toBe('encryptedFile');
    await store.set('anthropic.apiKey', 'sk-1');
    expect(fs.existsSync(path.join(dataDir, 'secrets.enc.json'))).toBe(true);
  });

  it('falls back to read-only environment variables', async () => {
    const store = await selectHeadlessSecretStore({
      dataDir,
      env: { ANTHROPIC_API_KEY: 'sk-env' },
      tryKeychain: false,
    });
    expect(store.backend).toBe('environment');
    expect(store.writable).toBe(false);
    expect(await store.get('anthropic.apiKey')).toBe('sk-env');
  });

  it('prefers the keychain when it answers, and skips it when it cannot load', async () => {
    const env = { WORKSTATION_SECRETS_PASSPHRASE: 'pass' };
    expect((await selectHeadlessSecretStore({ dataDir, env, keychain: fakeKeychain })).backend).toBe('keychain');
    expect((await selectHeadlessSecretStore({ dataDir, env, keychain: missingKeychain })).backend).toBe(
      'encryptedFile',
    );
  });

  it('honours WORKSTATION_SECRETS=file|env over the keychain', async () => {
    const file = await selectHeadlessSecretStore({
      dataDir,
      env: { WORKSTATION_SECRETS: 'file', WORKSTATION_SECRETS_PASSPHRASE: 'pass' },
      keychain: fakeKeychain,
    });
    expect(file.backend).toBe('encryptedFile');
    const env = await selectHeadlessSecretStore({
      dataDir,
      env: { WORKSTATION_SECRETS: 'env', WORKSTATION_SECRETS_PASSPHRASE: 'pass' },
      keychain: fakeKeychain,
    });
    expect(env.backend).toBe('environment');
  });

  it('explains what is missing when a forced backend cannot be used', async () => {
    await expect(
      selectHeadlessSecretStore({ dataDir, env: { WORKSTATION_SECRETS: 'file' }, tryKeychain: false }),
    ).rejects.toThrow(/WORKSTATION_SECRETS_PASSPHRASE/);
    await expect(
      selectHeadlessSecretStore({ dataDir, env: { WORKSTATION_SECRETS: 'keychain' }, keychain: missingKeychain }),
    ).rejects.toThrow(SecretStoreError);
    await expect(
      selectHeadlessSecretStore({ dataDir, env: { WORKSTATION_SECRETS: 'vault' }, tryKeychain: false }),
    ).rejects.toThrow(/not understood/);
  });
});

describe('selectDesktopSecretStore', () => {
  it('prefers the keychain', async () => {
    const store = await selectDesktopSecretStore({ dataDir, safeStorage, keychain: fakeKeychain });
    expect(store.backend).toBe('keychain');
  });

  it('falls back to safeStorage in the data folder', async () => {
    const store = await selectDesktopSecretStore({ dataDir, safeStorage, keychain: missingKeychain });
    expect(store.backend).toBe('safeStorage');
    await store.set('anthropic.apiKey', 'sk-1');
    expect(await store.get('anthropic.apiKey')).toBe('sk-1');
    expect(fs.existsSync(path.join(dataDir, 'secrets.safe.json'))).toBe(true);
  });

  it('refuses basic_text when the keychain is unavailable', async () => {
    await expect(
      selectDesktopSecretStore({
        dataDir,
        safeStorage: { ...safeStorage, getSelectedStorageBackend: () => 'basic_text' },
        tryKeychain: false,
      }),
    ).rejects.toThrow(/basic_text/);
  });
});
