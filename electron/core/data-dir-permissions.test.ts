// Files on disk: the data directory is 0700 and every file in it (databases with their -wal and
// -shm files, logs, the secrets file) is 0600, whatever the umask; existing files are fixed at start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEncryptedFileStore } from '../adapters/secrets/encrypted-file-store.js';
import { createTempCore, type TempCore } from './testing/temp-core.js';

const posix = process.platform !== 'win32';
let previousUmask = 0;
let t: TempCore | null = null;
let dataDir = '';

beforeEach(() => {
  // The worst umask: without explicit modes everything would be created world-writable.
  previousUmask = process.umask(0o000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-perms-'));
});
afterEach(async () => {
  await t?.cleanup();
  t = null;
  process.umask(previousUmask);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Every entry under dir with its permission bits, relative names. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      out[path.relative(dir, full)] = (fs.statSync(full).mode & 0o777).toString(8);
      if (e.isDirectory()) walk(full);
    }
  };
  walk(dir);
  return out;
}

describe.runIf(posix)('data directory permissions', () => {
  it('creates the directory 0700 and every file 0600 under a umask of 000', async () => {
    const secretsFile = path.join(dataDir, 'secrets.enc.json');
    t = await createTempCore({
      dataDir,
      secretStore: createEncryptedFileStore({ file: secretsFile, passphrase: 'pw for the test' }),
    });
    await t.core.dispatch('secrets.set', { name: 'anthropic.apiKey', value: 'a-key-1234567' }, { transport: 'test' });
    await t.core.dispatch('settings.update', { theme: 'light' }, { transport: 'test' });
    t.core.logger.info('system', 'a line for the log file');
    await t.core.logger.close();

    expect((fs.statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    const found = modes(dataDir);
    // The databases with their WAL files, the log file and the secrets file are all there.
    expect(Object.keys(found)).toEqual(
      expect.arrayContaining(['workstation.db', 'workstation.db-wal', 'logs.db', 'secrets.enc.json']),
    );
    expect(Object.keys(found).some((f) => f.startsWith(`logs${path.sep}`) && f.endsWith('.log'))).toBe(true);
    for (const [name, mode] of Object.entries(found)) {
      expect(mode, name).toBe(fs.statSync(path.join(dataDir, name)).isDirectory() ? '700' : '600');
    }
  });

  it('fixes world-readable files and folders left by an earlier version at start, and says so in the log', async () => {
    process.umask(0o022);
    fs.chmodSync(dataDir, 0o755);
    fs.mkdirSync(path.join(dataDir, 'logs'), { mode: 0o755 });
    fs.writeFileSync(path.join(dataDir, 'logs', 'workstation.log'), '', { mode: 0o644 });
    fs.writeFileSync(path.join(dataDir, 'secrets.safe.json'), '{}', { mode: 0o644 });
    fs.writeFileSync(path.join(dataDir, 'workstation.db'), '', { mode: 0o666 });

    t = await createTempCore({ dataDir });
    const found = modes(dataDir);
    expect((fs.statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    expect(found['logs']).toBe('700');
    expect(found[path.join('logs', 'workstation.log')]).toBe('600');
    expect(found['secrets.safe.json']).toBe('600');
    expect(found['workstation.db']).toBe('600');
    const entries = t.core.services.logStore.query({ text: 'permissions' });
    expect(entries.map((e) => e.message).join('\n')).toMatch(/tightened the permissions of \d+ file/);
    expect(JSON.stringify(entries)).toContain('secrets.safe.json');
  });
});
