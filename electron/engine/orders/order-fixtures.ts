/**
 * Builders for tests (and for the lead's journal/adapter tests): orders in any status, fills,
 * and folding events. Pure; not used by production code.
 */
import type { OrderStatus } from '../../../shared/domain/orders.js';
import { Decimal, dec } from '../money/decimal.js';
import type { Fill, OrderCreated, OrderEvent } from './order-events.js';
import { type Order, initOrder } from './order-model.js';
import { applyOrderEvent } from './order-reducer.js';

export const TEST_ORDER_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
export const T0 = Date.UTC(2024, 0, 1);

export function created(overrides: Partial<OrderCreated> = {}): OrderCreated {
  return {
    type: 'OrderCreated',
    at: T0,
    clientOrderId: TEST_ORDER_ID,
    symbol: 'BTC/USD',
    side: 'buy',
    orderType: 'limit',
    quantity: dec('1'),
    price: dec('100'),
    timeInForce: 'GTC',
    ...overrides,
  };
}

export function newOrder(overrides: Partial<OrderCreated> = {}): Order {
  const result = initOrder(created(overrides));
  if (!result.ok) throw new Error(result.error.message);
  return result.order;
}

export function makeFill(tradeId: string, quantity: string, price: string, extra: Partial<Fill> = {}): Fill {
  return {
    tradeId,
    clientOrderId: TEST_ORDER_ID,
    exchangeOrderId: null,
    symbol: 'BTC/USD',
    side: 'buy',
    price: dec(price),
    quantity: dec(quantity),
    fee: Decimal.ZERO,
    feeCurrency: 'USD',
    liquidity: 'taker',
    time: T0,
    ...extra,
  };
}

/** Applies events in turn; throws on the first error (tests of the happy path read better this way). */
export function applyAll(order: Order, ...events: OrderEvent[]): Order {
  let current = order;
  for (const event of events) {
    const result = applyOrderEvent(current, event);
    if (!result.ok) throw new Error(result.error.message);
    current = result.order;
  }
  return current;
}

const at = (n: number) => T0 + n;
export const submitted = (n = 1): OrderEvent => ({ type: 'OrderSubmitted', at: at(n) });
export const accepted = (n = 2, exchangeOrderId: string | null = 'OX-1'): OrderEvent => ({
  type: 'OrderAccepted',
  at: at(n),
  exchangeOrderId,
});
export const partial = (fill: Fill, n = 3): OrderEvent => ({ type: 'OrderPartiallyFilled', at: at(n), fill });
export const filledBy = (fill: Fill, n = 3): OrderEvent => ({ type: 'OrderFilled', at: at(n), fill });

export type FixtureStart = OrderStatus | 'PENDING_SUBMIT_SENT' | 'PENDING_CANCEL_PARTIAL';

/** A limit buy of 1 @ 100 brought to `status` by a typical sequence of events (PENDING_CANCEL_PARTIAL: 0.4 filled). */
export function orderIn(status: FixtureStart): Order {
  const base = newOrder();
  const open = () => applyAll(base, submitted(), accepted());
  switch (status) {
    case 'PENDING_SUBMIT':
      return base;
    case 'PENDING_SUBMIT_SENT':
      return applyAll(base, submitted());
    case 'OPEN':
      return open();
    case 'PARTIALLY_FILLED':
      return applyAll(open(), partial(makeFill('T-1', '0.4', '100')));
    case 'FILLED':
      return applyAll(open(), filledBy(makeFill('T-1', '1', '100')));
    case 'PENDING_CANCEL':
      return applyAll(open(), { type: 'OrderCancelRequested', at: at(4) });
    case 'PENDING_CANCEL_PARTIAL':
      return applyAll(orderIn('PARTIALLY_FILLED'), { type: 'OrderCancelRequested', at: at(4) });
    case 'CANCELLED':
      return applyAll(open(), { type: 'OrderCancelled', at: at(5), reason: 'user' });
    case 'REJECTED':
      return applyAll(base, submitted(), { type: 'OrderRejected', at: at(2), reason: 'EOrder:Insufficient funds' });
    case 'EXPIRED':
      return applyAll(open(), { type: 'OrderExpired', at: at(5) });
    case 'UNKNOWN':
      return applyAll(base, submitted(), { type: 'OrderOutcomeUnknown', at: at(2), error: 'timeout' });
  }
}
