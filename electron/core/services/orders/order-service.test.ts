import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/ipc/envelope.js';
import { createModelFeed } from '../../../adapters/execution/testing/model-feed.js';
import { createManualScheduler } from '../../../engine/scheduler.js';
import { Decimal } from '../../../engine/money/decimal.js';
import { type Harness, type HarnessOptions, createHarness } from './testing/order-harness.js';

const dirs: string[] = [];
const open: Harness[] = [];

function harness(extra: Partial<HarnessOptions> = {}, dir?: string): Harness {
  const d = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tw-orders-'));
  if (!dir) dirs.push(d);
  const sched = createManualScheduler(Date.UTC(2025, 0, 1));
  const h = createHarness({
    dir: d,
    clock: sched.clock,
    scheduler: sched,
    feed: createModelFeed({ clock: sched.clock }),
    ...extra,
  });
  open.push(h);
  return h;
}

afterEach(async () => {
  for (const h of open.splice(0)) await h.close().catch(() => undefined);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('order service on the simulated exchange', () => {
  it('fills a market buy against the book with the taker fee and slippage, and moves the portfolio', async () => {
    const h = harness();
    await h.service.start();
    const book = await h.feed.book('BTC/USD', 1);
    const order = await h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.1' });
    expect(order.status).toBe('OPEN');
    await h.settle();
    const detail = h.service.get(order.clientOrderId);
    expect(detail.order.status).toBe('FILLED');
    expect(detail.order.filled).toBe('0.1');
    const fill = detail.fills[0]!;
    // 1 bp of slippage above the best ask, rounded up to the 0.1 price step.
    const ask = Decimal.fromNumber(book.asks[0]![0]);
    expect(Decimal.parse(fill.price).gte(ask)).toBe(true);
    expect(Decimal.parse(fill.price).lte(ask.mul('1.0002'))).toBe(true);
    expect(fill.liquidity).toBe('taker');
    // Taker fee 0.26 % of the value, rounded up to 8 digits.
    const value = Decimal.parse(fill.price).mul(fill.quantity);
    expect(fill.fee).toBe(value.mul('0.0026').round(8, 'ceil').toString());
    const portfolio = await h.service.portfolio();
    const usd = portfolio.balances.find((b) => b.currency === 'USD')!;
    expect(usd.total).toBe(Decimal.parse('1000000').sub(value).sub(fill.fee).toString());
    expect(portfolio.positions[0]).toMatchObject({ symbol: 'BTC/USD', quantity: '0.1' });
    // Journal: the intent, the send, the answer, the fill; one fills row; the audit entry.
    const types = h.db
      .prepare('SELECT type FROM order_events WHERE client_order_id = ? ORDER BY seq')
      .all(order.clientOrderId)
      .map((r) => (r as { type: string }).type);
    expect(types).toEqual(['OrderCreated', 'OrderSubmitted', 'OrderAccepted', 'OrderFilled']);
    expect(h.audit.query({ kinds: ['order.submitted'] })).toHaveLength(1);
    expect(h.seen.fills.map((f) => f.tradeId)).toEqual([fill.tradeId]);
    expect(h.seen.orders.at(-1)?.status).toBe('FILLED');
  });

  it('turns a quote amount into a quantity at the best ask, on the amount step', async () => {
    const h = harness();
    await h.service.start();
    const ask = Decimal.fromNumber((await h.feed.book('ETH/USD', 1)).asks[0]![0]);
    const order = await h.service.submit({ symbol: 'ETH/USD', side: 'buy', type: 'market', quoteAmount: '1000' });
    const expected = Decimal.parse('1000').div(ask.mul('0.000001'), { scale: 0, rounding: 'down' }).mul('0.000001');
    expect(order.quantity).toBe(expected.toString());
  });

  it('rests a limit order, fills it as a maker when the price crosses, a large one in parts', async () => {
    const h = harness();
    await h.service.start();
    h.feed.setMid('BTC/USD', 60_000);
    const order = await h.service.submit({
      symbol: 'BTC/USD',
      side: 'buy',
      type: 'limit',
      quantity: '5',
      price: '59000',
    });
    await h.settle();
    expect(h.service.get(order.clientOrderId).order.status).toBe('OPEN');
    h.feed.setMid('BTC/USD', 58_985);
    h.feed.tick();
    await h.settle();
    const partly = h.service.get(order.clientOrderId);
    expect(partly.order.status).toBe('PARTIALLY_FILLED');
    expect(partly.fills.every((f) => f.price === '59000' && f.liquidity === 'maker')).toBe(true);
    h.feed.setMid('BTC/USD', 58_000);
    for (let i = 0; i < 20 && h.service.get(order.clientOrderId).order.status !== 'FILLED'; i++) {
      h.feed.tick();
      await h.settle();
    }
    const done = h.service.get(order.clientOrderId);
    expect(done.order.status).toBe('FILLED');
    expect(done.fills.length).toBeGreaterThan(1);
    const fee = done.fills.reduce((sum, f) => sum.add(f.fee), Decimal.ZERO);
    expect(fee.toString()).toBe(
      Decimal.sum(
        done.fills.map((f) => Decimal.parse(f.price).mul(f.quantity).mul('0.0016').round(8, 'ceil')),
      ).toString(),
    );
  });

  it('fills a market order as far as the book goes and cancels the rest', async () => {
    const h = harness({ balances: { USD: Decimal.parse('100000000') } });
    await h.service.start();
    const order = await h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '500' });
    await h.settle();
    const done = h.service.get(order.clientOrderId).order;
    expect(done.status).toBe('CANCELLED');
    expect(Decimal.parse(done.filled).isPositive()).toBe(true);
    expect(Decimal.parse(done.filled).lt(500)).toBe(true);
    expect(done.reason).toMatch(/the book ran out after/);
  });

  it('refuses an order the risk gate vetoes, audits the veto and journals nothing', async () => {
    const h = harness({
      riskGate: (intent) =>
        intent.notional.gt(1000)
          ? { approved: false, rule: 'max_order_value', detail: 'above 1000 USD' }
          : { approved: true },
    });
    await h.service.start();
    const error = await rejection(
      h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.1' }),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('order refused by the risk rule "max_order_value": above 1000 USD');
    expect(h.audit.query({ kinds: ['risk.veto'] })[0]?.details).toMatchObject({ rule: 'max_order_value' });
    expect(h.service.list({})).toEqual([]);
  });

  it('refuses quantities off the amount step or below the minimum, with the fix in the message', async () => {
    const h = harness();
    await h.service.start();
    const off = await rejection(
      h.service.submit({ symbol: 'SOL/USD', side: 'buy', type: 'market', quantity: '1.00005' }),
    );
    expect(off.message).toMatch(/not a multiple of SOL\/USD's amount step 0.0001: use 1/);
    const small = await rejection(
      h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.00001' }),
    );
    expect(small.message).toMatch(/the smallest BTC\/USD order is 0.0001 BTC/);
    const unknown = await rejection(
      h.service.submit({ symbol: 'DOGE/USD', side: 'buy', type: 'market', quantity: '1' }),
    );
    expect(unknown.code).toBe('invalid_input');
  });

  it('records an order the exchange refuses (insufficient funds) as REJECTED with its reason', async () => {
    const h = harness({ balances: { USD: Decimal.parse('100') } });
    await h.service.start();
    const order = await h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.1' });
    expect(order.status).toBe('REJECTED');
    expect(order.reason).toMatch(/EOrder:Insufficient funds/);
    expect(h.exchange.latestByClientId(order.clientOrderId)).toBeNull();
  });

  it('cancels a resting order on the exchange and audits it', async () => {
    const h = harness();
    await h.service.start();
    const order = await h.service.submit({
      symbol: 'ETH/USD',
      side: 'buy',
      type: 'limit',
      quantity: '1',
      price: '2000',
    });
    const cancelled = await h.service.cancel(order.clientOrderId);
    expect(cancelled.status).toBe('CANCELLED');
    expect(h.exchange.latestByClientId(order.clientOrderId)?.status).toBe('canceled');
    expect(h.audit.query({ kinds: ['order.cancelled'] })).toHaveLength(1);
    const again = await rejection(h.service.cancel(order.clientOrderId));
    expect(again.message).toMatch(/already CANCELLED/);
  });

  it('keeps orders, fills and the portfolio across a restart, and reconciles cleanly', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-orders-'));
    dirs.push(dir);
    const first = harness({}, dir);
    await first.service.start();
    await first.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.2' });
    const resting = await first.service.submit({
      symbol: 'BTC/USD',
      side: 'sell',
      type: 'limit',
      quantity: '0.1',
      price: '70000',
    });
    await first.settle();
    const before = await first.service.portfolio();
    await first.close();
    open.splice(open.indexOf(first), 1);

    const second = harness({}, dir);
    const report = await second.service.start();
    expect(report).toMatchObject({
      checked: 1,
      resolved: [],
      withdrawn: [],
      adopted: [],
      balanceDifferences: [],
      problems: [],
    });
    expect(second.service.list({ scope: 'open' }).map((o) => o.clientOrderId)).toEqual([resting.clientOrderId]);
    const after = await second.service.portfolio();
    expect(after.balances).toEqual(before.balances);
    expect(after.positions.map((p) => p.quantity)).toEqual(before.positions.map((p) => p.quantity));
  });
});
