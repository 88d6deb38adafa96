import { describe, expect, it } from 'vitest';
import { dec } from '../money/decimal.js';
import { decodeOrderCreation, decodeOrderEvent, encodeOrderEvent } from './order-codec.js';
import type { OrderAdopted, OrderEvent } from './order-events.js';
import { T0, accepted, created, filledBy, makeFill, partial, submitted } from './order-fixtures.js';
import { replayOrder } from './order-reducer.js';

const journal: OrderEvent[] = [
  submitted(1),
  accepted(2),
  partial(makeFill('T-1', '0.4', '100.1', { fee: dec('-0.0001'), exchangeOrderId: 'OX-1', liquidity: 'maker' }), 3),
  { type: 'OrderCancelRequested', at: T0 + 4 },
  { type: 'OrderCancelRejected', at: T0 + 5, reason: 'busy' },
  { type: 'OrderOutcomeUnknown', at: T0 + 6, error: 'timeout' },
  { type: 'OrderNotFound', at: T0 + 7 },
  { type: 'OrderAttentionRequired', at: T0 + 8, reason: 'look' },
  { type: 'OrderAttentionCleared', at: T0 + 9 },
  filledBy(makeFill('T-2', '0.6', '100.3'), 10),
];

describe('order events as journal text', () => {
  it('round-trips every event exactly, and the replay of decoded events gives the same order', () => {
    const decoded = journal.map((e) => {
      const text = encodeOrderEvent(e);
      const result = decodeOrderEvent(text);
      if (!result.ok) throw new Error(result.error);
      return result.value;
    });
    expect(decoded).toEqual(journal);
    expect(encodeOrderEvent(journal[2]!)).toContain('"price":"100.1"');
    const creation = decodeOrderCreation(encodeOrderEvent(created()));
    expect(creation).toEqual({ ok: true, value: created() });
    expect(replayOrder(created(), decoded)).toEqual(replayOrder(created(), journal));
  });

  it('round-trips an adoption', () => {
    const adopted: OrderAdopted = {
      type: 'OrderAdopted',
      at: T0,
      clientOrderId: 'abc',
      exchangeOrderId: 'OX-7',
      symbol: 'ETH/USD',
      side: 'sell',
      orderType: 'limit',
      quantity: dec('2'),
      price: dec('3000.5'),
      timeInForce: 'GTC',
    };
    expect(decodeOrderCreation(encodeOrderEvent(adopted))).toEqual({ ok: true, value: adopted });
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['an unknown type', '{"type":"OrderExploded","at":1}', /type/],
    [
      'a float price',
      JSON.stringify({
        ...JSON.parse(encodeOrderEvent(journal[2]!)),
        fill: { ...JSON.parse(encodeOrderEvent(journal[2]!)).fill, price: 100.1 },
      }),
      /fill.price/,
    ],
    ['a negative time', '{"type":"OrderSubmitted","at":-5}', /at/],
  ])('refuses %s with a message', (_label, text, message) => {
    const result = decodeOrderEvent(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});
