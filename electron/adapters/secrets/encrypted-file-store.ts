import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCallback } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

import type { SecretName } from '../../../shared/domain/secrets.js';
import type { SecretStore } from './secret-store.js';
import { SecretStoreError, readFileIfExists, serialised, writeSecretFileAtomic } from './secret-store.js';

/** scrypt cost for new files: N=2^15, r=8, p=1 (about 32 MiB and 0.1 s per derivation). */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;

/**
 * What a file may ask for: the parameters come from the file, so a modified file must not make
 * the app allocate gigabytes (128·N·r bytes) or spin for minutes (p sequential passes) before the
 * passphrase is even checked. Four times the memory of the default, at most 4 passes.
 */
export const SCRYPT_LIMITS = {
  minLogN: 10,
  maxLogN: 20,
  maxR: 16,
  maxP: 4,
  maxMemoryBytes: 128 * 1024 * 1024,
} as const;

const FORMAT = 'workstation-secrets';
const VERSION = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Binds the ciphertext to this format, so it cannot be replayed as some other file. */
const AAD = Buffer.from(`${FORMAT}:v${VERSION}`, 'utf8');

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

const EncryptedFile = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  // Only the shape here: the bounds are checked by checkScryptParams, with an error that says why.
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number(),
    r: z.number(),
    p: z.number(),
    maxmem: z.number().optional(),
    salt: base64,
  }),
  iv: base64,
  tag: base64,
  data: base64,
});
type EncryptedFile = z.infer<typeof EncryptedFile>;
type KdfParams = EncryptedFile['kdf'];

const SecretMap = z.record(z.string(), z.string());
type SecretMap = Record<string, string>;

export type EncryptedFileStoreOptions = {
  file: string;
  passphrase: string;
};

/**
 * Headless store: every secret in one file, the whole map encrypted with AES-256-GCM under a key
 * derived from a passphrase with scrypt. A file that cannot be decrypted is never overwritten.
 */
export function createEncryptedFileStore(options: EncryptedFileStoreOptions): SecretStore {
  const file = path.resolve(options.file);
  const passphrase = options.passphrase;
  if (passphrase.length === 0) {
    throw new SecretStoreError(
      'WORKSTATION_SECRETS_PASSPHRASE is empty: set it to a non-empty passphrase to use the encrypted secrets file',
    );
  }

  let cached: { id: string; key: Buffer } | null = null;

  async function keyFor(kdf: KdfParams): Promise<Buffer> {
    checkScryptParams(file, kdf);
    const id = `${kdf.N}:${kdf.r}:${kdf.p}:${kdf.salt}`;
    if (cached?.id !== id) {
      cached = { id, key: await deriveKey(passphrase, kdf) };
    }
    return cached.key;
  }

  async function load(): Promise<{ secrets: SecretMap; kdf: KdfParams | null }> {
    let text: string | null;
    try {
      text = await readFileIfExists(file);
    } catch (err) {
      throw new SecretStoreError(`Cannot read the secrets file ${file}: check its permissions`, { cause: err });
    }
    if (text === null) return { secrets: {}, kdf: null };
    const envelope = parseEnvelope(file, text);
    const key = await keyFor(envelope.kdf);
    return { secrets: decrypt(file, envelope, key), kdf: envelope.kdf };
  }

  async function save(secrets: SecretMap, kdf: KdfParams | null): Promise<void> {
    const params: KdfParams = kdf ?? {
      name: 'scrypt',
      ...SCRYPT_PARAMS,
      salt: randomBytes(SALT_BYTES).toString('base64'),
    };
    const key = await keyFor(params);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(AAD);
    const data = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    const envelope: EncryptedFile = {
      format: FORMAT,
      version: VERSION,
      kdf: params,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    try {
      await writeSecretFileAtomic(file, `${JSON.stringify(envelope, null, 2)}\n`);
    } catch (err) {
      throw new SecretStoreError(`Cannot write the secrets file ${file}: check the folder exists and is writable`, {
        cause: err,
      });
    }
  }

  return {
    backend: 'encryptedFile',
    description: `Encrypted file ${file} (scrypt + AES-256-GCM, passphrase from WORKSTATION_SECRETS_PASSPHRASE)`,
    writable: true,
    get(name: SecretName): Promise<string | null> {
      return serialised(file, async () => {
        const { secrets } = await load();
        return Object.hasOwn(secrets, name) ? (secrets[name] ?? null) : null;
      });
    },
    set(name: SecretName, value: string): Promise<void> {
      return serialised(file, async () => {
        const { secrets, kdf } = await load();
        await save({ ...secrets, [name]: value }, kdf);
      });
    },
    delete(name: SecretName): Promise<boolean> {
      return serialised(file, async () => {
        const { secrets, kdf } = await load();
        if (!Object.hasOwn(secrets, name)) return false;
        const rest = Object.fromEntries(Object.entries(secrets).filter(([k]) => k !== name));
        await save(rest, kdf);
        return true;
      });
    },
  };
}

/** scrypt's working memory for these parameters, in bytes (128·N·r plus 128·r·p). */
const scryptMemory = (kdf: Pick<KdfParams, 'N' | 'r' | 'p'>): number => 128 * kdf.N * kdf.r + 128 * kdf.r * kdf.p;

function checkScryptParams(file: string, kdf: KdfParams): void {
  const { N, r, p, maxmem } = kdf;
  const { minLogN, maxLogN, maxR, maxP, maxMemoryBytes } = SCRYPT_LIMITS;
  const powerOfTwo = Number.isInteger(N) && N >= 2 ** minLogN && N <= 2 ** maxLogN && (N & (N - 1)) === 0;
  const fits =
    powerOfTwo &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= maxR &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= maxP &&
    scryptMemory(kdf) <= maxMemoryBytes &&
    (maxmem === undefined || maxmem <= maxMemoryBytes + 2 * 1024 * 1024);
  if (fits) return;
  const shown = `N=${N}, r=${r}, p=${p}${maxmem === undefined ? '' : `, maxmem=${maxmem}`}`;
  throw new SecretStoreError(
    `The secrets file ${file} asks for scrypt parameters ${shown}, beyond what this app accepts ` +
      `(N a power of two from 2^${minLogN} to 2^${maxLogN}, r from 1 to ${maxR}, p from 1 to ${maxP}, ` +
      `at most ${maxMemoryBytes / 1024 / 1024} MiB): it was probably modified; ${LEFT_ALONE}`,
  );
}

function deriveKey(passphrase: string, kdf: KdfParams): Promise<Buffer> {
  const { N, r, p } = kdf;
  // The bound was checked by checkScryptParams; the margin covers OpenSSL's own bookkeeping.
  const maxmem = scryptMemory(kdf) + 2 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scryptCallback(passphrase, Buffer.from(kdf.salt, 'base64'), KEY_BYTES, { N, r, p, maxmem }, (err, key) => {
      if (err)
        reject(new SecretStoreError('Cannot derive the key for the secrets file (scrypt failed)', { cause: err }));
      else resolve(key);
    });
  });
}

const LEFT_ALONE =
  'the file was left untouched; restore it from a backup, or move it away to start a new one (its secrets are then lost)';

function parseEnvelope(file: string, text: string): EncryptedFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SecretStoreError(`The secrets file ${file} is damaged (not valid JSON): ${LEFT_ALONE}`);
  }
  const parsed = EncryptedFile.safeParse(json);
  if (!parsed.success) {
    throw new SecretStoreError(
      `The secrets file ${file} is not a ${FORMAT} version ${VERSION} file or is damaged: ${LEFT_ALONE}`,
    );
  }
  return parsed.data;
}

function decrypt(file: string, envelope: EncryptedFile, key: Buffer): SecretMap {
  const failure = (cause?: unknown): SecretStoreError =>
    new SecretStoreError(
      `Cannot decrypt the secrets file ${file}: wrong passphrase, or the file was modified. ` +
        'Check WORKSTATION_SECRETS_PASSPHRASE; the file was left untouched.',
      { cause },
    );
  const iv = Buffer.from(envelope.iv, 'base64');
  const tag = Buffer.from(envelope.tag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw failure();
  let plaintext: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(AAD);
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } catch (err) {
    throw failure(err);
  }
  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch {
    throw failure();
  }
  const parsed = SecretMap.safeParse(json);
  if (!parsed.success) throw failure();
  return parsed.data;
}
