import { describe, expect, it } from 'vitest';
import { dec } from '../money/decimal.js';
import { T0, accepted, applyAll, filledBy, makeFill, newOrder, orderIn, partial, submitted } from './order-fixtures.js';
import { averageFillPrice, fillEventFor, remaining } from './order-model.js';
import { applyOrderEvent } from './order-reducer.js';

const open = () => orderIn('OPEN');

describe('fills: accumulation and exact average price', () => {
  it('three partial fills at 100.1, 100.2 and 100.3 average exactly 100.2', () => {
    const order = applyAll(
      newOrder({ quantity: dec('0.9') }),
      submitted(),
      accepted(),
      partial(makeFill('T-1', '0.3', '100.1'), 3),
      partial(makeFill('T-2', '0.3', '100.2'), 4),
      filledBy(makeFill('T-3', '0.3', '100.3'), 5),
    );
    expect(order.status).toBe('FILLED');
    expect(order.filled.toString()).toBe('0.9');
    expect(order.notional.toString()).toBe('90.18'); // 30.03 + 30.06 + 30.09
    expect(averageFillPrice(order)?.toString()).toBe('100.2');
    expect(remaining(order).isZero()).toBe(true);
  });

  it('keeps notional and filled exact when the average does not terminate', () => {
    // 1 @ 100.1 + 2 @ 100.2 = 300.5 for 3 -> 100.1666...
    const order = applyAll(
      newOrder({ quantity: dec('3') }),
      submitted(),
      accepted(),
      partial(makeFill('T-1', '1', '100.1')),
      filledBy(makeFill('T-2', '2', '100.2')),
    );
    expect(order.notional.toString()).toBe('300.5');
    expect(averageFillPrice(order)?.toString()).toBe('100.166666666666666667');
    expect(averageFillPrice(order, 2)?.toString()).toBe('100.17');
  });

  it('accumulates fees per currency', () => {
    const order = applyAll(
      open(),
      partial(makeFill('T-1', '0.5', '100', { fee: dec('0.13') })),
      filledBy(makeFill('T-2', '0.5', '100', { fee: dec('0.0001'), feeCurrency: 'BTC' })),
    );
    expect(order.fees.USD?.toString()).toBe('0.13');
    expect(order.fees.BTC?.toString()).toBe('0.0001');
  });

  it('picks OrderFilled or OrderPartiallyFilled with fillEventFor', () => {
    const order = open();
    expect(fillEventFor(order, makeFill('T-1', '0.4', '100'), T0).type).toBe('OrderPartiallyFilled');
    expect(fillEventFor(order, makeFill('T-1', '1', '100'), T0).type).toBe('OrderFilled');
  });
});

describe('fills: de-duplication, over-fills and mismatches', () => {
  it('a repeated trade id is a no-op reported as duplicate', () => {
    const once = applyAll(open(), partial(makeFill('T-1', '0.4', '100')));
    const again = applyOrderEvent(once, partial(makeFill('T-1', '0.4', '100', { time: T0 + 99 }), 9));
    expect(again).toEqual({ ok: true, order: once, outcome: 'duplicate' });
    expect(once.filled.toString()).toBe('0.4');
    // A duplicate after the order completed is still a duplicate, not an over-fill.
    const done = applyAll(once, filledBy(makeFill('T-2', '0.6', '100')));
    expect(applyOrderEvent(done, filledBy(makeFill('T-2', '0.6', '100')))).toMatchObject({ outcome: 'duplicate' });
  });

  it('a repeated trade id with different terms is refused', () => {
    const once = applyAll(open(), partial(makeFill('T-1', '0.4', '100')));
    const result = applyOrderEvent(once, partial(makeFill('T-1', '0.5', '100')));
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICTING_FILL' } });
  });

  it('refuses an over-fill and leaves the order as it was', () => {
    const order = applyAll(open(), partial(makeFill('T-1', '0.7', '100')));
    const result = applyOrderEvent(order, filledBy(makeFill('T-2', '0.30000001', '100')));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('OVERFILL');
      expect(result.error.message).toContain('1.00000001 of 1');
    }
    expect(order.filled.toString()).toBe('0.7');
  });

  it('refuses an OrderFilled that leaves quantity open (a fill is missing) and a partial that completes', () => {
    const short = applyOrderEvent(open(), filledBy(makeFill('T-1', '0.4', '100')));
    expect(short).toMatchObject({ ok: false, error: { code: 'FILL_MISMATCH' } });
    if (!short.ok) expect(short.error.message).toMatch(/0.6 is still open/);
    const completes = applyOrderEvent(open(), partial(makeFill('T-1', '1', '100')));
    expect(completes).toMatchObject({ ok: false, error: { code: 'FILL_MISMATCH' } });
  });

  it.each([
    ['another order', { clientOrderId: '11111111-1111-4111-8111-111111111111' }],
    ['another symbol', { symbol: 'ETH/USD' }],
    ['the other side', { side: 'sell' as const }],
    ['a zero quantity', { quantity: dec('0') }],
    ['a negative price', { price: dec('-1') }],
    ['no trade id', { tradeId: '' }],
    ['no fee currency', { feeCurrency: '' }],
    ['a float time', { time: 1.5 }],
  ])('refuses a fill for %s', (_label, extra) => {
    const result = applyOrderEvent(open(), partial(makeFill('T-1', '0.1', '100', extra)));
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_EVENT' } });
  });

  it('refuses a fill naming a different exchange order', () => {
    const result = applyOrderEvent(open(), partial(makeFill('T-1', '0.1', '100', { exchangeOrderId: 'OX-2' })));
    expect(result).toMatchObject({ ok: false, error: { code: 'EXCHANGE_ID_MISMATCH' } });
  });
});

describe('fills: races with cancels, expiries and acceptance', () => {
  it('a partial fill while a cancel is pending keeps PENDING_CANCEL; the cancel then ends it', () => {
    const pending = orderIn('PENDING_CANCEL');
    const raced = applyAll(pending, partial(makeFill('T-1', '0.25', '100'), 5));
    expect(raced.status).toBe('PENDING_CANCEL');
    expect(applyOrderEvent(raced, { type: 'OrderCancelRequested', at: T0 + 6 })).toMatchObject({
      outcome: 'duplicate',
    });
    const done = applyAll(raced, { type: 'OrderCancelled', at: T0 + 7 });
    expect(done.status).toBe('CANCELLED');
    expect(done.filled.toString()).toBe('0.25');
  });

  it('a late fill after CANCELLED is recorded, the order stays CANCELLED, the timeline says why', () => {
    const cancelled = orderIn('CANCELLED');
    const late = applyAll(cancelled, partial(makeFill('T-7', '0.3', '99.5'), 10));
    expect(late.status).toBe('CANCELLED');
    expect(late.filled.toString()).toBe('0.3');
    expect(late.fills.map((f) => f.tradeId)).toEqual(['T-7']);
    expect(late.timeline.at(-1)).toEqual({
      status: 'CANCELLED',
      at: T0 + 10,
      reason: 'late fill 0.3 @ 99.5 (trade T-7) after CANCELLED',
    });
  });

  it('a late fill that completes a cancelled or expired order makes it FILLED', () => {
    for (const start of ['CANCELLED', 'EXPIRED'] as const) {
      const done = applyAll(orderIn(start), filledBy(makeFill('T-8', '1', '100'), 10));
      expect(done.status).toBe('FILLED');
      expect(done.timeline.at(-1)?.reason).toContain(`after ${start}`);
    }
  });

  it('fills may arrive before the acceptance, which then only adds the exchange id', () => {
    const sent = applyAll(newOrder(), submitted());
    const filledFirst = applyAll(sent, partial(makeFill('T-1', '0.5', '100')));
    expect(filledFirst.status).toBe('PARTIALLY_FILLED');
    expect(filledFirst.exchangeOrderId).toBeNull();
    const acceptedLate = applyAll(filledFirst, accepted(4, 'OX-9'));
    expect(acceptedLate.status).toBe('PARTIALLY_FILLED');
    expect(acceptedLate.exchangeOrderId).toBe('OX-9');
    expect(applyOrderEvent(acceptedLate, accepted(5, 'OX-8'))).toMatchObject({
      ok: false,
      error: { code: 'EXCHANGE_ID_MISMATCH' },
    });
  });

  it("learns the exchange id from a fill's report", () => {
    const sent = applyAll(newOrder(), submitted());
    const order = applyAll(sent, filledBy(makeFill('T-1', '1', '100', { exchangeOrderId: 'OX-5' })));
    expect(order.exchangeOrderId).toBe('OX-5');
  });
});
