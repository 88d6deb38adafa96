/**
 * The recovery worker: every 30 s it asks the exchange, by client order id, about each order whose
 * outcome is unknown (a placement that timed out, a cancel whose answer was lost). Found: the
 * exchange's state and fills are applied. Not found: counted; only when the exchange has had time
 * to show it (the policy) does "not found" become evidence, and the order is REJECTED with that
 * evidence in its reason. After 10 attempts without an answer the order is flagged for the user
 * with everything known about it. Attempts survive restarts (the journal keeps them).
 */
import type { RecoveryEntry } from '../../../../shared/domain/order-queries.js';
import type { Order } from '../../../engine/orders/order-model.js';
import { createPeriodicTask } from '../../../engine/scheduler.js';
import type { LoadedOrder, RecoveryState } from '../../../persistence/repositories/order-journal.js';
import { errorText, lookupAndApply } from './lookup.js';
import type { VenueSession } from './session.js';

export type RecoveryPolicy = {
  intervalMs: number;
  maxAttempts: number;
  /** "Not found" answers before an UNKNOWN order may be called never placed... */
  notFoundToReject: number;
  /** ...and only if it was sent at least this long ago (how long the exchange may take to show an order). */
  absentForMs: number;
  /** How often working orders are compared with the exchange when it pushes nothing (0: never). */
  syncIntervalMs: number;
};

/** A real exchange may answer "not found" for a moment after a placement: three answers, two minutes. */
export const LIVE_RECOVERY: RecoveryPolicy = {
  intervalMs: 30_000,
  maxAttempts: 10,
  notFoundToReject: 3,
  absentForMs: 120_000,
  syncIntervalMs: 5_000,
};
/** The simulated exchange commits a placement in one transaction before it answers: one answer is proof. */
export const SIMULATED_RECOVERY: RecoveryPolicy = {
  intervalMs: 30_000,
  maxAttempts: 10,
  notFoundToReject: 1,
  absentForMs: 0,
  syncIntervalMs: 0,
};

export type Recovery = {
  load(orders: readonly LoadedOrder[]): void;
  start(): void;
  stop(): void;
  /** One pass over the queue. */
  runOnce(): Promise<void>;
  /** One lookup of one order (call inside its serial slot); counts as an attempt. */
  attempt(order: Order): Promise<Order>;
  queue(): RecoveryEntry[];
};

/** Lookups of unknown outcomes under way at once in a recovery pass. */
const PARALLEL_LOOKUPS = 10;

const needsLookup = (o: Order) => o.status === 'UNKNOWN' || o.status === 'PENDING_CANCEL';
const iso = (ms: number) => new Date(ms).toISOString();

export function createRecovery(session: () => VenueSession): Recovery {
  const states = new Map<string, RecoveryState>();

  const stateOf = (id: string): RecoveryState => states.get(id) ?? { attempts: 0, lastAt: null, lastError: null };

  function describe(o: Order, st: RecoveryState): string {
    const price = o.price ? ` at ${o.price.toString()}` : '';
    const sent = o.submittedAt === null ? 'never sent' : `sent ${iso(o.submittedAt)}`;
    return (
      `the outcome is still unknown after ${st.attempts} lookups by client order id: ${o.side} ${o.quantity.toString()} ` +
      `${o.symbol} ${o.type}${price}, ${sent}, status ${o.status}, filled ${o.filled.toString()}, ` +
      `exchange id ${o.exchangeOrderId ?? 'none'}, last error: ${st.lastError ?? 'none'}. ` +
      `Check the exchange's order history for client order id ${o.clientOrderId}.`
    );
  }

  async function attempt(order: Order): Promise<Order> {
    const s = session();
    const id = order.clientOrderId;
    const now = s.clock.now();
    const st = stateOf(id);
    const next: RecoveryState = { attempts: st.attempts + 1, lastAt: now, lastError: st.lastError };
    let current = order;
    try {
      const outcome = await lookupAndApply(s, order);
      current = outcome.order;
      if (outcome.kind === 'failed') next.lastError = outcome.message;
      if (outcome.kind === 'absent') {
        if (current.status === 'UNKNOWN') {
          current = s.ledger.apply(id, [{ type: 'OrderNotFound', at: now }]).order;
          const age = now - (current.submittedAt ?? current.createdAt);
          if (current.notFoundCount >= s.policy.notFoundToReject && age >= s.policy.absentForMs) {
            const reason =
              `never placed: ${current.notFoundCount} lookup(s) by client order id found no such order on ${s.venue}, ` +
              `the last at ${iso(now)}, ${Math.round(age / 1000)} s after it was sent; nothing was filled`;
            current = s.ledger.apply(id, [{ type: 'OrderRejected', at: now, reason }]).order;
          } else next.lastError = `not on the exchange yet (${current.notFoundCount} lookups); asking again`;
        } else {
          next.lastError = 'the exchange does not know this order any more';
          if (!current.needsAttention) {
            const reason = `${next.lastError}: status ${current.status}, exchange id ${current.exchangeOrderId ?? 'none'}`;
            current = s.ledger.apply(id, [{ type: 'OrderAttentionRequired', at: now, reason }]).order;
          }
        }
      }
    } catch (error) {
      next.lastError = errorText(error);
    }
    if (needsLookup(current) && next.attempts >= s.policy.maxAttempts && st.attempts < s.policy.maxAttempts) {
      current = s.ledger.apply(id, [
        { type: 'OrderAttentionRequired', at: now, reason: describe(current, next) },
      ]).order;
      s.logger.error('orders', `order ${id} needs attention: ${describe(current, next)}`, { symbol: current.symbol });
    }
    states.set(id, next);
    s.journal.setRecovery(id, next);
    if (!needsLookup(current)) states.delete(id);
    return current;
  }

  async function runOnce(): Promise<void> {
    const s = session();
    const due = s.ledger
      .live()
      .filter((o) => needsLookup(o) && stateOf(o.clientOrderId).attempts < s.policy.maxAttempts);
    // Side by side: the adapter sends one request at a time anyway (reads after orders), but one
    // order's retry wait no longer holds up the others' lookups.
    const one = (order: Order) =>
      s.serial.run(order.clientOrderId, async () => {
        const current = s.ledger.get(order.clientOrderId);
        if (current && needsLookup(current)) await attempt(current);
      });
    for (let i = 0; i < due.length; i += PARALLEL_LOOKUPS)
      await Promise.all(due.slice(i, i + PARALLEL_LOOKUPS).map(one));
  }

  const task = createPeriodicTask({
    scheduler: () => session().scheduler,
    intervalMs: () => session().policy.intervalMs,
    run: runOnce,
    onError: (error) => session().logger.error('orders', 'a recovery pass failed', { error }),
  });

  return {
    load(orders) {
      for (const o of orders)
        if (o.recovery.attempts > 0 && needsLookup(o.order)) states.set(o.order.clientOrderId, o.recovery);
    },
    start: () => task.start(),
    stop: () => task.stop(),
    runOnce,
    attempt,
    queue() {
      const s = session();
      return s.ledger
        .live()
        .filter(needsLookup)
        .map((o) => {
          const st = stateOf(o.clientOrderId);
          return {
            clientOrderId: o.clientOrderId,
            symbol: o.symbol,
            side: o.side,
            status: o.status,
            submittedAt: o.submittedAt,
            attempts: st.attempts,
            maxAttempts: s.policy.maxAttempts,
            lastAttemptAt: st.lastAt,
            lastError: st.lastError ?? o.lastError,
            gaveUp: st.attempts >= s.policy.maxAttempts,
          };
        });
    },
  };
}
