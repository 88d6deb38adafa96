/** Orders and fills as they cross the contract: money as decimal strings (shared/domain/orders.ts). */
import type { FillView, OrderView } from '../../../shared/domain/orders.js';
import type { Fill } from './order-events.js';
import { type Order, averageFillPrice, remaining } from './order-model.js';

export function toOrderView(order: Order): OrderView {
  return {
    clientOrderId: order.clientOrderId,
    exchangeOrderId: order.exchangeOrderId,
    parentClientOrderId: order.parentClientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    quantity: order.quantity.toString(),
    price: order.price?.toString() ?? null,
    stopPrice: order.stopPrice?.toString() ?? null,
    trailPercent: order.trailPercent?.toString() ?? null,
    timeInForce: order.timeInForce,
    expiresAt: order.expiresAt,
    status: order.status,
    filled: order.filled.toString(),
    remaining: remaining(order).toString(),
    averageFillPrice: averageFillPrice(order)?.toString() ?? null,
    fees: Object.keys(order.fees)
      .sort()
      .map((currency) => ({ currency, amount: order.fees[currency]!.toString() })),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    submittedAt: order.submittedAt,
    reason: order.reason,
    lastError: order.lastError,
    flags: { adopted: order.adopted, needsAttention: order.needsAttention },
    timeline: order.timeline.map((entry) => ({ ...entry })),
  };
}

export function toFillView(fill: Fill): FillView {
  return {
    tradeId: fill.tradeId,
    clientOrderId: fill.clientOrderId,
    exchangeOrderId: fill.exchangeOrderId,
    symbol: fill.symbol,
    side: fill.side,
    price: fill.price.toString(),
    quantity: fill.quantity.toString(),
    fee: fill.fee.toString(),
    feeCurrency: fill.feeCurrency,
    liquidity: fill.liquidity,
    time: fill.time,
  };
}
