/** `npm run cli -- kill-switch ...` against a data directory whose app is running (and one where none is). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createRiskHarness, type RiskHarness } from '../../core/services/risk/testing/risk-harness.js';
import { runCli } from '../run.js';

const dirs: string[] = [];
const open: RiskHarness[] = [];

afterEach(async () => {
  for (const r of open.splice(0)) await r.close().catch(() => undefined);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function newDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-cli-kill-'));
  dirs.push(dir);
  return dir;
}

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await runCli(argv, {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    env: {},
  });
  return { code, stdout, stderr };
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('kill-switch on the command line', () => {
  it('engages a running app within its poll (open orders cancelled), and re-arms it with the text', async () => {
    const dir = newDir();
    const r = createRiskHarness({ dir });
    open.push(r);
    await r.h.service.start();
    const resting = await r.h.service.submit({
      symbol: 'BTC/USD',
      side: 'buy',
      type: 'limit',
      quantity: '0.01',
      price: '1000',
    });
    expect((await cli('kill-switch', 'status', '--data-dir', dir)).stdout).toContain('kill switch: ARMED');

    const engaged = await cli('kill-switch', 'engage', '--data-dir', dir, '--reason', 'from a terminal');
    expect(engaged).toMatchObject({ code: 0, stderr: '' });
    expect(engaged.stdout).toMatch(/kill switch: ENGAGED \(FREEZE\) since .* by user: from a terminal/);
    expect(engaged.stdout).toContain('a running app has applied it.');
    expect(r.risk.killSwitch()).toMatchObject({ engaged: true, reason: 'from a terminal' });
    await until(() => r.h.service.get(resting.clientOrderId).order.status === 'CANCELLED');
    expect(r.h.audit.query({ kinds: ['killswitch.engaged'] })[0]?.details).toMatchObject({
      via: 'cli',
      mode: 'FREEZE',
    });

    expect(await cli('kill-switch', 'flatten', '--data-dir', dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('add --confirm FLATTEN'),
    });
    expect(await cli('kill-switch', 'rearm', '--data-dir', dir, '--confirm', 'please')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('type RE-ARM TRADING exactly'),
    });
    const rearmed = await cli('kill-switch', 'rearm', '--data-dir', dir, '--confirm', 'RE-ARM TRADING');
    expect(rearmed.stdout).toContain('kill switch: ARMED');
    expect(rearmed.stdout).toContain('a running app has applied it.');
    expect(r.risk.killSwitch().engaged).toBe(false);
    const status = await cli('kill-switch', 'status', '--data-dir', dir);
    expect(status.stdout).toMatch(/engaged FREEZE by user: from a terminal\n.* rearmed by user: re-armed by the user/);
  });

  it('saves the engagement for the next start when no app runs, and refuses a data directory without a database', async () => {
    const dir = newDir();
    const first = createRiskHarness({ dir });
    await first.close();
    const result = await cli('kill-switch', 'engage', '--data-dir', dir, '--wait', '0');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('the app applies it when it starts');
    const next = createRiskHarness({ dir });
    open.push(next);
    expect(next.risk.killSwitch()).toMatchObject({ engaged: true, reason: 'engaged from the command line' });

    const missing = await cli('kill-switch', 'engage', '--data-dir', path.join(dir, 'nowhere'));
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('there is no workstation database at') });
    expect((await cli('kill-switch', 'explode', '--data-dir', dir)).code).toBe(2);
  });
});
