/**
 * Keeps working orders in step with an exchange that pushes nothing (live trading over ccxt's
 * REST: its adapter learns of fills only when asked). Every few seconds (5 s live) it reads the
 * open orders once, and looks up, in bulk by exchange order id (Kraken: 50 orders a request with
 * their trades by id, however much else trades on the account), every working order that is no
 * longer open there or whose filled quantity moved; the answer is applied like any other (fills
 * by trade id, exactly once). An order the exchange reports filled beyond the trades it lists yet
 * stays as it is and is asked again the next pass. So a working order reaches the exchange's state
 * within one interval plus one pass while the exchange answers. The simulated exchange pushes its
 * executions as reports, so there the sync stays off.
 */
import type { ExchangeOrder } from '../../../engine/orders/execution-port.js';
import type { Order } from '../../../engine/orders/order-model.js';
import { isEngineHeld } from './native-stops.js';
import { createPeriodicTask } from '../../../engine/scheduler.js';
import { applyLookup, errorText, lookupMany } from './lookup.js';
import type { VenueSession } from './session.js';

export type OrderSync = { start(): void; stop(): void; runOnce(): Promise<void> };

const WORKING = new Set(['OPEN', 'PARTIALLY_FILLED', 'PENDING_CANCEL']);
// Engine-held stops have no exchange order; native stops (native-stops.ts) do and are synced.
const isWorking = (o: Order) => WORKING.has(o.status) && !isEngineHeld(o) && o.exchangeOrderId !== null;

function unchangedOnExchange(order: Order, open: readonly ExchangeOrder[]): boolean {
  const there = open.find(
    (e) =>
      e.clientOrderId === order.clientOrderId ||
      (e.exchangeOrderId !== null && e.exchangeOrderId === order.exchangeOrderId),
  );
  return there !== undefined && there.filled.eq(order.filled) && order.status !== 'PENDING_CANCEL';
}

export function createOrderSync(session: () => VenueSession, intervalMs: number): OrderSync {
  async function runOnce(): Promise<void> {
    const s = session();
    const working = s.ledger.live().filter(isWorking);
    if (working.length === 0) return;
    const open = await s.adapter
      .openOrders()
      .catch((error: unknown) => ({ kind: 'unknown' as const, message: errorText(error) }));
    if ('kind' in open) {
      s.logger.warn('orders', `the open orders could not be read: ${open.message}`);
      return;
    }
    const changed = working.filter((order) => !unchangedOnExchange(order, open));
    const answers = await lookupMany(s, changed);
    for (const order of changed) {
      await s.serial.run(order.clientOrderId, async () => {
        const current = s.ledger.get(order.clientOrderId);
        const answer = answers.get(order.clientOrderId);
        if (current && answer && isWorking(current)) await applyLookup(s, current, answer);
      });
    }
  }

  const task = createPeriodicTask({
    scheduler: () => session().scheduler,
    intervalMs: () => intervalMs,
    run: runOnce,
    onError: (error) => session().logger.error('orders', 'syncing the working orders failed', { error }),
  });

  return {
    start() {
      if (intervalMs > 0) task.start();
    },
    stop: () => task.stop(),
    runOnce,
  };
}
