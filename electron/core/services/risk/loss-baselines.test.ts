/**
 * The daily-loss and drawdown baselines belong to the venue and the UTC day, and are persisted:
 * a LIVE loss still counts after LIVE -> PAPER -> LIVE, and after a restart (issue 12: a mode
 * switch used to start a fresh allowance). Real order service and risk service over SQLite; the
 * LIVE venue is the simulated exchange under kraken's name.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createSimulatedExecution } from '../../../adapters/execution/simulated-execution.js';
import { createModelFeed, type ModelFeed } from '../../../adapters/execution/testing/model-feed.js';
import { Decimal } from '../../../engine/money/decimal.js';
import type { ExecutionAdapter } from '../../../engine/orders/execution-port.js';
import { createManualScheduler } from '../../../engine/scheduler.js';
import { createSimExchangeRepo } from '../../../persistence/repositories/sim-exchange-repo.js';
import { createRiskHarness, type RiskHarness } from './testing/risk-harness.js';

const sched = createManualScheduler(Date.UTC(2025, 0, 6, 9));
const LIVE = { mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' } as const;
const PAPER = { mode: 'PAPER', exchangeId: 'kraken' } as const;
const dirs: string[] = [];
const open: RiskHarness[] = [];

afterEach(async () => {
  for (const r of open.splice(0)) await r.close().catch(() => undefined);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function harness(dir: string, feed: ModelFeed): RiskHarness {
  const r: RiskHarness = createRiskHarness({
    dir,
    clock: sched.clock,
    scheduler: sched,
    feed,
    start: false,
    liveAdapter: (venue): Promise<ExecutionAdapter> => {
      const sim = createSimulatedExecution({
        mode: 'PAPER',
        repo: createSimExchangeRepo(r.h.db, venue.venue),
        feed,
        clock: sched.clock,
        initialBalances: { USD: Decimal.parse('100000') },
      });
      return Promise.resolve({ ...sim, id: venue.venue, mode: 'LIVE' });
    },
  });
  open.push(r);
  return r;
}

const dailyLoss = async (r: RiskHarness) => {
  await r.risk.markEquity();
  const daily = (await r.risk.overview()).dailyLoss;
  return { lost: -Number(daily?.pnl ?? '0'), start: Number(daily?.startOfDayEquity ?? '0') };
};

it('a LIVE loss still counts after LIVE -> PAPER -> LIVE and after a restart; beyond the limit it engages', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-loss-baselines-'));
  dirs.push(dir);
  const feed = createModelFeed({ clock: sched.clock, sourceId: 'kraken' });
  let r = harness(dir, feed);
  await r.h.service.start();
  r.risk.updateSettings({
    capitalPerSymbol: { percent: 100 },
    totalExposure: { percent: 100 },
    atrSpike: { enabled: false },
  });
  await r.h.service.setMode(LIVE);
  feed.setMid('BTC/USD', 50_000);
  await r.risk.markEquity(); // the day's baseline: 100,000 USD in cash
  await r.h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '1' });
  await r.h.settle();
  feed.setMid('BTC/USD', 47_000); // about 3 % lost: within the 5 % daily limit
  const before = await dailyLoss(r);
  expect(before.lost).toBeGreaterThan(2_900);
  expect(r.risk.killSwitch().engaged).toBe(false);

  await r.h.service.setMode(PAPER);
  await r.risk.markEquity();
  await r.h.service.setMode(LIVE);
  // Before any new mark, the gate and the Risk tab already judge LIVE by LIVE's own figures.
  expect(Number((await r.risk.overview()).dailyLoss?.startOfDayEquity)).toBe(before.start);
  const back = await dailyLoss(r);
  expect(back.start).toBe(before.start);
  expect(back.lost).toBeCloseTo(before.lost, 2);

  await r.close();
  open.splice(0);
  r = harness(dir, feed);
  await r.h.service.start();
  const restarted = await dailyLoss(r);
  expect(restarted.start).toBe(before.start);
  expect(restarted.lost).toBeCloseTo(before.lost, 2);

  feed.setMid('BTC/USD', 44_000); // about 6 % of the day's start: beyond the limit
  await r.risk.markEquity();
  expect(r.risk.killSwitch()).toMatchObject({ engaged: true, by: 'daily_loss' });
});
