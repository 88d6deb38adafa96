import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { SecretName } from '../../../shared/domain/secrets.js';
import { createEncryptedFileStore } from './encrypted-file-store.js';
import { SecretStoreError } from './secret-store.js';

const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'sk-live-DO-NOT-LEAK-1234567890';

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'encfile-store-'));
  file = path.join(dir, 'secrets.enc.json');
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

type Envelope = {
  format: string;
  version: number;
  kdf: Record<string, unknown>;
  iv: string;
  tag: string;
  data: string;
};

function readEnvelope(): Envelope {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Envelope;
}

/** Flips one bit of a base64 field and writes the file back. */
function flipByte(field: 'data' | 'tag' | 'iv'): void {
  const envelope = readEnvelope();
  const bytes = Buffer.from(envelope[field], 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  envelope[field] = bytes.toString('base64');
  fs.writeFileSync(file, JSON.stringify(envelope));
}

async function expectRefusal(promise: Promise<unknown>, pattern: RegExp): Promise<SecretStoreError> {
  const err: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SecretStoreError);
  const error = err as SecretStoreError;
  expect(error.message).toMatch(pattern);
  expect(error.message).toContain(file);
  expect(error.message).not.toContain(SECRET);
  return error;
}

describe('createEncryptedFileStore', () => {
  it('describes itself as a writable encryptedFile store', () => {
    const store = createEncryptedFileStore({ file, passphrase: PASSPHRASE });
    expect(store.backend).toBe('encryptedFile');
    expect(store.writable).toBe(true);
    expect(store.description).toContain(file);
  });

  it('treats a missing file as an empty store and creates nothing on read or delete', async () => {
    const store = createEncryptedFileStore({ file, passphrase: PASSPHRASE });
    expect(await store.get('anthropic.apiKey')).toBeNull();
    expect(await store.delete('anthropic.apiKey')).toBe(false);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('round-trips secrets across two store instances and deletes them', async () => {
    const first = createEncryptedFileStore({ file, passphrase: PASSPHRASE });
    await first.set('anthropic.apiKey', SECRET);
    await first.set('exchange.kraken.apiKey', 'key-ü-🔑');
    await first.set('exchange.kraken.apiKey', 'key-2');

    const second = createEncryptedFileStore({ file, passphrase: PASSPHRASE });
    expect(await second.get('anthropic.apiKey')).toBe(SECRET);
    expect(await second.get('exchange.kraken.apiKey')).toBe('key-2');
    expect(await second.get('exchange.kraken.secret')).toBeNull();

    expect(await second.delete('anthropic.apiKey')).toBe(true);
    expect(await second.delete('anthropic.apiKey')).toBe(false);
    expect(await first.get('anthropic.apiKey')).toBeNull();
    expect(await first.get('exchange.kraken.apiKey')).toBe('key-2');
  });

  it('writes the documented envelope with a new IV on every write', async () => {
    const store = createEncryptedFileStore({ file, passphrase: PASSPHRASE });
    await store.set('anthropic.apiKey', SECRET);
    const before = readEnvelope();
    expect(before).toMatchObject({
      format: 'workstation-secrets',
      version: 1,
      kdf: { name: 'scrypt', N: 32768, r: 8, p: 1 },
    });
    expect(Buffer.from(before.kdf.salt as string, 'base64')).toHaveLength(16);
    expect(Buffer.from(before.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(before.tag, 'base64')).toHaveLength(16);

    await store.set('anthropic.apiKey', SECRET);
    const after = readEnvelope();
    expect(after.iv).not.toBe(before.iv);
    expect(after.kdf.salt).toBe(before.kdf.salt);
  });

  it('never writes a plaintext value or name to the file', async () => {
    const store = createEncryptedFileStore({ file, passphrase: PASSPHRASE });
    await store.set('anthropic.apiKey', SECRET);
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
    expect(bytes.includes(Buffer.from('anthropic'))).toBe(false);
    expect(bytes.includes(Buffer.from(PASSPHRASE))).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('creates the file with mode 0600 and leaves no temp files', async () => {
    const store = createEncryptedFileStore({ file, passphrase: PASSPHRASE });
    await store.set('anthropic.apiKey', SECRET);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['secrets.enc.json']);
  });

  it('refuses an empty passphrase', () => {
    expect(() => createEncryptedFileStore({ file, passphrase: '' })).toThrow(SecretStoreError);
    expect(() => createEncryptedFileStore({ file, passphrase: '' })).toThrow(/WORKSTATION_SECRETS_PASSPHRASE/);
  });

  it('refuses a wrong passphrase with a clear error and leaves the file untouched', async () => {
    await createEncryptedFileStore({ file, passphrase: PASSPHRASE }).set('anthropic.apiKey', SECRET);
    const original = fs.readFileSync(file);

    const wrong = createEncryptedFileStore({ file, passphrase: 'not the passphrase' });
    await expectRefusal(wrong.get('anthropic.apiKey'), /wrong passphrase.*WORKSTATION_SECRETS_PASSPHRASE.*untouched/s);
    await expectRefusal(wrong.set('exchange.kraken.apiKey', 'x'), /wrong passphrase/);
    await expectRefusal(wrong.delete('anthropic.apiKey'), /wrong passphrase/);
    expect(fs.readFileSync(file).equals(original)).toBe(true);

    // The right passphrase still opens it.
    expect(await createEncryptedFileStore({ file, passphrase: PASSPHRASE }).get('anthropic.apiKey')).toBe(SECRET);
  });

  it.each(['data', 'tag', 'iv'] as const)(
    'refuses a file whose %s was modified, then refuses to overwrite it',
    async (field) => {
      const store = createEncryptedFileStore({ file, passphrase: PASSPHRASE });
      await store.set('anthropic.apiKey', SECRET);
      flipByte(field);
      const tampered = fs.readFileSync(file);

      await expectRefusal(store.get('anthropic.apiKey'), /the file was modified/);
      await expectRefusal(store.set('anthropic.apiKey', 'replacement'), /the file was modified/);
      await expectRefusal(store.delete('anthropic.apiKey'), /the file was modified/);
      const fresh = createEncryptedFileStore({ file, passphrase: PASSPHRASE });
      await expectRefusal(fresh.set('exchange.kraken.secret', 'replacement'), /the file was modified/);
      expect(fs.readFileSync(file).equals(tampered)).toBe(true);
    },
  );

  it.each([
    ['truncated JSON', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ['garbage', () => '\u0000\u0001 not json at all'],
    ['an empty file', () => ''],
    ['another JSON document', () => JSON.stringify({ hello: 'world' })],
    ['a modified format', (text: string) => text.replace('"workstation-secrets"', '"other"')],
  ])('refuses %s without touching it', async (_label, damage) => {
    const store = createEncryptedFileStore({ file, passphrase: PASSPHRASE });
    await store.set('anthropic.apiKey', SECRET);
    fs.writeFileSync(file, damage(fs.readFileSync(file, 'utf8')));
    const damaged = fs.readFileSync(file);

    await expectRefusal(store.get('anthropic.apiKey'), /damaged.*untouched/s);
    await expectRefusal(store.set('anthropic.apiKey', 'replacement'), /damaged.*untouched/s);
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);
  });

  // A modified file must not make the app allocate gigabytes or spin for minutes before the
  // passphrase is even checked: the scrypt parameters are refused before any derivation.
  it.each([
    ['N = 2^30', { N: 2 ** 30 }],
    ['N not a power of two', { N: 30000 }],
    ['N = 2^20 with r = 32 (4 GiB)', { N: 2 ** 20, r: 32 }],
    ['N = 2^16 with r = 32 (256 MiB)', { N: 2 ** 16, r: 32 }],
    ['r = 1000', { r: 1000 }],
    ['p = 1000', { p: 1000 }],
    ['p = 16', { p: 16 }],
    ['a fractional r', { r: 8.5 }],
    ['maxmem in the file', { maxmem: 2 ** 33 }],
  ])('refuses absurd scrypt parameters (%s) with a clear error, without touching the file', async (_label, kdf) => {
    const store = createEncryptedFileStore({ file, passphrase: PASSPHRASE });
    await store.set('anthropic.apiKey', SECRET);
    const envelope = readEnvelope();
    fs.writeFileSync(file, JSON.stringify({ ...envelope, kdf: { ...envelope.kdf, ...kdf } }));
    const damaged = fs.readFileSync(file);

    const fresh = createEncryptedFileStore({ file, passphrase: PASSPHRASE });
    await expectRefusal(fresh.get('anthropic.apiKey'), /scrypt parameters.*at most 128 MiB.*untouched/s);
    await expectRefusal(fresh.set('anthropic.apiKey', 'replacement'), /scrypt parameters/);
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);
  });

  it('still opens a file written with the parameters of an earlier, cheaper setting', async () => {
    const store = createEncryptedFileStore({ file, passphrase: PASSPHRASE });
    await store.set('anthropic.apiKey', SECRET);
    expect(readEnvelope().kdf).toMatchObject({ N: 2 ** 15, r: 8, p: 1 });
    expect(await createEncryptedFileStore({ file, passphrase: PASSPHRASE }).get('anthropic.apiKey')).toBe(SECRET);
  });

  it('serialises concurrent writes so none is lost', async () => {
    const store = createEncryptedFileStore({ file, passphrase: PASSPHRASE });
    const ids = Array.from({ length: 20 }, (_, i) => `ex${String.fromCharCode(97 + i)}`);
    const name = (id: string): SecretName => `exchange.${id}.apiKey`;
    await Promise.all(ids.map((id) => store.set(name(id), `value-${id}`)));

    const reader = createEncryptedFileStore({ file, passphrase: PASSPHRASE });
    const values = await Promise.all(ids.map((id) => reader.get(name(id))));
    expect(values).toEqual(ids.map((id) => `value-${id}`));
  });

  it('serialises concurrent writes from two instances on the same file', async () => {
    const a = createEncryptedFileStore({ file, passphrase: PASSPHRASE });
    const b = createEncryptedFileStore({ file, passphrase: PASSPHRASE });
    await Promise.all([
      a.set('exchange.kraken.apiKey', 'a1'),
      b.set('exchange.kraken.secret', 'b1'),
      a.set('exchange.binance.apiKey', 'a2'),
      b.set('anthropic.apiKey', 'b2'),
    ]);
    expect(await a.get('exchange.kraken.secret')).toBe('b1');
    expect(await b.get('exchange.binance.apiKey')).toBe('a2');
    expect(await a.get('anthropic.apiKey')).toBe('b2');
    expect(await b.get('exchange.kraken.apiKey')).toBe('a1');
  });
});
