import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/ipc/envelope.js';
import type { SimFaults } from '../../../adapters/execution/simulated-execution.js';
import { createModelFeed } from '../../../adapters/execution/testing/model-feed.js';
import type { Failure } from '../../../engine/orders/execution-port.js';
import { type ManualScheduler, createManualScheduler } from '../../../engine/scheduler.js';
import type { RecoveryPolicy } from './recovery.js';
import { type Harness, createHarness } from './testing/order-harness.js';

const dirs: string[] = [];
const open: Harness[] = [];

function harness(faults: SimFaults, recovery?: Partial<RecoveryPolicy>): { h: Harness; sched: ManualScheduler } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-recovery-'));
  dirs.push(dir);
  const sched = createManualScheduler(Date.UTC(2025, 0, 1));
  const h = createHarness({
    dir,
    clock: sched.clock,
    scheduler: sched,
    feed: createModelFeed({ clock: sched.clock }),
    faults,
    ...(recovery ? { recovery } : {}),
  });
  open.push(h);
  return { h, sched };
}

afterEach(async () => {
  for (const h of open.splice(0)) await h.close().catch(() => undefined);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const timeout: Failure = { kind: 'unknown', message: 'RequestTimeout: kraken POST AddOrder timed out after 10000 ms' };
const once = <T>(value: T) => {
  let used = false;
  return () => {
    if (used) return null;
    used = true;
    return value;
  };
};

/** Advances virtual time by 30 s steps (running the recovery worker), letting its lookups finish. */
async function passes(h: Harness, sched: ManualScheduler, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    sched.advance(30_000);
    await h.settle();
  }
}

describe('recovery of orders whose outcome is unknown', () => {
  it('never resends: a placement that timed out but reached the exchange is found by client id, with its fills', async () => {
    const { h, sched } = harness({ afterPlace: once(timeout) });
    await h.service.start();
    const order = await h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.05' });
    expect(order.status).toBe('UNKNOWN');
    expect(order.lastError).toMatch(/timed out after 10000 ms; the order is being looked up by its client order id/);
    expect(h.service.recoveryQueue()).toMatchObject([{ clientOrderId: order.clientOrderId, attempts: 0 }]);
    await passes(h, sched, 1);
    const done = h.service.get(order.clientOrderId);
    expect(done.order.status).toBe('FILLED');
    expect(done.fills).toHaveLength(h.exchange.tradesOf(done.order.exchangeOrderId!).length);
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM sim_exchange_orders').get()).toEqual({ n: 1 });
    expect(h.service.recoveryQueue()).toEqual([]);
    const btc = (await h.service.portfolio()).balances.find((b) => b.currency === 'BTC');
    expect(btc?.total).toBe('0.05');
  });

  it('marks an order never placed REJECTED only on evidence: the simulated exchange answers "not found" for sure', async () => {
    const { h, sched } = harness({ beforePlace: once(timeout) });
    await h.service.start();
    const order = await h.service.submit({
      symbol: 'BTC/USD',
      side: 'buy',
      type: 'limit',
      quantity: '0.05',
      price: '50000',
    });
    expect(order.status).toBe('UNKNOWN');
    await passes(h, sched, 1);
    const done = h.service.get(order.clientOrderId).order;
    expect(done.status).toBe('REJECTED');
    expect(done.reason).toMatch(/^never placed: 1 lookup\(s\) by client order id found no such order on simulator/);
  });

  it('with a live exchange policy waits for 3 answers and the visibility window, flagging the order meanwhile', async () => {
    const { h, sched } = harness({ beforePlace: once(timeout) }, { notFoundToReject: 3, absentForMs: 120_000 });
    await h.service.start();
    const order = await h.service.submit({
      symbol: 'BTC/USD',
      side: 'buy',
      type: 'limit',
      quantity: '0.05',
      price: '50000',
    });
    await passes(h, sched, 3);
    const waiting = h.service.get(order.clientOrderId).order;
    expect(waiting.status).toBe('UNKNOWN');
    expect(waiting.flags.needsAttention).toBe(true); // 3 not-found answers: it may be lost
    await passes(h, sched, 1);
    expect(h.service.get(order.clientOrderId).order.status).toBe('REJECTED');
  });

  it('gives up after 10 failed lookups and flags the order with everything known', async () => {
    const { h, sched } = harness({
      afterPlace: once(timeout),
      lookup: () => ({ kind: 'unavailable', message: 'EService:Unavailable' }),
    });
    await h.service.start();
    const order = await h.service.submit({
      symbol: 'ETH/USD',
      side: 'buy',
      type: 'limit',
      quantity: '1',
      price: '2000',
    });
    expect(order.status).toBe('UNKNOWN');
    await passes(h, sched, 12);
    const [entry] = h.service.recoveryQueue();
    expect(entry).toMatchObject({ attempts: 10, maxAttempts: 10, gaveUp: true, lastError: 'EService:Unavailable' });
    const flagged = h.service.get(order.clientOrderId).order;
    expect(flagged.flags.needsAttention).toBe(true);
    expect(flagged.lastError).toMatch(
      /still unknown after 10 lookups by client order id: buy 1 ETH\/USD limit at 2000, sent 2025-01-01/,
    );
    expect(flagged.lastError).toMatch(/last error: EService:Unavailable/);
  });

  it('treats a rate limit or an unavailable exchange as unknown (it may have reached the exchange), never as rejected', async () => {
    const { h } = harness({ afterPlace: once<Failure>({ kind: 'rate_limited', message: 'EAPI:Rate limit exceeded' }) });
    await h.service.start();
    const order = await h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.01' });
    expect(order.status).toBe('UNKNOWN');
    await h.service.runRecovery();
    await h.settle();
    expect(h.service.get(order.clientOrderId).order.status).toBe('FILLED');
  });

  it('stops trading when the exchange refuses the API key, until the mode is chosen again', async () => {
    const { h } = harness({ beforePlace: once<Failure>({ kind: 'auth', message: 'EAPI:Invalid key' }) });
    await h.service.start();
    const error = await h.service
      .submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.01' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(
      /trading is stopped: simulator refused the API key \(EAPI:Invalid key\)/,
    );
    expect(h.service.status().halted).toMatch(/refused the API key/);
    const refused = await h.service
      .submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.01' })
      .catch((e: unknown) => e);
    expect((refused as AppError).code).toBe('unavailable');
    await h.service.setMode({ mode: 'SIMULATOR' });
    expect(h.service.status().halted).toBeNull();
    expect((await h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.01' })).status).toBe(
      'OPEN',
    );
  });
});
