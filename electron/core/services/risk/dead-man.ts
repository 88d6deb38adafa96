/**
 * The exchange-side dead man's switch: while a LIVE adapter that supports it (ccxt's
 * cancelAllOrdersAfter, Kraken's CancelAllOrdersAfter) is active and trading is not halted, a
 * heartbeat every 15 s asks the exchange to cancel every open order 60 s from now. If the machine
 * dies, the app hangs or the network goes, the heartbeats stop and the exchange cancels the
 * orders itself. A clean shutdown disarms it (timeout 0) so resting orders stay. After a restart
 * the first heartbeat goes out as soon as the venue's adapter is open, before reconciliation
 * (which runs beside it); the heartbeat is the key's most urgent private call (ccxt-key-lane.ts).
 */
import type { DeadManSwitchStatus } from '../../../../shared/domain/risk-view.js';
import type { Clock } from '../../../engine/clock.js';
import type { ExecutionAdapter, Failure } from '../../../engine/orders/execution-port.js';
import type { Scheduler, TimerHandle } from '../../../engine/scheduler.js';
import type { Logger } from '../../../logging/types.js';
import type { OrderService } from '../orders/order-service.js';

/** How often the heartbeat looks for the venue while trading is starting. */
const STARTING_POLL_MS = 100;

export type DeadManCapable = ExecutionAdapter & { cancelAllAfter(ms: number): Promise<true | Failure> };

export function supportsDeadMan(adapter: ExecutionAdapter | undefined): adapter is DeadManCapable {
  return adapter !== undefined && typeof (adapter as Partial<DeadManCapable>).cancelAllAfter === 'function';
}

export type DeadManSwitch = {
  status(): DeadManSwitchStatus;
  /** One heartbeat now (what the timer runs). */
  beat(): Promise<void>;
  start(): void;
  /** Stops the heartbeat and disarms the exchange's timer (clean shutdown). */
  close(): Promise<void>;
};

export function createDeadManSwitch(d: {
  orders: OrderService;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  onChange: () => void;
  intervalMs?: number;
  timeoutMs?: number;
  /** The trader's choice (risk settings liveProtection): 'native_stops' keeps the switch off. */
  protection?: () => 'dead_man' | 'native_stops';
}): DeadManSwitch {
  const intervalMs = d.intervalMs ?? 15_000;
  const timeoutMs = d.timeoutMs ?? 60_000;
  let status: DeadManSwitchStatus = {
    state: 'off',
    detail: 'off: it runs while trading LIVE on an exchange that supports it',
    lastArmedAt: null,
    expiresAt: null,
  };
  let armedOn: DeadManCapable | null = null;
  let timer: TimerHandle | null = null;
  let running = false;

  function set(next: DeadManSwitchStatus): void {
    const changed = next.state !== status.state || next.detail !== status.detail;
    status = next;
    if (changed) d.onChange();
  }

  const off = (detail: string) => set({ state: 'off', detail, lastArmedAt: status.lastArmedAt, expiresAt: null });

  async function beat(): Promise<void> {
    // The session being reconciled counts: after a restart the heartbeat resumes at once, beside
    // reconciliation (which may take a while), not after it.
    const s = d.orders.opening();
    const adapter = s?.mode === 'LIVE' ? s.adapter : undefined;
    if (!s || s.mode !== 'LIVE') return off('off: it runs while trading LIVE');
    if (!supportsDeadMan(adapter)) return off(`off: ${s.exchangeId ?? s.venue} has no cancel-all-after in ccxt`);
    // Only what refuses every order turns it off (the kill switch lets exits through: it stays on).
    if (d.protection?.() === 'native_stops') {
      // It would cancel the native stops too: disarm it on the exchange and keep it off.
      const armed = armedOn;
      armedOn = null;
      if (armed) await armed.cancelAllAfter(0).catch(() => false);
      return off(
        "off by the trader's choice (Risk tab): native stop orders stay on the exchange while the app is closed, " +
          'so resting orders are not cancelled when the app stops answering',
      );
    }
    const halted = s.halt.reason;
    if (halted) return off(`off while trading is halted: ${halted}`);
    const result = await adapter.cancelAllAfter(timeoutMs).catch((error: unknown) => ({
      kind: 'unknown' as const,
      message: error instanceof Error ? error.message : String(error),
    }));
    const now = d.clock.now();
    if (result === true) {
      armedOn = adapter;
      set({
        state: 'armed',
        detail: `armed on ${adapter.id}: the exchange cancels every open order if no heartbeat arrives for ${timeoutMs / 1000} s`,
        lastArmedAt: now,
        expiresAt: now + timeoutMs,
      });
      return;
    }
    d.logger.warn('risk', `the dead man's switch heartbeat failed: ${result.message}`);
    set({
      state: 'failing',
      detail: `the heartbeat failed (${result.message}); retrying every ${intervalMs / 1000} s`,
      lastArmedAt: status.lastArmedAt,
      expiresAt: status.expiresAt,
    });
  }

  function schedule(): void {
    if (!running) return;
    // While no venue is open yet (the app is starting), look again soon rather than in 15 s.
    const starting = d.orders.opening() === null && d.orders.status().halted === null;
    timer = d.scheduler.setTimeout(() => void beat().finally(schedule), starting ? STARTING_POLL_MS : intervalMs);
  }

  return {
    status: () => status,
    beat,
    start() {
      if (running) return;
      running = true;
      void beat().finally(schedule);
    },
    async close() {
      running = false;
      if (timer !== null) d.scheduler.clearTimeout(timer);
      timer = null;
      const adapter = armedOn;
      armedOn = null;
      if (!adapter || status.state === 'off') return;
      const result = await adapter.cancelAllAfter(0).catch(() => false as const);
      if (result === true) d.logger.info('risk', "the dead man's switch is disarmed (clean shutdown)");
      else d.logger.warn('risk', "the dead man's switch could not be disarmed: the exchange will cancel open orders");
    },
  };
}
