/**
 * Cancelling: an order never sent, or armed in the engine, ends at once; an order on the exchange
 * is journaled PENDING_CANCEL (audited) before the cancel request goes out, and ends when the
 * exchange confirms. A cancel whose answer is lost leaves the order PENDING_CANCEL, and recovery
 * asks the exchange. Expiry is a cancel that ends the order EXPIRED.
 */
import type { AuditActor } from '../../../../shared/domain/audit.js';
import type { CancelAllResult } from '../../../../shared/domain/order-queries.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import type { CancelResult } from '../../../engine/orders/execution-port.js';
import type { OrderEvent } from '../../../engine/orders/order-events.js';
import type { Order } from '../../../engine/orders/order-model.js';
import { isTerminal } from '../../../engine/orders/order-state.js';
import { toOrderView } from '../../../engine/orders/order-view.js';
import { errorText, lookupAndApply } from './lookup.js';
import { isEngineHeld } from './native-stops.js';
import type { VenueSession } from './session.js';

/** `urgent`: the kill switch's cancels, ahead of every other private call of the key. */
export type CancelHow = { reason: string; actor: AuditActor; expire?: boolean; urgent?: boolean };

/** How long an expiry waits when the order's outcome is not known yet. */
const EXPIRY_RETRY_MS = 30_000;

function auditCancel(s: VenueSession, order: Order, how: CancelHow): void {
  s.audit.record(
    'order.cancelled',
    how.actor,
    `${how.expire ? 'expire' : 'cancel'} ${order.side} ${order.symbol} order ${order.clientOrderId}: ${how.reason}`,
    {
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      reason: how.reason,
      status: order.status,
      venue: s.venue,
    },
  );
}

export function cancelOrder(s: VenueSession, clientOrderId: string, how: CancelHow): Promise<Order> {
  return s.serial.run(clientOrderId, async () => {
    const order = s.ledger.get(clientOrderId);
    if (!order) throw new AppError('not_found', `no order with client order id ${clientOrderId}`);
    const venue = s.journal.venueOf(clientOrderId);
    if (venue !== s.venue) {
      throw new AppError(
        'conflict',
        `order ${clientOrderId} belongs to ${venue}; switch the trading mode to it to cancel it`,
      );
    }
    if (isTerminal(order.status)) {
      if (how.expire) return order;
      throw new AppError('conflict', `order ${clientOrderId} is already ${order.status}: there is nothing to cancel`);
    }
    const at = s.clock.now();
    const end: OrderEvent = how.expire
      ? { type: 'OrderExpired', at, reason: how.reason }
      : { type: 'OrderCancelled', at, reason: how.reason };
    const neverSent = order.status === 'PENDING_SUBMIT' && order.submittedAt === null;
    // A native stop rests on the exchange: it is cancelled there like any exchange order.
    if (isEngineHeld(order) || neverSent) {
      s.triggers.disarm(clientOrderId);
      s.expiry.disarm(clientOrderId);
      return s.ledger.apply(clientOrderId, [end], (o) => auditCancel(s, o, how)).order;
    }
    if (order.status === 'UNKNOWN' || order.status === 'PENDING_SUBMIT') {
      throw new AppError(
        'conflict',
        `the outcome of order ${clientOrderId} is not known yet: it is being looked up by its client order id ` +
          '(see the recovery queue); cancel it once it is resolved',
      );
    }
    s.ledger.apply(clientOrderId, [{ type: 'OrderCancelRequested', at, reason: how.reason }], (o) =>
      auditCancel(s, o, how),
    );
    s.checkpoint('after-cancel-requested', clientOrderId);
    let result: CancelResult;
    try {
      result = await s.adapter.cancel(
        clientOrderId,
        order.symbol,
        order.exchangeOrderId,
        how.urgent ? { urgent: true } : undefined,
      );
    } catch (error) {
      result = { outcome: 'failed', failure: { kind: 'unknown', message: errorText(error) } };
    }
    s.checkpoint('after-cancel-sent', clientOrderId);
    let current = s.ledger.get(clientOrderId)!;
    if (result.outcome === 'cancelled') {
      current = s.ledger.apply(clientOrderId, [{ ...end, at: result.at }]).order;
    } else if (result.outcome === 'not_open') {
      // Filled, cancelled, or never there: the exchange's record decides.
      const found = await lookupAndApply(s, current);
      current = found.order;
      if (found.kind === 'found' && current.status === 'PENDING_CANCEL') {
        current = s.ledger.apply(clientOrderId, [
          { type: 'OrderCancelRejected', at: s.clock.now(), reason: result.message },
        ]).order;
      }
    } else if (result.failure.kind === 'rejected') {
      current = s.ledger.apply(clientOrderId, [
        { type: 'OrderCancelRejected', at: s.clock.now(), reason: result.failure.message },
      ]).order;
    } else {
      s.logger.warn(
        'orders',
        `the cancel of ${clientOrderId} got no answer (${result.failure.message}); recovery will ask the exchange`,
        {
          symbol: order.symbol,
        },
      );
    }
    if (isTerminal(current.status)) s.expiry.disarm(clientOrderId);
    return current;
  });
}

export async function cancelAll(
  s: VenueSession,
  symbol: string | undefined,
  actor: AuditActor,
): Promise<CancelAllResult> {
  const result: CancelAllResult = { cancelled: [], failed: [] };
  const orders = s.ledger.live().filter((o) => symbol === undefined || o.symbol === symbol);
  await Promise.all(
    orders.map(async (o) => {
      try {
        const after = await cancelOrder(s, o.clientOrderId, { reason: 'cancel all', actor });
        result.cancelled.push(toOrderView(after));
      } catch (error) {
        result.failed.push({ clientOrderId: o.clientOrderId, message: errorText(error) });
      }
    }),
  );
  return result;
}

/** The expiry timer fired: cancel as EXPIRED; if the order's outcome is not known yet, try again later. */
export async function expireOrder(s: VenueSession, clientOrderId: string): Promise<void> {
  const order = s.ledger.get(clientOrderId);
  if (!order || isTerminal(order.status) || order.expiresAt === null) return;
  const reason = `expired: it was to be cancelled at ${new Date(order.expiresAt).toISOString()}`;
  try {
    const after = await cancelOrder(s, clientOrderId, { reason, actor: 'system', expire: true });
    if (!isTerminal(after.status)) s.expiry.retry(clientOrderId, EXPIRY_RETRY_MS);
  } catch (error) {
    s.logger.warn('orders', `order ${clientOrderId} could not expire yet: ${errorText(error)}`, {
      symbol: order.symbol,
    });
    s.expiry.retry(clientOrderId, EXPIRY_RETRY_MS);
  }
}
