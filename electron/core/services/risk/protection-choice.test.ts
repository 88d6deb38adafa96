/**
 * The trader's choice between Kraken's dead man's switch and native stop orders (its
 * CancelAllOrdersAfter cancels resting stops too): 'native_stops' disarms the dead man's switch
 * and keeps it off; 'dead_man' arms it again. The Risk overview says which is in force and where
 * the stops live.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../adapters/clock/system-clock.js';
import { createSimulatedExecution } from '../../../adapters/execution/simulated-execution.js';
import { createModelFeed } from '../../../adapters/execution/testing/model-feed.js';
import type { ExecutionAdapter } from '../../../engine/orders/execution-port.js';
import { createSimExchangeRepo } from '../../../persistence/repositories/sim-exchange-repo.js';
import { createRiskHarness, type RiskHarness } from './testing/risk-harness.js';

const dirs: string[] = [];
const open: RiskHarness[] = [];

afterEach(async () => {
  for (const r of open.splice(0)) await r.close().catch(() => undefined);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the dead man's switch or native stops", () => {
  it('native stops turn the dead man off (disarmed on the exchange); dead man arms it again', async () => {
    const calls: number[] = [];
    const feed = createModelFeed({ clock: systemClock, sourceId: 'kraken' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-protection-'));
    dirs.push(dir);
    const r: RiskHarness = createRiskHarness({
      dir,
      feed,
      timing: { heartbeatMs: 30 },
      liveAdapter: async (venue): Promise<ExecutionAdapter> => {
        const sim = createSimulatedExecution({
          mode: 'PAPER',
          repo: createSimExchangeRepo(r.h.db, venue.venue),
          feed,
          clock: systemClock,
        });
        const cancelAllAfter = async (ms: number) => {
          calls.push(ms);
          return true as const;
        };
        return { ...sim, id: venue.venue, mode: 'LIVE', cancelAllAfter } as ExecutionAdapter;
      },
    });
    open.push(r);
    const { h, risk } = r;
    await h.service.start();
    await h.service.setMode({ mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' });
    await until(() => calls.includes(60_000));
    expect((await risk.overview()).protection).toMatchObject({ choice: 'dead_man' });

    risk.updateSettings({ liveProtection: 'native_stops' });
    await until(() => calls.at(-1) === 0);
    const before = calls.length;
    await until(async () => (await risk.overview()).deadManSwitch.state === 'off');
    expect((await risk.overview()).deadManSwitch.detail).toMatch(/native stop/);
    expect(calls.length).toBeLessThanOrEqual(before + 1);
    expect((await risk.overview()).protection).toMatchObject({ choice: 'native_stops' });

    risk.updateSettings({ liveProtection: 'dead_man' });
    await until(() => calls.at(-1) === 60_000);
  });
});
