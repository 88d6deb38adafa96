/**
 * `applyOrderEvent(order, event)`: the only way an order changes. Pure, never throws, never
 * applies an invalid transition: it answers {ok:true, order, outcome} or {ok:false, error}, and
 * on an error the caller keeps the order it had and logs the error.
 *
 * Side effects (persisting, sending, notifying) belong to the caller and only on outcome
 * 'applied'. In particular an order is sent only after OrderSubmitted was applied, and a second
 * OrderSubmitted is refused (ALREADY_SUBMITTED): that is the guard against sending twice.
 */
import type { OrderCreationEvent, OrderEvent } from './order-events.js';
import { applyFill } from './order-fills.js';
import {
  type Order,
  type OrderResult,
  type ReplayResult,
  LOST_AFTER_NOT_FOUND,
  initOrder,
  isEngineManaged,
  workingStatus,
} from './order-model.js';
import { isTerminal } from './order-state.js';
import { applied, fail, invalidTransition, transition, unchanged } from './order-transition.js';

const ACCEPTED_STATUSES = ['OPEN', 'PARTIALLY_FILLED', 'PENDING_CANCEL'] as const;
const isAccepted = (order: Order) => (ACCEPTED_STATUSES as readonly string[]).includes(order.status);
const neverSent = (order: Order) => order.status === 'PENDING_SUBMIT' && order.submittedAt === null;

function notSent(order: Order, event: OrderEvent): OrderResult {
  return fail(order, event, 'NOT_SUBMITTED', `${event.type} for an order that was never sent`);
}

function onSubmitted(order: Order, event: OrderEvent & { type: 'OrderSubmitted' }): OrderResult {
  if (order.submittedAt !== null) {
    return fail(
      order,
      event,
      'ALREADY_SUBMITTED',
      `already sent at ${order.submittedAt}: an order is never sent twice`,
    );
  }
  const note = isEngineManaged(order.type) ? 'armed in the engine' : 'sent to the exchange';
  return transition(order, event, 'PENDING_SUBMIT', { submittedAt: event.at }, { reason: note, force: true });
}

function onAccepted(order: Order, event: OrderEvent & { type: 'OrderAccepted' }): OrderResult {
  const id = event.exchangeOrderId;
  if (id === null && !isEngineManaged(order.type)) {
    return fail(
      order,
      event,
      'INVALID_EVENT',
      'accepted without an exchange order id: treat the outcome as unknown and look the order up by client id',
    );
  }
  if (neverSent(order)) return notSent(order, event);
  if (id !== null && order.exchangeOrderId !== null && id !== order.exchangeOrderId) {
    return fail(order, event, 'EXCHANGE_ID_MISMATCH', `accepted as ${id}, but known as ${order.exchangeOrderId}`);
  }
  const learnsId = id !== null && order.exchangeOrderId === null;
  if (isAccepted(order) || order.status === 'FILLED' || order.status === 'CANCELLED' || order.status === 'EXPIRED') {
    // The order is past acceptance (fills or the end came first): keep the id, change nothing else.
    if (!learnsId) return unchanged(order, isAccepted(order) ? 'duplicate' : 'stale');
    return applied({ ...order, exchangeOrderId: id, updatedAt: Math.max(order.updatedAt, event.at) });
  }
  const patch = learnsId ? { exchangeOrderId: id } : {};
  return transition(order, event, workingStatus(order), patch, { reason: null });
}

function onRejected(order: Order, event: OrderEvent & { type: 'OrderRejected' }): OrderResult {
  if (order.status === 'REJECTED') return unchanged(order, 'duplicate');
  if (!order.filled.isZero()) {
    return fail(order, event, 'INVALID_EVENT', `rejected, but ${order.filled.toString()} has filled: reconcile`);
  }
  return transition(order, event, 'REJECTED', { reason: event.reason }, { reason: event.reason });
}

function onCancelRequested(order: Order, event: OrderEvent & { type: 'OrderCancelRequested' }): OrderResult {
  if (order.status === 'PENDING_CANCEL') return unchanged(order, 'duplicate');
  if (order.status === 'PENDING_SUBMIT' || order.status === 'UNKNOWN') {
    const hint = neverSent(order)
      ? 'it was never sent: withdraw it with OrderCancelled'
      : 'wait until the exchange has answered (or the order was looked up by client id)';
    return invalidTransition(order, event, 'PENDING_CANCEL', hint);
  }
  const reason = event.reason ?? null;
  return transition(order, event, 'PENDING_CANCEL', {}, { reason });
}

function onCancelled(order: Order, event: OrderEvent & { type: 'OrderCancelled' }): OrderResult {
  if (order.status === 'CANCELLED') return unchanged(order, 'duplicate');
  const reason = event.reason ?? (neverSent(order) ? 'withdrawn before it was sent' : null);
  return transition(order, event, 'CANCELLED', { reason }, { reason });
}

function onCancelRejected(order: Order, event: OrderEvent & { type: 'OrderCancelRejected' }): OrderResult {
  if (order.status === 'FILLED' || order.status === 'CANCELLED' || order.status === 'EXPIRED') {
    return unchanged(order, 'stale'); // the cancel lost a race with the order's end
  }
  if (order.status !== 'PENDING_CANCEL') return invalidTransition(order, event, workingStatus(order));
  const reason = `cancel rejected: ${event.reason}`;
  return transition(order, event, workingStatus(order), { lastError: reason }, { reason });
}

function onExpired(order: Order, event: OrderEvent & { type: 'OrderExpired' }): OrderResult {
  if (order.status === 'EXPIRED') return unchanged(order, 'duplicate');
  const reason = event.reason ?? null;
  return transition(order, event, 'EXPIRED', { reason }, { reason });
}

function onOutcomeUnknown(order: Order, event: OrderEvent & { type: 'OrderOutcomeUnknown' }): OrderResult {
  if (neverSent(order)) return notSent(order, event);
  return transition(order, event, 'UNKNOWN', { lastError: event.error }, { reason: event.error });
}

function onNotFound(order: Order, event: OrderEvent & { type: 'OrderNotFound' }): OrderResult {
  if (order.status !== 'UNKNOWN') {
    return invalidTransition(order, event, 'UNKNOWN', 'a lookup result applies only while the outcome is unknown');
  }
  const notFoundCount = order.notFoundCount + 1;
  const lost = notFoundCount >= LOST_AFTER_NOT_FOUND;
  const patch: Partial<Order> = {
    notFoundCount,
    needsAttention: order.needsAttention || lost,
    lastError: lost
      ? `not found on the exchange after ${notFoundCount} lookups: it may never have been placed`
      : order.lastError,
  };
  return transition(order, event, 'UNKNOWN', patch);
}

function reduce(order: Order, event: OrderEvent): OrderResult {
  if (event === null || typeof event !== 'object') {
    return fail(order, { type: 'unknown' }, 'INVALID_EVENT', 'not an event');
  }
  if (!Number.isSafeInteger(event.at) || event.at < 0) {
    return fail(order, event, 'INVALID_EVENT', `the event time must be UTC milliseconds, not ${String(event.at)}`);
  }
  switch (event.type) {
    case 'OrderSubmitted':
      return onSubmitted(order, event);
    case 'OrderAccepted':
      return onAccepted(order, event);
    case 'OrderRejected':
      return onRejected(order, event);
    case 'OrderPartiallyFilled':
    case 'OrderFilled':
      return applyFill(order, event);
    case 'OrderCancelRequested':
      return onCancelRequested(order, event);
    case 'OrderCancelled':
      return onCancelled(order, event);
    case 'OrderCancelRejected':
      return onCancelRejected(order, event);
    case 'OrderExpired':
      return onExpired(order, event);
    case 'OrderOutcomeUnknown':
      return onOutcomeUnknown(order, event);
    case 'OrderNotFound':
      return onNotFound(order, event);
    case 'OrderAttentionRequired':
      return applied({
        ...order,
        needsAttention: true,
        lastError: event.reason,
        updatedAt: Math.max(order.updatedAt, event.at),
      });
    case 'OrderAttentionCleared':
      if (!order.needsAttention) return unchanged(order, 'duplicate');
      return applied({ ...order, needsAttention: false, updatedAt: Math.max(order.updatedAt, event.at) });
    default:
      return fail(order, event, 'INVALID_EVENT', `unknown event ${String((event as { type: unknown }).type)}`);
  }
}

/** Applies one event to an order. Never throws; an invalid event or transition is an error, not applied. */
export function applyOrderEvent(order: Order, event: OrderEvent): OrderResult {
  try {
    const result = reduce(order, event);
    if (result.ok && isTerminal(order.status) && !isTerminal(result.order.status)) {
      // The table makes this impossible; kept as a last line of defence for terminal states.
      return invalidTransition(order, event, result.order.status, 'a finished order stays finished');
    }
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const ref = typeof event === 'object' && event !== null ? event : { type: 'unknown' as const };
    return fail(order, ref, 'INVALID_EVENT', `could not apply the event: ${message}`);
  }
}

/** Rebuilds an order from its journal: the creation event, then every applied event in order. */
export function replayOrder(creation: OrderCreationEvent, events: Iterable<OrderEvent>): ReplayResult {
  const start = initOrder(creation);
  if (!start.ok) return { ok: false, error: start.error, index: -1 };
  let order = start.order;
  let appliedCount = 0;
  let index = 0;
  for (const event of events) {
    const result = applyOrderEvent(order, event);
    if (!result.ok) return { ok: false, error: result.error, index };
    order = result.order;
    if (result.outcome === 'applied') appliedCount += 1;
    index += 1;
  }
  return { ok: true, order, appliedCount };
}
