/**
 * Fills on an order: de-duplicated by trade id, accumulated exactly, never beyond the order's
 * quantity. A fill after CANCELLED or EXPIRED (it raced the cancel) is recorded: the status stays,
 * unless the late fill completes the order, which then is FILLED.
 */
import { Decimal } from '../money/decimal.js';
import type { Fill, OrderFillEvent } from './order-events.js';
import type { Order, OrderResult } from './order-model.js';
import { fail, invalidTransition, transition, unchanged } from './order-transition.js';

function sameFill(a: Fill, b: Fill): boolean {
  return (
    a.price.eq(b.price) &&
    a.quantity.eq(b.quantity) &&
    a.fee.eq(b.fee) &&
    a.feeCurrency === b.feeCurrency &&
    a.side === b.side &&
    a.symbol === b.symbol
  );
}

/** What is wrong with a fill for this order, or null. */
function fillProblem(order: Order, fill: Fill): string | null {
  if (typeof fill.tradeId !== 'string' || fill.tradeId.length === 0) return 'a fill needs a trade id';
  if (fill.clientOrderId !== order.clientOrderId) return `fill ${fill.tradeId} belongs to order ${fill.clientOrderId}`;
  if (fill.symbol !== order.symbol) return `fill ${fill.tradeId} is for ${fill.symbol}, the order for ${order.symbol}`;
  if (fill.side !== order.side) return `fill ${fill.tradeId} is a ${fill.side}, the order a ${order.side}`;
  if (!(fill.price instanceof Decimal) || !fill.price.isPositive()) return `fill ${fill.tradeId} needs a price above 0`;
  if (!(fill.quantity instanceof Decimal) || !fill.quantity.isPositive()) {
    return `fill ${fill.tradeId} needs a quantity above 0`;
  }
  if (!(fill.fee instanceof Decimal)) return `fill ${fill.tradeId} needs a fee (0 if none)`;
  if (typeof fill.feeCurrency !== 'string' || fill.feeCurrency.length === 0) {
    return `fill ${fill.tradeId} needs a fee currency`;
  }
  if (!Number.isSafeInteger(fill.time) || fill.time < 0) return `fill ${fill.tradeId} needs a time in UTC ms`;
  return null;
}

export function applyFill(order: Order, event: OrderFillEvent): OrderResult {
  const { fill } = event;
  if (fill === null || typeof fill !== 'object')
    return fail(order, event, 'INVALID_EVENT', 'a fill event needs a fill');
  const problem = fillProblem(order, fill);
  if (problem) return fail(order, event, 'INVALID_EVENT', problem);

  const known = order.fills.find((f) => f.tradeId === fill.tradeId);
  if (known) {
    if (sameFill(known, fill)) return unchanged(order, 'duplicate');
    return fail(order, event, 'CONFLICTING_FILL', `trade ${fill.tradeId} was recorded before with different terms`);
  }
  if (order.status === 'PENDING_SUBMIT' && order.submittedAt === null) {
    return fail(order, event, 'NOT_SUBMITTED', `fill ${fill.tradeId} for an order that was never sent`);
  }
  if (order.status === 'REJECTED') {
    return invalidTransition(order, event, 'REJECTED', 'a rejected order cannot fill: reconcile with the exchange');
  }
  if (
    fill.exchangeOrderId !== null &&
    order.exchangeOrderId !== null &&
    fill.exchangeOrderId !== order.exchangeOrderId
  ) {
    return fail(
      order,
      event,
      'EXCHANGE_ID_MISMATCH',
      `fill ${fill.tradeId} names exchange order ${fill.exchangeOrderId}, the order is ${order.exchangeOrderId}`,
    );
  }

  const filled = order.filled.add(fill.quantity);
  if (filled.gt(order.quantity)) {
    return fail(
      order,
      event,
      'OVERFILL',
      `fill ${fill.tradeId} of ${fill.quantity.toString()} would fill ${filled.toString()} of ${order.quantity.toString()}`,
    );
  }
  const completes = filled.eq(order.quantity);
  if (completes !== (event.type === 'OrderFilled')) {
    const left = order.quantity.sub(filled).toString();
    const message = completes
      ? `fill ${fill.tradeId} completes the order: report it as OrderFilled`
      : `OrderFilled, but ${left} is still open after fill ${fill.tradeId}: a fill is missing (fetch the trades)`;
    return fail(order, event, 'FILL_MISMATCH', message);
  }

  const late = order.status === 'CANCELLED' || order.status === 'EXPIRED';
  const to = completes ? 'FILLED' : late || order.status === 'PENDING_CANCEL' ? order.status : 'PARTIALLY_FILLED';
  const feeSoFar = order.fees[fill.feeCurrency] ?? Decimal.ZERO;
  const patch: Partial<Order> = {
    filled,
    notional: order.notional.add(fill.price.mul(fill.quantity)),
    fees: { ...order.fees, [fill.feeCurrency]: feeSoFar.add(fill.fee) },
    fills: [...order.fills, fill],
    exchangeOrderId: order.exchangeOrderId ?? fill.exchangeOrderId,
  };
  const what = `${fill.quantity.toString()} @ ${fill.price.toString()} (trade ${fill.tradeId})`;
  const note = late ? { reason: `late fill ${what} after ${order.status}`, force: true } : { reason: null };
  return transition(order, event, to, patch, note);
}
