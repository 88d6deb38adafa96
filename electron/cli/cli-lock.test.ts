import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempCore, type TempCore } from '../core/testing/temp-core.js';
import { acquireDataDirLock, type DataDirLock } from '../persistence/data-dir-lock.js';
import { runCli } from './run.js';

let t: TempCore;
let lock: DataDirLock;
let out: string;

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

async function cli(...argv: string[]) {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(argv, { stdout: stdout.stream, stderr: stderr.stream, env: {} });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

beforeAll(async () => {
  t = await createTempCore();
  t.core.logger.warn('risk', 'order vetoed: max position', { symbol: 'BTC/USD' });
  // The app is running on this folder (this process holds its lock).
  lock = acquireDataDirLock(t.dataDir, 'headless', { now: () => Date.UTC(2026, 0, 2) });
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-cli-lock-'));
});
afterAll(async () => {
  lock.release();
  await t.cleanup();
  fs.rmSync(out, { recursive: true, force: true });
});

describe('the CLI while the app runs on the data directory', () => {
  it('runs the commands that read', async () => {
    const file = path.join(out, 'logs.csv');
    expect(await cli('export-logs', '--out', file, '--data-dir', t.dataDir)).toMatchObject({ code: 0 });
    expect(fs.readFileSync(file, 'utf8')).toContain('order vetoed: max position');
    expect(await cli('audit-verify', '--data-dir', t.dataDir)).toMatchObject({ code: 0 });
    expect(await cli('kill-switch', 'status', '--data-dir', t.dataDir)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('ARMED'),
    });
  });

  it('refuses backtest --exchange (it writes the candle store) and says what it needs', async () => {
    const strategy = path.join(out, 'strategy.json');
    fs.writeFileSync(strategy, '{}');
    const run = await cli(
      'backtest',
      '--exchange',
      'simulator',
      '--symbol',
      'BTC/USD',
      '--strategy',
      strategy,
      `--data-dir=${t.dataDir}`,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: backtest --exchange stores the candles it fetches in ${path.join(t.dataDir, 'workstation.db')}, which the running workstation (pid ${process.pid}, started 2026-01-02T00:00:00.000Z) owns: stop the app first, or export the candles from the app and pass --candles FILE.csv\n`,
    );
  });
});
