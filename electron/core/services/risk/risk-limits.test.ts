/** Settings (validated, persisted, audited), the loss limits engaging the kill switch, the overview, the dead man's switch. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../adapters/clock/system-clock.js';
import { createSimulatedExecution } from '../../../adapters/execution/simulated-execution.js';
import { createModelFeed } from '../../../adapters/execution/testing/model-feed.js';
import { Decimal } from '../../../engine/money/decimal.js';
import type { ExecutionAdapter } from '../../../engine/orders/execution-port.js';
import { createRiskRepo } from '../../../persistence/repositories/risk-repo.js';
import { createSimExchangeRepo } from '../../../persistence/repositories/sim-exchange-repo.js';
import { createRiskHarness, type RiskHarness, type RiskHarnessOptions } from './testing/risk-harness.js';

const dirs: string[] = [];
const open: RiskHarness[] = [];

function newDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-risk-limits-'));
  dirs.push(dir);
  return dir;
}

function harness(extra: Partial<RiskHarnessOptions> = {}, dir = newDir()): RiskHarness {
  const r = createRiskHarness({ dir, balances: { USD: Decimal.parse('100000') }, ...extra });
  open.push(r);
  return r;
}

async function closeAll(): Promise<void> {
  for (const r of open.splice(0)) await r.close().catch(() => undefined);
}

afterEach(async () => {
  await closeAll();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('risk settings', () => {
  it('are validated, audited field by field with old and new values, and persisted', async () => {
    const dir = newDir();
    const { h, risk } = harness({}, dir);
    expect(() =>
      risk.updateSettings({ orderSize: { perSymbol: { 'BTC/USD': { minQuantity: '2', maxQuantity: '1' } } } }),
    ).toThrow(/orderSize\.perSymbol\.BTC\/USD\.maxQuantity: the minimum quantity \(2\) is above the maximum \(1\)/);
    expect(risk.settings().orderSize.perSymbol).toEqual({});

    const next = risk.updateSettings({ capitalPerSymbol: { percent: 7.5 }, lossLimitMode: 'FLATTEN' });
    expect(next.capitalPerSymbol).toEqual({ enabled: true, percent: 7.5 });
    expect(next.totalExposure.percent).toBe(80); // untouched fields keep their values
    const changes = h.audit.query({ kinds: ['setting.changed'] }).map((e) => e.details);
    expect(changes).toEqual(
      expect.arrayContaining([
        { setting: 'risk.capitalPerSymbol.percent', old: 20, new: 7.5 },
        { setting: 'risk.lossLimitMode', old: 'FREEZE', new: 'FLATTEN' },
      ]),
    );
    expect(changes).toHaveLength(2);
    risk.updateSettings({ capitalPerSymbol: { percent: 7.5 } }); // no change, no entry
    expect(h.audit.query({ kinds: ['setting.changed'] })).toHaveLength(2);

    await closeAll();
    const again = harness({}, dir);
    expect(again.risk.settings().capitalPerSymbol.percent).toBe(7.5);
    // A stored section that no longer validates falls back to its default; the rest is kept.
    createRiskRepo(again.h.db).saveSettings({ ...again.risk.settings(), spread: { maxPercent: 'wide' } }, 1);
    await closeAll();
    const third = harness({}, dir);
    expect(third.risk.settings().spread.maxPercent).toBe(0.5);
    expect(third.risk.settings().capitalPerSymbol.percent).toBe(7.5);
  });
});

describe('loss limits', () => {
  it('a daily loss beyond the limit engages the kill switch; after a re-arm the next mark does not', async () => {
    const { h, risk, seen } = harness();
    await h.service.start();
    risk.updateSettings({ capitalPerSymbol: { percent: 100 }, totalExposure: { percent: 100 } });
    h.feed.setMid('BTC/USD', 50_000);
    await h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '1' });
    await h.settle();
    await risk.markEquity();
    h.feed.setMid('BTC/USD', 44_000); // about 6 % of 100,000 lost: beyond the 5 % daily limit
    await risk.markEquity();
    const ks = risk.killSwitch();
    expect(ks).toMatchObject({ engaged: true, mode: 'FREEZE', by: 'daily_loss' });
    expect(ks.reason).toMatch(
      /^the daily loss of 6,\d{3}\.\d\d USD \(6\.\d+ % of the start-of-day equity 99,\d{3}.* beyond the daily loss limit of 5 %/,
    );
    expect(h.audit.query({ kinds: ['killswitch.engaged'] })[0]).toMatchObject({ actor: 'engine' });
    const overview = await risk.overview();
    expect(overview.dailyLoss).toMatchObject({ breached: true, limitPercent: 5 });
    expect(overview.exposure.symbols[0]).toMatchObject({ symbol: 'BTC/USD', limitPercent: 100 });
    expect(overview.exposure.symbols[0]!.percent).toBeGreaterThan(40);

    risk.rearm({ confirm: 'RE-ARM TRADING' });
    await risk.markEquity();
    await risk.markEquity();
    expect(risk.killSwitch().engaged).toBe(false);
    expect((await risk.overview()).dailyLoss).toMatchObject({ breached: false });
    expect(seen.updated.some((u) => u.reason === 'equity')).toBe(true);
  });

  it('a fall from the equity peak beyond the maximum drawdown engages it too', async () => {
    const { h, risk } = harness();
    await h.service.start();
    risk.updateSettings({
      capitalPerSymbol: { percent: 100 },
      totalExposure: { percent: 100 },
      dailyLoss: { enabled: false },
      maxDrawdown: { percent: 10 },
    });
    h.feed.setMid('BTC/USD', 50_000);
    await h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '1' });
    await h.settle();
    await risk.markEquity();
    h.feed.setMid('BTC/USD', 60_000); // the peak: about 110,000
    await risk.markEquity();
    h.feed.setMid('BTC/USD', 47_000); // about 97,000: 11.8 % below the peak, 3 % below the start
    await risk.markEquity();
    expect(risk.killSwitch()).toMatchObject({ engaged: true, by: 'drawdown' });
    expect((await risk.overview()).drawdown).toMatchObject({ breached: true, limitPercent: 10 });
  });
});

describe("the dead man's switch", () => {
  it('beats while trading LIVE, stops while halted, and is disarmed on a clean shutdown', async () => {
    const calls: number[] = [];
    const feed = createModelFeed({ clock: systemClock, sourceId: 'kraken' });
    const r: RiskHarness = harness({
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
    const { h, risk } = r;
    await h.service.start();
    expect((await risk.overview()).deadManSwitch.state).toBe('off');
    await h.service.setMode({ mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' });
    await until(() => calls.length >= 2);
    expect(calls.every((ms) => ms === 60_000)).toBe(true);
    expect((await risk.overview()).deadManSwitch).toMatchObject({ state: 'armed' });

    h.service.halt('the API key was refused');
    const before = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 150)); // five heartbeat periods
    expect(calls.length).toBeLessThanOrEqual(before + 1); // at most the one already on its way
    expect((await risk.overview()).deadManSwitch.state).toBe('off');
    h.service.resume();
    await until(() => calls.length >= before + 2);
    await risk.close();
    expect(calls.at(-1)).toBe(0);
  });
});
