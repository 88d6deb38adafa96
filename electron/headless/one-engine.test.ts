import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStartOptions } from '../core/config.js';
import { LOCK_FILE } from '../persistence/data-dir-lock.js';
import { runHeadless, StartupError, type HeadlessApp } from './run.js';
import { HEADLESS_TEST_ENV, makeStaticRoot } from './testing/static-root.js';

const ENV = HEADLESS_TEST_ENV;
let dataDir: string;
let staticRoot: string;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-one-engine-'));
  staticRoot = makeStaticRoot();
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(staticRoot, { recursive: true, force: true });
});

const options = () =>
  parseStartOptions(['--headless', '--port', '0', '--data-dir', dataDir, '--token', 'one-engine-token-0123456789'], {});

describe('one engine per data directory', () => {
  it('refuses a second engine on the same data directory at once, and serves again once the first stops', async () => {
    const first: HeadlessApp = await runHeadless(options(), ENV, staticRoot);
    try {
      const second = runHeadless(options(), ENV, staticRoot);
      await expect(second).rejects.toThrow(StartupError);
      await expect(second).rejects.toThrow(
        new RegExp(`^another workstation \\(pid ${process.pid}, started [0-9T:.-]+Z\\) is using ${dataDir}`),
      );
      // The first one still serves.
      expect((await fetch(`http://127.0.0.1:${first.server.port}/`)).status).toBeLessThan(500);
    } finally {
      await first.stop();
    }
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    const again = await runHeadless(options(), ENV, staticRoot);
    await again.stop();
  });

  it('takes over the lock a killed engine left, and logs it', async () => {
    fs.writeFileSync(
      path.join(dataDir, LOCK_FILE),
      JSON.stringify({ pid: 2 ** 22 + 7, startedAt: 0, entry: 'desktop' }),
    );
    const app = await runHeadless(options(), ENV, staticRoot);
    try {
      const logs = app.core.services.logStore.query({ text: 'lock' });
      expect(logs.map((e) => e.message).join('\n')).toMatch(
        /took over the data directory lock of pid 4194311 \(desktop, started 1970-01-01T00:00:00.000Z\), which is no longer running/,
      );
    } finally {
      await app.stop();
    }
  });
});
