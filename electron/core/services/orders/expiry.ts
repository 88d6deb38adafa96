/**
 * Expiry: an order with `expiresAt` is cancelled when that time comes (onDue), on the injected
 * scheduler. Timers longer than setTimeout allows are re-armed in steps; after a restart the
 * unfinished orders are armed again, and those already due go at once.
 */
import type { Clock } from '../../../engine/clock.js';
import type { Order } from '../../../engine/orders/order-model.js';
import { isTerminal } from '../../../engine/orders/order-state.js';
import type { Scheduler, TimerHandle } from '../../../engine/scheduler.js';

const MAX_TIMER_MS = 2 ** 31 - 1;

export type Expiry = {
  arm(order: Order): void;
  /** Tries again later (e.g. the order's outcome was not known yet when it fell due). */
  retry(clientOrderId: string, inMs: number): void;
  disarm(clientOrderId: string): void;
  pending(): number;
  close(): void;
};

export function createExpiry(o: {
  scheduler: Scheduler;
  clock: Clock;
  onDue: (clientOrderId: string) => Promise<void>;
}): Expiry {
  const timers = new Map<string, { at: number; handle: TimerHandle }>();
  let closed = false;

  function schedule(id: string, at: number): void {
    if (closed) return;
    disarm(id);
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, at - o.clock.now()));
    const handle = o.scheduler.setTimeout(() => {
      timers.delete(id);
      if (o.clock.now() < at) schedule(id, at);
      else void o.onDue(id);
    }, delay);
    timers.set(id, { at, handle });
  }

  function disarm(id: string): void {
    const timer = timers.get(id);
    if (!timer) return;
    o.scheduler.clearTimeout(timer.handle);
    timers.delete(id);
  }

  return {
    arm(order) {
      if (order.expiresAt === null || isTerminal(order.status)) return;
      schedule(order.clientOrderId, order.expiresAt);
    },
    retry(id, inMs) {
      schedule(id, o.clock.now() + inMs);
    },
    disarm,
    pending: () => timers.size,
    close() {
      closed = true;
      for (const id of [...timers.keys()]) disarm(id);
    },
  };
}
