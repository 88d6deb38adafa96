/**
 * The order state machine's transition table. Every event the reducer applies is checked against
 * it; the reducer (order-reducer.ts) adds the per-event rules on top (for instance: fills only
 * after the order was sent, CANCELLED -> FILLED only through a late fill).
 *
 * A status listed in its own row means an event may update the order in place: OrderSubmitted
 * (PENDING_SUBMIT), another partial fill (PARTIALLY_FILLED, PENDING_CANCEL, and late ones on
 * CANCELLED/EXPIRED), a repeated OrderOutcomeUnknown or an OrderNotFound (UNKNOWN). Outside the
 * table, and in every status: a duplicate or stale report (a no-op) and the needsAttention flag.
 *
 * Decisions, with the reason for each:
 * - PENDING_SUBMIT -> CANCELLED: an order not yet sent is withdrawn locally (kill switch, shutdown);
 *   an order already sent reaches CANCELLED only when the exchange says so (an IOC/FOK that
 *   found nothing to fill). A cancel *request* needs an accepted order: while the placement is in
 *   flight there is nothing on record to cancel, so the manager waits for the answer.
 * - PENDING_SUBMIT -> REJECTED covers both a local refusal before sending and the exchange's.
 * - OPEN -> REJECTED is not allowed: once accepted, an order the exchange ends is CANCELLED or
 *   EXPIRED (with the exchange's reason).
 * - PENDING_CANCEL stays PENDING_CANCEL on a partial fill: the cancel request is still out there
 *   (a second request is a duplicate); a fill that completes the order makes it FILLED. A cancel
 *   rejection returns it to OPEN or PARTIALLY_FILLED, whichever its fills say.
 * - UNKNOWN (sent, answer lost) becomes whatever the exchange reports when asked by client id;
 *   REJECTED only with proof that it was never placed (never merely after a few not-found
 *   answers: those raise needsAttention, see LOST_AFTER_NOT_FOUND).
 * - Terminal states accept no transition, with one exception: a fill that raced a cancel or an
 *   expiry is a fact and is recorded. The status stays CANCELLED/EXPIRED (the rest of the order
 *   is indeed gone), unless that late fill completes the quantity: then the order did fill, and
 *   it becomes FILLED. So terminal stays terminal, and FILLED always means filled == quantity.
 */
import { ORDER_STATUSES, TERMINAL_ORDER_STATUSES, type OrderStatus } from '../../../shared/domain/orders.js';

export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING_SUBMIT: [
    'PENDING_SUBMIT',
    'OPEN',
    'PARTIALLY_FILLED',
    'FILLED',
    'CANCELLED',
    'REJECTED',
    'EXPIRED',
    'UNKNOWN',
  ],
  OPEN: ['PARTIALLY_FILLED', 'FILLED', 'PENDING_CANCEL', 'CANCELLED', 'EXPIRED', 'UNKNOWN'],
  PARTIALLY_FILLED: ['PARTIALLY_FILLED', 'FILLED', 'PENDING_CANCEL', 'CANCELLED', 'EXPIRED', 'UNKNOWN'],
  PENDING_CANCEL: ['PENDING_CANCEL', 'OPEN', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED', 'EXPIRED', 'UNKNOWN'],
  UNKNOWN: ['UNKNOWN', 'OPEN', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED', 'REJECTED', 'EXPIRED'],
  FILLED: [],
  CANCELLED: ['CANCELLED', 'FILLED'],
  REJECTED: [],
  EXPIRED: ['EXPIRED', 'FILLED'],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL_ORDER_STATUSES.includes(status);
}

/** Statuses in which the order may still be working on the exchange (or may be: UNKNOWN). */
export function isLive(status: OrderStatus): boolean {
  return !isTerminal(status);
}

/** Every (from, to) pair of the table, for documentation and table-driven tests. */
export function allTransitions(): Array<[OrderStatus, OrderStatus]> {
  return ORDER_STATUSES.flatMap((from) => ORDER_TRANSITIONS[from].map((to): [OrderStatus, OrderStatus] => [from, to]));
}
