/**
 * Asking the exchange about orders (by the exchange's order id once known, else by our client
 * order id), and applying the answer: the exchange's id, the fills we lack, its end. Used by
 * recovery, reconciliation, the live sync and cancels that found nothing open. Run the apply
 * inside the order's serial slot.
 */
import type { Lookup } from '../../../engine/orders/execution-port.js';
import { syncWithExchange } from '../../../engine/orders/exchange-sync.js';
import type { Order } from '../../../engine/orders/order-model.js';
import type { VenueSession } from './session.js';

export type LookupOutcome =
  | { kind: 'found'; order: Order; exchangeStatus: string }
  | { kind: 'absent'; order: Order }
  | { kind: 'failed'; order: Order; message: string };

export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function lookupAndApply(s: VenueSession, order: Order): Promise<LookupOutcome> {
  let answer: Lookup;
  try {
    answer = await s.adapter.lookup(order.clientOrderId, order.symbol, order.exchangeOrderId);
  } catch (error) {
    answer = { found: 'unknown', failure: { kind: 'unknown', message: errorText(error) } };
  }
  return applyLookup(s, order, answer);
}

/**
 * Looks up many orders at once (in bulk where the adapter can: Kraken asks 50 orders a request),
 * keyed by client order id; one by one otherwise. Apply each answer in the order's serial slot.
 */
export async function lookupMany(s: VenueSession, orders: readonly Order[]): Promise<Map<string, Lookup>> {
  const keys = orders.map((o) => ({
    clientOrderId: o.clientOrderId,
    symbol: o.symbol,
    exchangeOrderId: o.exchangeOrderId,
  }));
  const out = new Map<string, Lookup>();
  if (keys.length === 0) return out;
  try {
    if (s.adapter.lookupMany) return new Map(await s.adapter.lookupMany(keys));
    for (const k of keys)
      out.set(k.clientOrderId, await s.adapter.lookup(k.clientOrderId, k.symbol, k.exchangeOrderId));
  } catch (error) {
    for (const k of keys) {
      if (!out.has(k.clientOrderId))
        out.set(k.clientOrderId, { found: 'unknown', failure: { kind: 'unknown', message: errorText(error) } });
    }
  }
  return out;
}

/** Applies the exchange's answer about `order` (its id, the fills we lack, its end). Inside its serial slot. */
export async function applyLookup(s: VenueSession, order: Order, answer: Lookup): Promise<LookupOutcome> {
  const id = order.clientOrderId;
  if (answer.found === 'unknown') return { kind: 'failed', order, message: answer.failure.message };
  if (answer.found === false) return { kind: 'absent', order };

  const at = s.clock.now();
  const sync = syncWithExchange(order, answer.order, answer.fills, at);
  let current = sync.events.length > 0 ? s.ledger.apply(id, sync.events).order : order;
  if (sync.problems.length > 0) {
    const reason = `the exchange's record does not fit ours: ${sync.problems.join('; ')}`;
    if (!current.needsAttention || current.lastError !== reason) {
      current = s.ledger.apply(id, [{ type: 'OrderAttentionRequired', at, reason }]).order;
    }
  }
  if (current.status === 'PENDING_CANCEL' && answer.order.status === 'open') {
    // A cancel whose answer was lost, or that never left: asking again is harmless.
    const result = await s.adapter.cancel(id, current.symbol, current.exchangeOrderId).catch((error: unknown) => ({
      outcome: 'failed' as const,
      failure: { kind: 'unknown' as const, message: errorText(error) },
    }));
    if (result.outcome === 'cancelled') {
      current = s.ledger.apply(id, [
        { type: 'OrderCancelled', at: result.at, reason: 'cancelled (the request was repeated)' },
      ]).order;
    }
  }
  return { kind: 'found', order: current, exchangeStatus: answer.order.status };
}
