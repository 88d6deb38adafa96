import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createModelFeed, type ModelFeed } from '../../../adapters/execution/testing/model-feed.js';
import { createManualScheduler } from '../../../engine/scheduler.js';
import { type Harness, createHarness } from './testing/order-harness.js';

const dirs: string[] = [];
const open: Harness[] = [];
const sched = createManualScheduler(Date.UTC(2025, 0, 1));

function harness(dir?: string): { h: Harness; feed: ModelFeed; dir: string } {
  const d = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tw-triggers-'));
  if (!dir) dirs.push(d);
  const feed = createModelFeed({ clock: sched.clock });
  const h = createHarness({ dir: d, clock: sched.clock, scheduler: sched, feed });
  open.push(h);
  return { h, feed, dir: d };
}

afterEach(async () => {
  for (const h of open.splice(0)) await h.close().catch(() => undefined);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function buyBtc(h: Harness, quantity: string): Promise<void> {
  await h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity });
  await h.settle();
}

async function quote(h: Harness, feed: ModelFeed, mid: number): Promise<void> {
  feed.setMid('BTC/USD', mid);
  feed.tick();
  await h.settle();
}

describe('engine-managed orders', () => {
  it('arms a stop loss in the engine and sells at market when the bid falls to the stop', async () => {
    const { h, feed } = harness();
    await h.service.start();
    await buyBtc(h, '0.5');
    const stop = await h.service.submit({
      symbol: 'BTC/USD',
      side: 'sell',
      type: 'stop_loss',
      quantity: '0.5',
      stopPrice: '57000',
    });
    expect(stop).toMatchObject({
      status: 'OPEN',
      exchangeOrderId: null,
      timeline: [{ status: 'PENDING_SUBMIT' }, { reason: 'armed in the engine' }, { status: 'OPEN' }],
    });
    expect(h.exchange.openOrders()).toEqual([]); // the exchange never sees a stop
    await quote(h, feed, 58_000);
    expect(h.service.get(stop.clientOrderId).order.status).toBe('OPEN');
    await quote(h, feed, 56_990);
    const parent = h.service.get(stop.clientOrderId).order;
    expect(parent.status).toBe('CANCELLED');
    expect(parent.reason).toMatch(/^triggered: bid 56\d+(\.\d)? reached the stop 57000; placed market order /);
    const child = h.service.list({}).find((o) => o.parentClientOrderId === stop.clientOrderId)!;
    expect(child).toMatchObject({ type: 'market', side: 'sell', quantity: '0.5', status: 'FILLED' });
    expect((await h.service.portfolio()).positions[0]?.quantity).toBe('0');
    // Fired once: more quotes below the stop change nothing.
    await quote(h, feed, 56_000);
    expect(h.service.list({}).filter((o) => o.parentClientOrderId === stop.clientOrderId)).toHaveLength(1);
  });

  it('triggers a take profit above the market and a stop-limit as a limit order', async () => {
    const { h, feed } = harness();
    await h.service.start();
    await buyBtc(h, '0.2');
    const target = await h.service.submit({
      symbol: 'BTC/USD',
      side: 'sell',
      type: 'take_profit',
      quantity: '0.1',
      stopPrice: '61000',
      price: '60900',
    });
    await quote(h, feed, 61_050);
    const child = h.service.list({}).find((o) => o.parentClientOrderId === target.clientOrderId)!;
    expect(child).toMatchObject({ type: 'limit', price: '60900' });
  });

  it('trails the highest bid, keeps it across a restart, and fires trail % below it', async () => {
    const { h, feed, dir } = harness();
    await h.service.start();
    await buyBtc(h, '0.3');
    const trail = await h.service.submit({
      symbol: 'BTC/USD',
      side: 'sell',
      type: 'trailing_stop',
      quantity: '0.3',
      trailPercent: '1',
    });
    await quote(h, feed, 62_000);
    sched.advance(2_000); // the extreme is saved at most once a second
    await quote(h, feed, 63_000);
    await quote(h, feed, 62_500); // 0.8 % below the high: not yet
    expect(h.service.get(trail.clientOrderId).order.status).toBe('OPEN');
    await h.close();
    open.splice(open.indexOf(h), 1);

    const again = harness(dir);
    await again.h.service.start();
    await quote(again.h, again.feed, 62_300); // 1.1 % below 63,000 (remembered), above a fresh start's level
    const parent = again.h.service.get(trail.clientOrderId).order;
    expect(parent.status).toBe('CANCELLED');
    expect(parent.reason).toMatch(/moved 1 % from the high of 629\d\d\.\d/);
  });

  it('cancels an armed order at once, and expires it when due', async () => {
    const { h } = harness();
    await h.service.start();
    await buyBtc(h, '0.2');
    const stop = await h.service.submit({
      symbol: 'BTC/USD',
      side: 'sell',
      type: 'stop_loss',
      quantity: '0.1',
      stopPrice: '50000',
    });
    expect((await h.service.cancel(stop.clientOrderId)).status).toBe('CANCELLED');
    const timed = await h.service.submit({
      symbol: 'BTC/USD',
      side: 'sell',
      type: 'stop_loss',
      quantity: '0.1',
      stopPrice: '50000',
      expiresInMs: 5_000,
    });
    sched.advance(5_000);
    await h.settle();
    expect(h.service.get(timed.clientOrderId).order.status).toBe('EXPIRED');
  });
});
