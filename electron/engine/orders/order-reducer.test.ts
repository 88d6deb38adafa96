import { describe, expect, it } from 'vitest';
import { OrderView } from '../../../shared/domain/orders.js';
import { dec } from '../money/decimal.js';
import type { OrderAdopted, OrderEvent } from './order-events.js';
import {
  T0,
  TEST_ORDER_ID,
  accepted,
  applyAll,
  created,
  filledBy,
  makeFill,
  newOrder,
  orderIn,
  partial,
  submitted,
} from './order-fixtures.js';
import { LOST_AFTER_NOT_FOUND, initOrder, isPossiblyLost, quantityFromQuote } from './order-model.js';
import { applyOrderEvent, replayOrder } from './order-reducer.js';
import { toFillView, toOrderView } from './order-view.js';

describe('creating orders', () => {
  it('starts a new order in PENDING_SUBMIT, not yet sent', () => {
    const order = newOrder();
    expect(order).toMatchObject({ status: 'PENDING_SUBMIT', submittedAt: null, exchangeOrderId: null, adopted: false });
    expect(order.timeline).toEqual([{ status: 'PENDING_SUBMIT', at: T0, reason: null }]);
  });

  it.each([
    ['a zero quantity', { quantity: dec('0') }, /quantity must be above zero/],
    ['a limit without price', { price: null }, /limit order needs a price/],
    ['a market with price', { orderType: 'market' as const }, /market order takes no price/],
    ['a stop loss without trigger', { orderType: 'stop_loss' as const }, /needs a stop price/],
    [
      'a trailing stop of 100 %',
      { orderType: 'trailing_stop' as const, price: null, trailPercent: dec('100') },
      /trail percent/,
    ],
    ['an IOC with an expiry', { timeInForce: 'IOC' as const, expiresAt: T0 + 1000 }, /expiry needs GTC/],
    ['an expiry in the past', { expiresAt: T0 - 1 }, /after the order is created/],
    ['a symbol without quote', { symbol: 'BTC' }, /not a symbol/],
    ['a non-UUID client id', { clientOrderId: 'my-order-1' }, /UUID client order id/],
    ['a float time', { at: 1.5 }, /UTC milliseconds/],
  ])('refuses %s with a clear message', (_label, overrides, message) => {
    const result = initOrder(created(overrides));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_EVENT');
      expect(result.error.message).toMatch(message);
    }
  });

  it('accepts engine-managed orders, armed in the engine without an exchange id', () => {
    const stop = newOrder({ orderType: 'stop_loss', side: 'sell', price: null, stopPrice: dec('95') });
    const armed = applyAll(stop, submitted(), accepted(2, null));
    expect(armed.status).toBe('OPEN');
    expect(armed.timeline[1]?.reason).toBe('armed in the engine');
    const trailing = newOrder({ orderType: 'trailing_stop', price: null, trailPercent: dec('2.5') });
    expect(trailing.trailPercent?.toString()).toBe('2.5');
  });

  it('adopts an order found on the exchange as OPEN and flags it adopted', () => {
    const event: OrderAdopted = {
      type: 'OrderAdopted',
      at: T0,
      clientOrderId: 'OQCLML-BW3P3-BUCMWZ',
      exchangeOrderId: 'OQCLML-BW3P3-BUCMWZ',
      symbol: 'BTC/USD',
      side: 'sell',
      orderType: 'limit',
      quantity: dec('0.5'),
      price: dec('70000'),
      timeInForce: 'GTC',
    };
    const result = initOrder(event);
    expect(result).toMatchObject({ ok: true, order: { status: 'OPEN', adopted: true, submittedAt: T0 } });
    expect(initOrder({ ...event, exchangeOrderId: '' })).toMatchObject({ ok: false });
  });

  it('converts a quote amount to a quantity on the amount step, never overspending', () => {
    // 100 USD at 60000.1 = 0.001666664...; step 0.0001 -> 0.0016 (down), 0.0017 (up)
    expect(quantityFromQuote(dec('100'), dec('60000.1'), dec('0.0001')).toString()).toBe('0.0016');
    expect(quantityFromQuote(dec('100'), dec('60000.1'), dec('0.0001'), 'up').toString()).toBe('0.0017');
  });
});

describe('submitting: never sent twice', () => {
  it('records the send once; a second OrderSubmitted is refused', () => {
    const sent = applyAll(newOrder(), submitted(1));
    expect(sent.submittedAt).toBe(T0 + 1);
    expect(sent.timeline.at(-1)).toEqual({ status: 'PENDING_SUBMIT', at: T0 + 1, reason: 'sent to the exchange' });
    const again = applyOrderEvent(sent, submitted(2));
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_SUBMITTED' } });
  });

  it('withdraws an order that was never sent', () => {
    const withdrawn = applyAll(newOrder(), { type: 'OrderCancelled', at: T0 + 1 });
    expect(withdrawn).toMatchObject({ status: 'CANCELLED', reason: 'withdrawn before it was sent' });
    expect(applyOrderEvent(withdrawn, submitted(2)).ok).toBe(false);
  });

  it('refuses an acceptance without exchange id for an exchange order (its outcome is unknown)', () => {
    const result = applyOrderEvent(orderIn('PENDING_SUBMIT_SENT'), accepted(2, null));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/look the order up by client id/);
  });
});

describe('unknown outcomes and lost orders', () => {
  it('after repeated not-found answers the order needs attention but stays UNKNOWN', () => {
    let order = orderIn('UNKNOWN');
    for (let i = 1; i <= LOST_AFTER_NOT_FOUND; i++) {
      expect(order.needsAttention).toBe(false);
      order = applyAll(order, { type: 'OrderNotFound', at: T0 + 10 + i });
      expect(order.notFoundCount).toBe(i);
    }
    expect(order).toMatchObject({ status: 'UNKNOWN', needsAttention: true });
    expect(order.lastError).toMatch(/not found on the exchange after 3 lookups/);
    expect(isPossiblyLost(order)).toBe(true);
    // It turns up after all: the count resets, the flag stays for a human to clear.
    const found = applyAll(order, accepted(20));
    expect(found).toMatchObject({ status: 'OPEN', notFoundCount: 0, needsAttention: true });
    const cleared = applyAll(found, { type: 'OrderAttentionCleared', at: T0 + 21 });
    expect(cleared.needsAttention).toBe(false);
  });

  it('a repeated outcome-unknown keeps UNKNOWN and records the latest error', () => {
    const order = applyAll(orderIn('UNKNOWN'), { type: 'OrderOutcomeUnknown', at: T0 + 9, error: 'HTTP 502' });
    expect(order).toMatchObject({ status: 'UNKNOWN', lastError: 'HTTP 502' });
  });

  it('can be flagged for attention in any status, even a terminal one', () => {
    const order = applyAll(orderIn('FILLED'), {
      type: 'OrderAttentionRequired',
      at: T0 + 9,
      reason: 'portfolio refused',
    });
    expect(order).toMatchObject({ status: 'FILLED', needsAttention: true, lastError: 'portfolio refused' });
  });
});

describe('the reducer never throws', () => {
  const garbage: unknown[] = [
    null,
    42,
    { type: 'Nonsense', at: T0 },
    { type: 'OrderSubmitted', at: Number.NaN },
    { type: 'OrderSubmitted', at: -1 },
    { type: 'OrderFilled', at: T0 },
    {
      type: 'OrderFilled',
      at: T0,
      fill: { tradeId: 'T', clientOrderId: TEST_ORDER_ID, symbol: 'BTC/USD', side: 'buy', price: 100 },
    },
    { type: 'OrderPartiallyFilled', at: T0, fill: { ...makeFill('T', '1', '1'), quantity: '0.5' } },
  ];
  it.each(garbage.map((g) => [JSON.stringify(g) ?? String(g), g]))('answers INVALID_EVENT for %s', (_label, event) => {
    const result = applyOrderEvent(orderIn('OPEN'), event as OrderEvent);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_EVENT' } });
  });
});

describe('journal replay', () => {
  const events: OrderEvent[] = [
    submitted(1),
    accepted(2),
    partial(makeFill('T-1', '0.4', '100'), 3),
    partial(makeFill('T-1', '0.4', '100'), 4), // a duplicate report
    filledBy(makeFill('T-2', '0.6', '101'), 5),
  ];

  it('rebuilds the same order from its events', () => {
    const live = applyAll(newOrder(), ...events);
    const replayed = replayOrder(created(), events);
    expect(replayed).toEqual({ ok: true, order: live, appliedCount: 4 });
  });

  it('stops at the first event it cannot apply and says which', () => {
    const bad = [...events.slice(0, 2), filledBy(makeFill('T-3', '2', '100'), 3)];
    expect(replayOrder(created(), bad)).toMatchObject({ ok: false, index: 2, error: { code: 'OVERFILL' } });
    expect(replayOrder(created({ quantity: dec('-1') }), [])).toMatchObject({ ok: false, index: -1 });
  });
});

describe('views for the contract', () => {
  it('renders an order with decimal strings that satisfy the OrderView schema', () => {
    const order = applyAll(
      orderIn('OPEN'),
      partial(makeFill('T-1', '0.3', '100.1', { fee: dec('0.078078'), exchangeOrderId: 'OX-1' })),
    );
    const view = toOrderView(order);
    expect(OrderView.parse(view)).toEqual(view);
    expect(view).toMatchObject({
      status: 'PARTIALLY_FILLED',
      filled: '0.3',
      remaining: '0.7',
      averageFillPrice: '100.1',
      fees: [{ currency: 'USD', amount: '0.078078' }],
      flags: { adopted: false, needsAttention: false },
    });
    expect(toFillView(order.fills[0]!)).toMatchObject({ tradeId: 'T-1', price: '100.1', quantity: '0.3' });
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });
});
