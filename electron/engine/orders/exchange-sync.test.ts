import { describe, expect, it } from 'vitest';
import { dec } from '../money/decimal.js';
import type { ExchangeOrder } from './execution-port.js';
import { agreesWithExchange, syncWithExchange } from './exchange-sync.js';
import { T0, applyAll, makeFill, newOrder } from './order-fixtures.js';

const unknown = () =>
  applyAll(
    newOrder(),
    { type: 'OrderSubmitted', at: T0 },
    { type: 'OrderOutcomeUnknown', at: T0 + 1, error: 'timeout' },
  );
const exchange = (over: Partial<ExchangeOrder>): ExchangeOrder => ({
  exchangeOrderId: 'X1',
  clientOrderId: null,
  symbol: 'BTC/USD',
  side: 'buy',
  type: 'limit',
  status: 'open',
  quantity: dec('1'),
  filled: dec('0'),
  price: dec('100'),
  averagePrice: null,
  timestamp: T0,
  ...over,
});

describe('syncing an order with the exchange', () => {
  it('resolves an unknown order the exchange filled: its id, its fills oldest first, FILLED', () => {
    const fills = [makeFill('T2', '0.6', '100', { time: T0 + 5 }), makeFill('T1', '0.4', '100', { time: T0 + 2 })];
    const result = syncWithExchange(unknown(), exchange({ status: 'closed', filled: dec('1') }), fills, T0 + 9);
    expect(result.problems).toEqual([]);
    expect(result.events.map((e) => e.type)).toEqual(['OrderAccepted', 'OrderPartiallyFilled', 'OrderFilled']);
    expect(result.order).toMatchObject({ status: 'FILLED', exchangeOrderId: 'X1' });
    expect(agreesWithExchange(result.order, exchange({ status: 'closed', filled: dec('1') }))).toBe(true);
  });

  it('applies nothing twice and ends a cancelled order', () => {
    const once = syncWithExchange(
      unknown(),
      exchange({ status: 'open', filled: dec('0.4') }),
      [makeFill('T1', '0.4', '100')],
      T0 + 3,
    ).order;
    const again = syncWithExchange(
      once,
      exchange({ status: 'canceled', filled: dec('0.4') }),
      [makeFill('T1', '0.4', '100')],
      T0 + 4,
    );
    expect(again.events.map((e) => e.type)).toEqual(['OrderCancelled']);
    expect(again.order).toMatchObject({ status: 'CANCELLED', reason: 'cancelled on the exchange' });
  });

  it('reports what cannot be reconciled instead of forcing it', () => {
    const missing = syncWithExchange(unknown(), exchange({ status: 'closed', filled: dec('1') }), [], T0 + 3);
    expect(missing.problems.join(' ')).toMatch(/reports 1 filled.*add up to 0: fills are missing/);
    const rejected = applyAll(
      newOrder(),
      { type: 'OrderSubmitted', at: T0 },
      { type: 'OrderRejected', at: T0 + 1, reason: 'x' },
    );
    expect(syncWithExchange(rejected, exchange({}), [], T0 + 2).problems).toHaveLength(1);
  });
});
