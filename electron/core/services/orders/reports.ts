/**
 * Execution reports from the adapter (fills, cancels, expiries), applied in the order's serial
 * slot: a fill becomes OrderPartiallyFilled or OrderFilled (de-duplicated by trade id in the
 * order and, in the journal, by the UNIQUE trade id), then the portfolio moves with it.
 */
import type { ExecutionReport } from '../../../engine/orders/execution-port.js';
import type { Fill } from '../../../engine/orders/order-events.js';
import { fillEventFor } from '../../../engine/orders/order-model.js';
import { isTerminal } from '../../../engine/orders/order-state.js';
import type { VenueSession } from './session.js';

/** Our client order id for a fill: its own if we know it, else the order with its exchange id (adopted orders). */
export function ownerOf(s: VenueSession, fill: Fill): string | null {
  if (fill.clientOrderId && s.journal.has(fill.clientOrderId)) return fill.clientOrderId;
  return fill.exchangeOrderId ? s.journal.findByExchangeId(s.venue, fill.exchangeOrderId) : null;
}

/** Applies one fill to its order (call inside the order's serial slot); false if it is not ours to apply. */
export function applyFill(s: VenueSession, clientOrderId: string, fill: Fill): boolean {
  const order = s.ledger.get(clientOrderId);
  if (!order) return false;
  const own: Fill = { ...fill, clientOrderId };
  const result = s.ledger.apply(clientOrderId, [fillEventFor(order, own, Math.max(own.time, order.createdAt))]);
  if (isTerminal(result.order.status)) s.expiry.disarm(clientOrderId);
  return result.applied.length > 0;
}

export async function handleReport(s: VenueSession, report: ExecutionReport): Promise<void> {
  if (report.type === 'fill') {
    const id = ownerOf(s, report.fill);
    if (id === null) {
      s.logger.warn(
        'orders',
        `fill ${report.fill.tradeId} is for an order this app does not know; reconciliation will report it`,
        {
          symbol: report.fill.symbol,
        },
      );
      return;
    }
    await s.serial.run(id, () => {
      if (applyFill(s, id, report.fill)) s.checkpoint('after-fill', id);
    });
    return;
  }
  const id = report.clientOrderId;
  await s.serial.run(id, () => {
    if (!s.ledger.get(id)) return;
    const event =
      report.type === 'cancelled'
        ? { type: 'OrderCancelled' as const, at: report.at, reason: report.reason ?? 'cancelled by the exchange' }
        : { type: 'OrderExpired' as const, at: report.at, reason: 'expired on the exchange' };
    const result = s.ledger.apply(id, [event]);
    if (isTerminal(result.order.status)) s.expiry.disarm(id);
  });
}
