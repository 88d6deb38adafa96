import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { SafeStorageLike } from './safe-storage-store.js';
import { createSafeStorageStore } from './safe-storage-store.js';
import { SecretStoreError } from './secret-store.js';

const SECRET = 'sk-live-DO-NOT-LEAK-1234567890';
const MARK = Buffer.from('FAKE1');

/** A stand-in for Electron's safeStorage: XOR with 0x5a behind a marker, so ciphertext differs from plaintext. */
function fakeSafeStorage(overrides: Partial<SafeStorageLike> = {}): SafeStorageLike & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString(s: string): Buffer {
      calls.push('encrypt');
      return Buffer.concat([MARK, Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0x5a))]);
    },
    decryptString(b: Buffer): string {
      calls.push('decrypt');
      if (!b.subarray(0, MARK.length).equals(MARK)) throw new Error('Error while decrypting the ciphertext provided');
      return Buffer.from(b.subarray(MARK.length).map((x) => x ^ 0x5a)).toString('utf8');
    },
    ...overrides,
  };
}

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-storage-store-'));
  file = path.join(dir, 'secrets.safe.json');
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('createSafeStorageStore', () => {
  it('refuses when encryption is unavailable', () => {
    const safeStorage = fakeSafeStorage({ isEncryptionAvailable: () => false });
    expect(() => createSafeStorageStore({ safeStorage, file })).toThrow(SecretStoreError);
    expect(() => createSafeStorageStore({ safeStorage, file })).toThrow(/gnome-keyring or KWallet/);
  });

  it('refuses the unprotected basic_text backend and says what to install', () => {
    const safeStorage = fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' });
    expect(() => createSafeStorageStore({ safeStorage, file })).toThrow(SecretStoreError);
    expect(() => createSafeStorageStore({ safeStorage, file })).toThrow(/basic_text.*gnome-keyring or KWallet/s);
  });

  it('works where getSelectedStorageBackend does not exist (macOS, Windows)', async () => {
    const { getSelectedStorageBackend: _omit, ...rest } = fakeSafeStorage();
    const store = createSafeStorageStore({ safeStorage: rest, file });
    await store.set('anthropic.apiKey', SECRET);
    expect(await store.get('anthropic.apiKey')).toBe(SECRET);
    expect(store.description).toContain('safeStorage');
  });

  it('describes itself and names the keyring backend', () => {
    const store = createSafeStorageStore({ safeStorage: fakeSafeStorage(), file });
    expect(store.backend).toBe('safeStorage');
    expect(store.writable).toBe(true);
    expect(store.description).toContain('gnome_libsecret');
  });

  it('stores base64 ciphertext, never the plaintext, in a 0600 file', async () => {
    const safeStorage = fakeSafeStorage();
    const store = createSafeStorageStore({ safeStorage, file });
    await store.set('anthropic.apiKey', SECRET);

    const bytes = fs.readFileSync(file);
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
    const json = JSON.parse(bytes.toString('utf8')) as Record<string, string>;
    expect(Object.keys(json)).toEqual(['anthropic.apiKey']);
    const stored = Buffer.from(json['anthropic.apiKey'] ?? '', 'base64');
    expect(stored.subarray(0, MARK.length).equals(MARK)).toBe(true);
    expect(safeStorage.calls).toContain('encrypt');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['secrets.safe.json']);
  });

  it('round-trips across instances, overwrites and deletes', async () => {
    const first = createSafeStorageStore({ safeStorage: fakeSafeStorage(), file });
    expect(await first.get('anthropic.apiKey')).toBeNull();
    expect(await first.delete('anthropic.apiKey')).toBe(false);
    expect(fs.existsSync(file)).toBe(false);

    await first.set('anthropic.apiKey', SECRET);
    await first.set('exchange.kraken.apiKey', 'old');
    await first.set('exchange.kraken.apiKey', 'clé-🔑');

    const second = createSafeStorageStore({ safeStorage: fakeSafeStorage(), file });
    expect(await second.get('anthropic.apiKey')).toBe(SECRET);
    expect(await second.get('exchange.kraken.apiKey')).toBe('clé-🔑');
    expect(await second.delete('anthropic.apiKey')).toBe(true);
    expect(await first.get('anthropic.apiKey')).toBeNull();
    expect(await first.get('exchange.kraken.apiKey')).toBe('clé-🔑');
  });

  it('keeps every one of 20 concurrent writes', async () => {
    const store = createSafeStorageStore({ safeStorage: fakeSafeStorage(), file });
    const ids = Array.from({ length: 20 }, (_, i) => `ex${String.fromCharCode(97 + i)}`);
    await Promise.all(ids.map((id) => store.set(`exchange.${id}.secret`, `v-${id}`)));
    const values = await Promise.all(ids.map((id) => store.get(`exchange.${id}.secret`)));
    expect(values).toEqual(ids.map((id) => `v-${id}`));
  });

  it('reports a ciphertext the keyring cannot decrypt without leaking anything', async () => {
    fs.writeFileSync(file, JSON.stringify({ 'anthropic.apiKey': Buffer.from('garbage').toString('base64') }));
    const store = createSafeStorageStore({ safeStorage: fakeSafeStorage(), file });
    await expect(store.get('anthropic.apiKey')).rejects.toThrow(
      /Cannot decrypt anthropic.apiKey.*unlock it, or set the key again/,
    );
  });

  it('refuses a damaged file and does not overwrite it', async () => {
    fs.writeFileSync(file, '{"anthropic.apiKey": ');
    const damaged = fs.readFileSync(file);
    const store = createSafeStorageStore({ safeStorage: fakeSafeStorage(), file });
    await expect(store.get('anthropic.apiKey')).rejects.toThrow(SecretStoreError);
    await expect(store.set('anthropic.apiKey', SECRET)).rejects.toThrow(/damaged.*left untouched/);
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);
  });

  it('ties each entry to its name: swapping two ciphertexts in the file is detected, not obeyed', async () => {
    const store = createSafeStorageStore({ safeStorage: fakeSafeStorage(), file });
    await store.set('exchange.kraken.apiKey', 'the-api-key');
    await store.set('exchange.kraken.secret', 'the-api-secret');
    const entries = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    fs.writeFileSync(
      file,
      JSON.stringify({
        'exchange.kraken.apiKey': entries['exchange.kraken.secret'],
        'exchange.kraken.secret': entries['exchange.kraken.apiKey'],
      }),
    );

    const error = await store.get('exchange.kraken.apiKey').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SecretStoreError);
    expect((error as Error).message).toMatch(
      /exchange\.kraken\.apiKey.*belongs to exchange\.kraken\.secret.*set the key again/s,
    );
    expect((error as Error).message).not.toContain('the-api-secret');
    await expect(store.get('exchange.kraken.secret')).rejects.toThrow(/belongs to exchange\.kraken\.apiKey/);
  });

  it('reads an entry written before names were bound, and binds it on the way', async () => {
    const safeStorage = fakeSafeStorage();
    fs.writeFileSync(
      file,
      JSON.stringify({ 'anthropic.apiKey': safeStorage.encryptString(SECRET).toString('base64') }),
    );
    const store = createSafeStorageStore({ safeStorage, file });
    expect(await store.get('anthropic.apiKey')).toBe(SECRET);

    const entries = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    const payload = safeStorage.decryptString(Buffer.from(entries['anthropic.apiKey'] ?? '', 'base64'));
    expect(payload).toContain('anthropic.apiKey');
    expect(await createSafeStorageStore({ safeStorage, file }).get('anthropic.apiKey')).toBe(SECRET);
  });
});
