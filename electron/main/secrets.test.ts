// The desktop secret store on Electron's safeStorage (the fake electron module): each entry is
// bound to its name, so swapping two entries' ciphertexts in the file is detected.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SAFE_STORAGE_SECRETS_FILE } from '../adapters/secrets/select.js';
import { openDesktopSecrets } from './secrets.js';
import { fakeElectron } from './testing/fake-electron.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The fake module's safeStorage with a keyring present (the default fake has none). */
const safeStorage = {
  ...fakeElectron.safeStorage,
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
};

describe('desktop secrets on safeStorage', () => {
  it('refuses an entry whose ciphertext was swapped with another entry', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-main-secrets-'));
    dirs.push(dir);
    const { store, problem } = await openDesktopSecrets(dir, safeStorage, {}, false);
    expect(problem).toBeNull();
    expect(store.backend).toBe('safeStorage');
    await store.set('exchange.kraken.apiKey', 'api-key-value-1');
    await store.set('exchange.kraken.secret', 'api-secret-value-2');
    expect(await store.get('exchange.kraken.secret')).toBe('api-secret-value-2');

    const file = path.join(dir, SAFE_STORAGE_SECRETS_FILE);
    const entries = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    fs.writeFileSync(
      file,
      JSON.stringify({
        'exchange.kraken.apiKey': entries['exchange.kraken.secret'],
        'exchange.kraken.secret': entries['exchange.kraken.apiKey'],
      }),
    );
    await expect(store.get('exchange.kraken.apiKey')).rejects.toThrow(/belongs to exchange\.kraken\.secret/);
    await expect(store.get('exchange.kraken.secret')).rejects.toThrow(/belongs to exchange\.kraken\.apiKey/);
  });
});
