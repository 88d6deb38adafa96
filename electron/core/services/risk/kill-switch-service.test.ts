/** The kill switch as the app runs it: cancels (also of an order in flight, also while the exchange fails), FLATTEN, re-arm, restart. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderRequestInput, OrderView } from '../../../../shared/domain/orders.js';
import { type AppError } from '../../../../shared/ipc/envelope.js';
import { createSimulatedExecution } from '../../../adapters/execution/simulated-execution.js';
import { createModelFeed } from '../../../adapters/execution/testing/model-feed.js';
import { systemClock } from '../../../adapters/clock/system-clock.js';
import { Decimal } from '../../../engine/money/decimal.js';
import type { ExecutionAdapter, PlaceResult } from '../../../engine/orders/execution-port.js';
import { engageKillSwitch } from '../../../engine/risk/index.js';
import { createRiskRepo } from '../../../persistence/repositories/risk-repo.js';
import { createSimExchangeRepo } from '../../../persistence/repositories/sim-exchange-repo.js';
import { createRiskHarness, type RiskHarness, type RiskHarnessOptions } from './testing/risk-harness.js';

const dirs: string[] = [];
const open: RiskHarness[] = [];

function newDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-kill-'));
  dirs.push(dir);
  return dir;
}

function harness(extra: Partial<RiskHarnessOptions> = {}, dir = newDir()): RiskHarness {
  const r = createRiskHarness({ dir, ...extra });
  open.push(r);
  return r;
}

afterEach(async () => {
  for (const r of open.splice(0)) await r.close().catch(() => undefined);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const limitBuy = (symbol = 'BTC/USD'): OrderRequestInput => ({
  symbol,
  side: 'buy',
  type: 'limit',
  quantity: '0.01',
  price: '1000',
});
const marketBuy = (symbol: string, quantity: string): OrderRequestInput => ({
  symbol,
  side: 'buy',
  type: 'market',
  quantity,
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const statusOf = (r: RiskHarness, id: string) => r.h.service.get(id).order.status;

describe('the kill switch', () => {
  it('FREEZE cancels every open order, stops strategies and blocks entries but not exits; re-arm needs the text', async () => {
    const r = harness();
    const { h, risk } = r;
    await h.service.start();
    await h.service.submit(marketBuy('BTC/USD', '0.05'));
    const resting = [await h.service.submit(limitBuy()), await h.service.submit(limitBuy('ETH/USD'))];
    await h.settle();
    const stopped: string[] = [];
    risk.onStopStrategies((reason) => void stopped.push(reason));

    const result = await risk.engage({ mode: 'FREEZE', reason: 'market looks wrong' });
    expect(result).toMatchObject({
      outcome: 'engaged',
      cancelRequested: 2,
      state: { engaged: true, mode: 'FREEZE', by: 'user' },
    });
    // engage() answers once the cancels are started; the exchange confirms them right after.
    await until(() => resting.every((o) => statusOf(r, o.clientOrderId) === 'CANCELLED'));
    expect(stopped).toEqual(['kill switch: market looks wrong']);
    expect(r.seen.killSwitch.at(-1)).toMatchObject({ engaged: true, reason: 'market looks wrong' });
    expect(h.audit.query({ kinds: ['killswitch.engaged'] })[0]).toMatchObject({
      actor: 'user',
      details: { mode: 'FREEZE', reason: 'market looks wrong', outcome: 'engaged' },
    });

    expect(await refusal(h.service.submit(limitBuy()))).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining(
        '"Kill switch": the kill switch is engaged (FREEZE, by user: market looks wrong)',
      ),
    });
    const exit = await h.service.submit({ symbol: 'BTC/USD', side: 'sell', type: 'market', quantity: '0.02' });
    expect(exit.status).toBe('OPEN');

    expect(() => risk.rearm({ confirm: 're-arm' })).toThrow(/type RE-ARM TRADING exactly/);
    expect(risk.killSwitch().engaged).toBe(true);
    expect(risk.rearm({ confirm: 'RE-ARM TRADING' })).toMatchObject({ engaged: false });
    expect(h.audit.query({ kinds: ['killswitch.rearmed'] })).toHaveLength(1);
    expect((await h.service.submit(limitBuy())).status).toBe('OPEN');
  });

  it('cancels an order whose placement is in flight as soon as the exchange answers it', async () => {
    let release: () => void = () => undefined;
    let placing: () => void = () => undefined;
    const placed = new Promise<void>((resolve) => (placing = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const feed = createModelFeed({ clock: systemClock, sourceId: 'kraken' });
    const r: RiskHarness = harness({
      feed,
      liveAdapter: async (venue): Promise<ExecutionAdapter> => {
        const sim = createSimulatedExecution({
          mode: 'PAPER',
          repo: createSimExchangeRepo(r.h.db, venue.venue),
          feed,
          clock: systemClock,
          initialBalances: { USD: Decimal.parse('100000') },
        });
        const place = async (req: Parameters<ExecutionAdapter['place']>[0]): Promise<PlaceResult> => {
          placing();
          await gate;
          return sim.place(req);
        };
        return { ...sim, id: venue.venue, mode: 'LIVE', place };
      },
    });
    const { h, risk } = r;
    await h.service.start();
    await h.service.setMode({ mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' });

    const inFlight = h.service.submit(limitBuy());
    await placed;
    const engaging = risk.engage({ mode: 'FREEZE' });
    // Entries are refused at once, while the first order is still being placed.
    expect(await refusal(h.service.submit(limitBuy()))).toMatchObject({
      message: expect.stringContaining('Kill switch'),
    });
    release();
    const order: OrderView = await inFlight;
    expect((await engaging).cancelRequested).toBe(1);
    await until(() => statusOf(r, order.clientOrderId) === 'CANCELLED');
  });

  it('retries cancels while the exchange fails them, until every order is cancelled', async () => {
    let failures = 3;
    let calls = 0;
    const r = harness({
      faults: {
        cancel: () => {
          calls++;
          return failures-- > 0 ? { kind: 'unavailable', message: 'EService:Unavailable' } : null;
        },
      },
    });
    const { h, risk } = r;
    await h.service.start();
    const a = await h.service.submit(limitBuy());
    const b = await h.service.submit(limitBuy('ETH/USD'));
    await risk.engage({ mode: 'FREEZE' });
    await until(() => [a, b].every((o) => statusOf(r, o.clientOrderId) === 'CANCELLED'));
    expect(calls).toBeGreaterThanOrEqual(5);
  });

  it('FLATTEN asks for its confirmation, then sells every position at market', async () => {
    const { h, risk } = harness();
    await h.service.start();
    await h.service.submit(marketBuy('BTC/USD', '0.05'));
    await h.service.submit(marketBuy('ETH/USD', '1'));
    await h.settle();
    expect(await refusal(risk.engage({ mode: 'FLATTEN' }))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('confirm with "FLATTEN"'),
    });
    expect(risk.killSwitch().engaged).toBe(false);
    const result = await risk.engage({ mode: 'FLATTEN', confirm: 'FLATTEN' });
    expect(result.closing.sort()).toEqual(['BTC/USD', 'ETH/USD']);
    await until(() => !risk.killSwitchProgress().active);
    await h.settle();
    const positions = (await h.service.portfolio()).positions;
    expect(positions.every((p) => Decimal.parse(p.quantity).isZero())).toBe(true);
  });

  it('is still engaged after a restart, and cancels what was left open while the app was down', async () => {
    const dir = newDir();
    const first = harness({}, dir);
    await first.h.service.start();
    await first.risk.engage({ mode: 'FREEZE', reason: 'before the restart' });
    await first.close();
    open.splice(open.indexOf(first), 1);

    const second = harness({}, dir);
    expect(second.risk.killSwitch()).toMatchObject({ engaged: true, mode: 'FREEZE', reason: 'before the restart' });
    second.risk.rearm({ confirm: 'RE-ARM TRADING' });
    await second.h.service.start();
    const resting = await second.h.service.submit(limitBuy());
    await second.close();
    open.splice(open.indexOf(second), 1);
    // Engaged while the app is down (as the command line does), then the app starts again.
    const third = harness({ start: false }, dir);
    const engaged = engageKillSwitch(third.risk.killSwitch(), {
      mode: 'FREEZE',
      reason: 'from the CLI',
      by: 'user',
      at: Date.now(),
    });
    createRiskRepo(third.h.db).saveKillSwitch(engaged.state, 'cli', Date.now(), false);
    await third.close();
    open.splice(open.indexOf(third), 1);
    const fourth = harness({}, dir);
    expect(fourth.risk.killSwitch()).toMatchObject({ engaged: true, reason: 'from the CLI' });
    await fourth.h.service.start();
    await until(() => statusOf(fourth, resting.clientOrderId) === 'CANCELLED');
    expect(fourth.risk.killSwitch().history.map((e) => e.event)).toEqual(['engaged', 'rearmed', 'engaged']);
  });
});
