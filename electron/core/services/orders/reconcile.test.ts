import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderRequestInput } from '../../../../shared/domain/orders.js';
import { placeOrder } from '../../../adapters/execution/sim-matching.js';
import { createModelFeed } from '../../../adapters/execution/testing/model-feed.js';
import { DEFAULT_FEES, oppositeLevels } from '../../../engine/execution/book-walk.js';
import { Decimal } from '../../../engine/money/decimal.js';
import { createManualScheduler } from '../../../engine/scheduler.js';
import { type Harness, type HarnessOptions, createHarness } from './testing/order-harness.js';

const dirs: string[] = [];
const open: Harness[] = [];
const sched = createManualScheduler(Date.UTC(2025, 0, 1));

function harness(dir: string, extra: Partial<HarnessOptions> = {}): Harness {
  const h = createHarness({
    dir,
    clock: sched.clock,
    scheduler: sched,
    feed: createModelFeed({ clock: sched.clock }),
    ...extra,
  });
  open.push(h);
  return h;
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-reconcile-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const h of open.splice(0)) await h.close().catch(() => undefined);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * Runs `act` and "crashes" at `point`: the database connection is closed there (nothing after it
 * reaches the disk, as after SIGKILL), then a new service starts on the same directory.
 */
async function crashAndRestart(
  point: string,
  act: (h: Harness) => Promise<unknown>,
  setup?: (h: Harness) => Promise<void>,
) {
  const dir = tempDir();
  let armed = false;
  const first: Harness = harness(dir, {
    checkpoint: (p) => {
      if (!armed || p !== point) return;
      armed = false;
      first.db.close();
      throw new Error(`crash at ${point}`);
    },
  });
  await first.service.start();
  await setup?.(first);
  await first.settle();
  armed = true;
  await act(first).catch(() => undefined);
  await first.adapter()?.close();
  open.splice(open.indexOf(first), 1);
  const second = harness(dir);
  const report = await second.service.start();
  return { second, report: report! };
}

const market: OrderRequestInput = { symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.3' };

describe('startup reconciliation after a crash', () => {
  it('withdraws an order journaled but never sent', async () => {
    const { second, report } = await crashAndRestart('after-created', (h) => h.service.submit(market));
    expect(report.withdrawn).toHaveLength(1);
    expect(report.withdrawn[0]).toMatchObject({ from: 'PENDING_SUBMIT', to: 'CANCELLED' });
    expect(second.exchange.openOrders()).toEqual([]);
    expect(second.service.list({})[0]?.reason).toMatch(/never sent|nothing reached the exchange/);
  });

  it('rejects, with the evidence, an order marked sent that never reached the exchange', async () => {
    const { report } = await crashAndRestart('after-submitted', (h) => h.service.submit(market));
    expect(report.resolved).toMatchObject([{ from: 'PENDING_SUBMIT', to: 'REJECTED' }]);
    expect(report.resolved[0]!.note).toMatch(/^never placed: 1 lookup/);
  });

  it('finds an order the exchange placed before the answer was recorded, with its fills and the portfolio', async () => {
    const { second, report } = await crashAndRestart('exchange-placed', (h) => h.service.submit(market));
    expect(report.resolved).toMatchObject([{ from: 'PENDING_SUBMIT', to: 'FILLED' }]);
    expect(report.balanceDifferences).toEqual([]);
    const [order] = second.service.list({});
    expect(order?.filled).toBe('0.3');
    expect(second.service.fills({})).toHaveLength(second.exchange.tradesSince(0).length);
  });

  it('records the fills of an accepted order whose reports were lost', async () => {
    const { second, report } = await crashAndRestart('after-accepted', (h) => h.service.submit(market));
    expect(report.resolved).toMatchObject([{ from: 'OPEN', to: 'FILLED' }]);
    expect(second.service.list({})[0]?.status).toBe('FILLED');
  });

  it('finishes a cancel that was asked for but never sent', async () => {
    const limit: OrderRequestInput = { symbol: 'ETH/USD', side: 'buy', type: 'limit', quantity: '1', price: '2000' };
    let id = '';
    const { second, report } = await crashAndRestart(
      'after-cancel-requested',
      (h) => h.service.cancel(id),
      async (h) => {
        id = (await h.service.submit(limit)).clientOrderId;
      },
    );
    expect(report.resolved).toMatchObject([{ clientOrderId: id, from: 'PENDING_CANCEL', to: 'CANCELLED' }]);
    expect(second.exchange.latestByClientId(id)?.status).toBe('canceled');
  });
});

describe('startup reconciliation against the exchange', () => {
  it('adopts and flags open orders it does not know, reports foreign trades and balance differences', async () => {
    const dir = tempDir();
    const h = harness(dir);
    await h.service.start();
    await h.close();
    open.splice(open.indexOf(h), 1);

    // Orders placed on the exchange by someone else (another app, the exchange's website).
    const outside = harness(dir);
    const book = await outside.feed.book('BTC/USD', 25);
    const rules = { fees: DEFAULT_FEES, slippageBps: Decimal.ZERO, priceStep: null };
    const place = (clientOrderId: string, type: 'limit' | 'market', price: string | null) =>
      outside.exchange.transact((tx) =>
        placeOrder(
          tx,
          {
            clientOrderId,
            symbol: 'BTC/USD',
            side: 'buy',
            type,
            quantity: Decimal.parse('0.01'),
            price: price ? Decimal.parse(price) : null,
            timeInForce: 'GTC',
          },
          oppositeLevels(book, 'buy'),
          rules,
          sched.clock.now(),
        ),
      );
    const resting = place('11111111-1111-4111-8111-111111111111', 'limit', '40000');
    place('22222222-2222-4222-8222-222222222222', 'market', null);
    // ...and a deposit the journal has not seen.
    outside.db
      .prepare(
        "INSERT INTO sim_exchange_balances (venue, currency, total) VALUES ('simulator', 'ETH', '1') ON CONFLICT DO UPDATE SET total = '1'",
      )
      .run();

    const report = (await outside.service.start())!;
    expect(report.adopted).toMatchObject([{ clientOrderId: '11111111-1111-4111-8111-111111111111', to: 'OPEN' }]);
    const adopted = outside.service.get(report.adopted[0]!.clientOrderId).order;
    expect(adopted).toMatchObject({
      exchangeOrderId: resting.order.exchangeOrderId,
      flags: { adopted: true, needsAttention: true },
    });
    expect(report.unmatchedTrades).toHaveLength(1);
    expect(report.balanceDifferences.map((d) => d.currency)).toEqual(['BTC', 'ETH', 'USD']);
    expect(report.balanceDifferences.find((d) => d.currency === 'ETH')).toMatchObject({
      exchange: '1',
      journal: '0',
      difference: '1',
    });
    expect(outside.audit.query({ kinds: ['orders.reconciled'] })[0]?.summary).toMatch(/1 adopted/);
    expect(outside.seen.reconciled).toHaveLength(1);
  });

  it('expires, at once, an order that fell due while the app was stopped', async () => {
    const dir = tempDir();
    const h = harness(dir);
    await h.service.start();
    const order = await h.service.submit({
      symbol: 'ETH/USD',
      side: 'buy',
      type: 'limit',
      quantity: '1',
      price: '2000',
      expiresInMs: 60_000,
    });
    await h.close();
    open.splice(open.indexOf(h), 1);
    sched.clock.set(sched.clock.now() + 120_000);
    const again = harness(dir);
    await again.service.start();
    sched.advance(0);
    await again.settle();
    const done = again.service.get(order.clientOrderId).order;
    expect(done.status).toBe('EXPIRED');
    expect(done.reason).toMatch(/^expired: it was to be cancelled at /);
    expect(again.exchange.latestByClientId(order.clientOrderId)?.status).toBe('canceled');
  });
});
