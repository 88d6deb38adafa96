/**
 * The kill switch answers at once: engage() returns once entries are blocked and the cancels are
 * started; the progress then says how many the exchange has confirmed and how many are retried.
 * A cancel that got no answer is looked up by client order id (also after a restart that followed
 * a crash in the middle of an engage), never left PENDING_CANCEL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderRequestInput } from '../../../../shared/domain/orders.js';
import { createSimulatedExecution } from '../../../adapters/execution/simulated-execution.js';
import { createModelFeed } from '../../../adapters/execution/testing/model-feed.js';
import { systemClock } from '../../../adapters/clock/system-clock.js';
import { Decimal } from '../../../engine/money/decimal.js';
import type { CancelResult, ExecutionAdapter } from '../../../engine/orders/execution-port.js';
import { createSimExchangeRepo } from '../../../persistence/repositories/sim-exchange-repo.js';
import { createRiskHarness, type RiskHarness, type RiskHarnessOptions } from './testing/risk-harness.js';

const dirs: string[] = [];
const open: RiskHarness[] = [];

function newDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-kill-progress-'));
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

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const statusOf = (r: RiskHarness, id: string) => r.h.service.get(id).order.status;

describe('the kill switch answers at once', () => {
  it('returns while the exchange has not answered the cancels, then shows them confirmed one by one', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
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
        // The exchange takes its time over every cancel (faults, rate limits): held until released.
        const cancel = async (id: string, symbol: string, ex: string | null): Promise<CancelResult> => {
          await held;
          return sim.cancel(id, symbol, ex);
        };
        return { ...sim, id: venue.venue, mode: 'LIVE', cancel };
      },
    });
    const { h, risk } = r;
    await h.service.start();
    await h.service.setMode({ mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' });
    const orders = [await h.service.submit(limitBuy()), await h.service.submit(limitBuy('ETH/USD'))];

    const result = await risk.engage({ mode: 'FREEZE', reason: 'now' });
    expect(result.cancelRequested).toBe(2);
    // engage() answered although no cancel has been answered by the exchange.
    expect(orders.map((o) => statusOf(r, o.clientOrderId))).not.toContain('CANCELLED');
    await until(() => orders.every((o) => statusOf(r, o.clientOrderId) === 'PENDING_CANCEL'));
    expect(risk.killSwitchProgress()).toMatchObject({ active: true, total: 2, done: 0 });
    expect(result.progress).toMatchObject({ active: true, total: 2, done: 0 });

    release();
    await until(() => risk.killSwitchProgress().done === 2 && !risk.killSwitchProgress().active);
    expect(orders.map((o) => statusOf(r, o.clientOrderId))).toEqual(['CANCELLED', 'CANCELLED']);
    expect(risk.killSwitchProgress()).toMatchObject({ total: 2, done: 2, retrying: 0 });
  });

  it('looks an unanswered cancel up by client order id instead of leaving it PENDING_CANCEL', async () => {
    const faults = { cancel: () => ({ kind: 'unknown' as const, message: 'ETIMEDOUT: the cancel got no answer' }) };
    const r = harness({ faults });
    await r.h.service.start();
    const orders = [await r.h.service.submit(limitBuy()), await r.h.service.submit(limitBuy('ETH/USD'))];
    await r.risk.engage({ mode: 'FREEZE', reason: 'cancels time out' });
    await until(() => orders.every((o) => statusOf(r, o.clientOrderId) === 'PENDING_CANCEL'));
    expect(r.risk.killSwitchProgress()).toMatchObject({ total: 2, done: 0 });
    await until(() => r.risk.killSwitchProgress().retrying === 2);
    // The exchange ends them (its dead man's switch fired, or the trader cancelled on the website).
    r.h.exchange.transact((tx) => {
      for (const o of tx.openOrders()) {
        tx.updateOrder(o.exchangeOrderId, { filled: o.filled, status: 'canceled', at: Date.now() });
      }
    });
    // Cancels still get no answer: only a lookup by client order id can end the orders.
    await until(() => orders.every((o) => statusOf(r, o.clientOrderId) === 'CANCELLED'), 5_000);
    await until(() => r.risk.killSwitchProgress().done === 2);
  });

  it('ends them after a restart that followed a crash mid-engage (the exchange cancelled them meanwhile)', async () => {
    const dir = newDir();
    const faults = { cancel: () => ({ kind: 'unknown' as const, message: 'ETIMEDOUT: the cancel got no answer' }) };
    const first = harness({ faults }, dir);
    await first.h.service.start();
    const orders = [await first.h.service.submit(limitBuy()), await first.h.service.submit(limitBuy('ETH/USD'))];
    await first.risk.engage({ mode: 'FREEZE', reason: 'before the crash' });
    await until(() => orders.every((o) => statusOf(first, o.clientOrderId) === 'PENDING_CANCEL'));
    await first.close();
    open.splice(open.indexOf(first), 1);

    const second = harness({ faults, start: false }, dir);
    second.h.exchange.transact((tx) => {
      for (const o of tx.openOrders()) {
        tx.updateOrder(o.exchangeOrderId, { filled: o.filled, status: 'canceled', at: Date.now() });
      }
    });
    second.risk.start();
    await second.h.service.start();
    await until(() => orders.every((o) => statusOf(second, o.clientOrderId) === 'CANCELLED'), 5_000);
    await until(() => !second.risk.killSwitchProgress().active);
    expect(second.h.service.session()!.ledger.live()).toHaveLength(0);
  });
});
