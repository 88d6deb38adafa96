/**
 * After the machine slept: Electron's powerMonitor says 'resume' on the desktop; headless, a gap in
 * the engine's clock far longer than a timer's tick says the same (timers stop while the machine
 * sleeps, the wall clock does not). Either way the active venue is reconciled with the exchange
 * (recovery and sync passes, the account's balances) before any strategy or advisor order may pass
 * the gate again, and what changed meanwhile is logged and announced (risk.updated 'wake').
 */
import type { WakeState } from '../../../../shared/domain/risk-view.js';
import type { Clock } from '../../../engine/clock.js';
import type { Scheduler, TimerHandle } from '../../../engine/scheduler.js';
import type { Logger } from '../../../logging/types.js';
import type { OrderService } from '../orders/order-service.js';
import { errorText } from '../orders/lookup.js';

export type ClockGapWatch = { start(): void; stop(): void };

/** Calls `onGap` when a tick arrives more than `gapMs` later than it was due. */
export function createClockGapWatch(d: {
  clock: Clock;
  scheduler: Scheduler;
  onGap: (why: string) => void;
  tickMs?: number;
  gapMs?: number;
}): ClockGapWatch {
  const tickMs = d.tickMs ?? 5_000;
  const gapMs = d.gapMs ?? 60_000;
  let timer: TimerHandle | null = null;
  let last = 0;
  const schedule = () => {
    last = d.clock.now();
    timer = d.scheduler.setTimeout(tick, tickMs);
  };
  function tick(): void {
    const late = d.clock.now() - last - tickMs;
    if (late > gapMs) {
      d.onGap(
        `the engine's clock jumped ${Math.round(late / 1000)} s past a ${tickMs / 1000} s timer ` +
          '(the machine slept or the process was paused)',
      );
    }
    schedule();
  }
  return {
    start() {
      if (timer === null) schedule();
    },
    stop() {
      if (timer !== null) d.scheduler.clearTimeout(timer);
      timer = null;
    },
  };
}

export type WakeWatch = {
  /** The machine woke (or the clock jumped): reconcile; resolves when done. */
  wake(reason: string): Promise<void>;
  /** Why strategy and advisor orders wait, or null. */
  blocking(): string | null;
  state(): WakeState | null;
};

type Seen = { status: string; filled: string; label: string };

/** The app's working orders and balances, to say afterwards what changed. */
function snapshot(orders: OrderService): { orders: Map<string, Seen>; balances: Map<string, string> } {
  const s = orders.session();
  const out = { orders: new Map<string, Seen>(), balances: new Map<string, string>() };
  if (!s) return out;
  for (const o of s.ledger.live()) {
    out.orders.set(o.clientOrderId, {
      status: o.status,
      filled: o.filled.toString(),
      label: `${o.side} ${o.quantity.toString()} ${o.symbol} ${o.type}`,
    });
  }
  for (const [currency, total] of Object.entries(s.ledger.portfolio().snapshot().balances)) {
    out.balances.set(currency, total.toString());
  }
  return out;
}

function differences(orders: OrderService, before: ReturnType<typeof snapshot>): string[] {
  const s = orders.session();
  if (!s) return [];
  const changes: string[] = [];
  for (const [id, was] of before.orders) {
    const now = s.ledger.get(id);
    if (!now) continue;
    const filled = now.filled.toString();
    if (now.status !== was.status || filled !== was.filled) {
      changes.push(`order ${id} (${was.label}): ${was.status} -> ${now.status}, filled ${was.filled} -> ${filled}`);
    }
  }
  const after = s.ledger.portfolio().snapshot().balances;
  for (const [currency, total] of Object.entries(after)) {
    const was = before.balances.get(currency) ?? '0';
    if (total.toString() !== was) changes.push(`balance ${currency}: ${was} -> ${total.toString()}`);
  }
  return changes;
}

export function createWakeWatch(d: {
  orders: OrderService;
  clock: Clock;
  logger: Logger;
  /** Anything else to bring up to date (the account's balances in LIVE). */
  refresh?: () => Promise<void>;
  onChange: (detail: string) => void;
}): WakeWatch {
  let state: WakeState | null = null;
  let running: Promise<void> | null = null;

  async function reconcile(reason: string): Promise<void> {
    const before = snapshot(d.orders);
    const venue = d.orders.session()?.venue ?? d.orders.status().venue;
    state = { at: d.clock.now(), reason, venue, phase: 'reconciling', finishedAt: null, changes: [], error: null };
    d.logger.warn('risk', `woke from sleep (${reason}): reconciling ${venue} before strategies and the advisor act`);
    d.onChange(`reconciling ${venue} after ${reason}`);
    let error: string | null = null;
    try {
      await d.orders.runRecovery();
      await d.refresh?.();
    } catch (e) {
      error = errorText(e);
    }
    const changes = differences(d.orders, before);
    state = { ...state, phase: 'done', finishedAt: d.clock.now(), changes, error };
    const summary =
      `while the machine slept: ${changes.length} change(s) on ${venue}` +
      (changes.length > 0 ? `: ${changes.join('; ')}` : '') +
      (error ? ` (reconciliation incomplete: ${error})` : '');
    d.logger.log(changes.length > 0 || error ? 'warn' : 'info', 'risk', summary, { venue });
    d.onChange(summary);
  }

  return {
    wake(reason) {
      running ??= reconcile(reason).finally(() => {
        running = null;
      });
      return running;
    },
    blocking() {
      if (state?.phase !== 'reconciling') return null;
      return (
        `the machine woke from sleep (${state.reason}) and ${state.venue} is being reconciled with the exchange; ` +
        'strategy and advisor orders wait until it is done'
      );
    },
    state: () => state,
  };
}
