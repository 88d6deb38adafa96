/**
 * The events that bring an order in line with what the exchange reports about it (a lookup by
 * client order id, or an entry of the open orders): its exchange id, the fills we have not
 * recorded (by trade id, oldest first) and its end (cancelled, expired, rejected). Pure.
 *
 * Every event is tried on the order as it would be after the previous ones, so only events the
 * reducer accepts are returned; what cannot be reconciled (the exchange has fills we rejected,
 * says "closed" without the trades to show for it) is returned as a problem for a human.
 */
import type { ExchangeOrder } from './execution-port.js';
import type { Fill, OrderEvent } from './order-events.js';
import { type Order, fillEventFor } from './order-model.js';
import { applyOrderEvent } from './order-reducer.js';

export type SyncResult = { events: OrderEvent[]; order: Order; problems: string[] };

function byTime(a: Fill, b: Fill): number {
  return a.time - b.time || (a.tradeId < b.tradeId ? -1 : a.tradeId > b.tradeId ? 1 : 0);
}

export function syncWithExchange(
  order: Order,
  exchange: ExchangeOrder,
  fills: readonly Fill[],
  at: number,
): SyncResult {
  const events: OrderEvent[] = [];
  const problems: string[] = [];
  let current = order;
  const push = (event: OrderEvent) => {
    const result = applyOrderEvent(current, event);
    if (!result.ok) {
      problems.push(result.error.message);
      return;
    }
    if (result.outcome === 'applied') {
      events.push(event);
      current = result.order;
    }
  };

  if (exchange.status !== 'rejected') push({ type: 'OrderAccepted', at, exchangeOrderId: exchange.exchangeOrderId });

  const known = new Set(current.fills.map((f) => f.tradeId));
  for (const fill of [...fills].sort(byTime)) {
    if (known.has(fill.tradeId)) continue;
    const own: Fill = {
      ...fill,
      clientOrderId: order.clientOrderId,
      exchangeOrderId: fill.exchangeOrderId ?? exchange.exchangeOrderId,
    };
    push(fillEventFor(current, own, Math.max(fill.time, 0)));
    known.add(fill.tradeId);
  }

  if (exchange.filled.gt(current.filled)) {
    problems.push(
      `order ${order.clientOrderId}: the exchange reports ${exchange.filled.toString()} filled, the trades it returned ` +
        `add up to ${current.filled.toString()}: fills are missing`,
    );
  }
  switch (exchange.status) {
    case 'open':
      break;
    case 'closed':
      if (current.status !== 'FILLED' && exchange.filled.lt(exchange.quantity) && !exchange.filled.isZero()) {
        push({ type: 'OrderCancelled', at, reason: 'closed on the exchange before it filled completely' });
      }
      break;
    case 'canceled':
      push({ type: 'OrderCancelled', at, reason: 'cancelled on the exchange' });
      break;
    case 'expired':
      push({ type: 'OrderExpired', at, reason: 'expired on the exchange' });
      break;
    case 'rejected':
      push({ type: 'OrderRejected', at, reason: 'rejected by the exchange' });
      break;
  }
  return { events, order: current, problems };
}

/** The exchange's view and ours agree on the status (open/closed/cancelled) and the filled quantity. */
export function agreesWithExchange(order: Order, exchange: Pick<ExchangeOrder, 'status' | 'filled'>): boolean {
  if (!order.filled.eq(exchange.filled)) return false;
  switch (exchange.status) {
    case 'open':
      return ['OPEN', 'PARTIALLY_FILLED', 'PENDING_CANCEL'].includes(order.status);
    case 'closed':
      return order.status === 'FILLED' || (order.status === 'CANCELLED' && exchange.filled.lt(order.quantity));
    case 'canceled':
      return order.status === 'CANCELLED' || order.status === 'EXPIRED' || order.status === 'FILLED';
    case 'expired':
      return order.status === 'EXPIRED' || order.status === 'CANCELLED';
    case 'rejected':
      return order.status === 'REJECTED';
  }
}
