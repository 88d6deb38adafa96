import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';

import type { SecretBackend, SecretName } from '../../../shared/domain/secrets.js';

/** The port behind which API keys live. Values never leave the main process. */
export type SecretStore = {
  readonly backend: SecretBackend;
  /** One line for the Settings tab, e.g. "OS keychain (Secret Service)". */
  readonly description: string;
  /** False for a read-only store (environment variables); set/delete then throw a SecretStoreError. */
  readonly writable: boolean;
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  /** True if something was deleted. */
  delete(name: SecretName): Promise<boolean>;
};

/** A failure the user can act on; the message says what to do. */
export class SecretStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretStoreError';
  }
}

/** The keychain service name all secrets are filed under. */
export const KEYCHAIN_SERVICE = 'trading-workstation';

/**
 * Writes a secrets file atomically: a private temp file beside it (mode 0600), fsync, rename,
 * then a best-effort fsync of the folder. A crash leaves either the old file or the new one.
 */
export async function writeSecretFileAtomic(file: string, contents: string): Promise<void> {
  const dir = path.dirname(file);
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let renamed = false;
  try {
    const handle = await fsp.open(temp, 'wx', 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(temp, file);
    renamed = true;
  } finally {
    if (!renamed) await fsp.rm(temp, { force: true });
  }
  await fsyncFolder(dir);
}

async function fsyncFolder(dir: string): Promise<void> {
  try {
    const handle = await fsp.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot fsync a folder; the rename is still atomic.
  }
}

/** Reads a file, or null when it does not exist. */
export async function readFileIfExists(file: string): Promise<string | null> {
  try {
    return await fsp.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `task` after every earlier task queued under the same key (a file path), so concurrent
 * read-modify-write cycles on one secrets file never lose each other's changes.
 */
export function serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const result = previous.then(task, task);
  const tail = result.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return result;
}
