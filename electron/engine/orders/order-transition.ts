/** Helpers the reducer and the fill rules share: failing with a reason, and moving an order to a status. */
import type { OrderStatus } from '../../../shared/domain/orders.js';
import type { OrderEvent } from './order-events.js';
import type { Order, OrderError, OrderErrorCode, OrderEventOutcome, OrderResult } from './order-model.js';
import { canTransition } from './order-state.js';

export function fail(
  order: Order,
  event: { type: OrderError['event'] },
  code: OrderErrorCode,
  message: string,
): OrderResult {
  return {
    ok: false,
    error: {
      code,
      message: `order ${order.clientOrderId} (${order.status}): ${message}`,
      clientOrderId: order.clientOrderId,
      status: order.status,
      event: event.type,
    },
  };
}

export function unchanged(order: Order, outcome: Exclude<OrderEventOutcome, 'applied'>): OrderResult {
  return { ok: true, order, outcome };
}

export function applied(order: Order): OrderResult {
  return { ok: true, order, outcome: 'applied' };
}

/** An invalid-transition error naming the event and both statuses. */
export function invalidTransition(order: Order, event: OrderEvent, to: OrderStatus, hint = ''): OrderResult {
  const tail = hint ? `; ${hint}` : '';
  return fail(
    order,
    event,
    'INVALID_TRANSITION',
    `${event.type} cannot move an order from ${order.status} to ${to}${tail}`,
  );
}

/**
 * The order in status `to` at time `at`, with `patch` applied. A status change (or a `note`)
 * adds a timeline entry. The caller has checked the transition with `canTransition`.
 */
export function moveTo(
  order: Order,
  to: OrderStatus,
  at: number,
  patch: Partial<Order> = {},
  note: { reason: string | null; force?: boolean } = { reason: null },
): Order {
  const changes = to !== order.status;
  const entry = changes || note.force ? [{ status: to, at, reason: note.reason }] : [];
  return {
    ...order,
    ...patch,
    status: to,
    updatedAt: Math.max(order.updatedAt, at),
    notFoundCount: to === 'UNKNOWN' ? (patch.notFoundCount ?? order.notFoundCount) : 0,
    timeline: entry.length > 0 ? [...order.timeline, ...entry] : order.timeline,
  };
}

/** moveTo after checking the table: an invalid transition is an error, never applied. */
export function transition(
  order: Order,
  event: OrderEvent,
  to: OrderStatus,
  patch: Partial<Order> = {},
  note: { reason: string | null; force?: boolean } = { reason: null },
  hint = '',
): OrderResult {
  if (!canTransition(order.status, to)) return invalidTransition(order, event, to, hint);
  return applied(moveTo(order, to, event.at, patch, note));
}
