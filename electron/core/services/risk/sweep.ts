/**
 * What an engaged kill switch does, again and again until it is done: stop the strategies, cancel
 * every open order (including one whose placement is still in flight: its cancel waits for the
 * answer), on a live account the exchange's cancel-all and a check of its open orders (orders
 * placed outside the app are reported and cancelled too), and for FLATTEN sell every position at
 * market (exits pass the gate). perform() answers as soon as the cancels are started; the progress
 * (n of m confirmed, k retried) follows. A cancel the exchange did not answer is looked up by the
 * order's client order id (which repeats the cancel if the order is still open); an order whose
 * outcome is unknown goes to recovery; a position that could not be sold is sold again: each is
 * tried again (250 ms, doubling to 5 s) until two passes in a row find nothing left.
 */
import type { KillSwitchMode } from '../../../../shared/domain/risk.js';
import type { KillSwitchProgress } from '../../../../shared/domain/risk-view.js';
import type { MarketInfo } from '../../../../shared/domain/market.js';
import { Decimal } from '../../../engine/money/decimal.js';
import { isEngineManaged, type Order } from '../../../engine/orders/order-model.js';
import { isTerminal } from '../../../engine/orders/order-state.js';
import type { Scheduler, TimerHandle } from '../../../engine/scheduler.js';
import type { Clock } from '../../../engine/clock.js';
import type { Logger } from '../../../logging/types.js';
import type { OrderService } from '../orders/order-service.js';
import { errorText, lookupAndApply } from '../orders/lookup.js';
import type { VenueSession } from '../orders/session.js';
import { cancelAccount, checkAccount } from './account-sweep.js';
import type { KillSwitchActions } from './kill-switch-control.js';
import type { RiskMarket, StopStrategies } from './ports.js';
import { createSweepProgress } from './sweep-progress.js';

const DELAYS_MS = [250, 500, 1_000, 2_000, 4_000, 5_000];
const RECOVERY_EVERY_MS = 5_000;

export type SweepDeps = {
  orders: OrderService;
  market: RiskMarket;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  strategies: () => readonly StopStrategies[];
  /** The progress changed (the header shows it). */
  onProgress?: (progress: KillSwitchProgress) => void;
  /** What the account holds per symbol (LIVE: the exchange's balances); absent: the ledger's positions. */
  positions?: (s: VenueSession) => Promise<ReadonlyMap<string, Decimal>>;
};

export function createKillSwitchActions(d: SweepDeps): KillSwitchActions & { ownOrders(): ReadonlySet<string> } {
  /** The market sells of FLATTEN: never cancelled by the sweep. */
  const own = new Set<string>();
  const unsellable = new Map<string, string>();
  const progress = createSweepProgress((view) => d.onProgress?.(view));
  let generation = 0;
  let timer: TimerHandle | null = null;
  let lastRecovery = 0;

  function stopStrategies(reason: string): void {
    for (const stop of d.strategies()) {
      // Called at once, not awaited: the answer does not wait for a strategy to wind down.
      Promise.resolve()
        .then(() => stop(`kill switch: ${reason}`))
        .catch((error: unknown) =>
          d.logger.error('risk', 'a strategy could not be stopped by the kill switch', { error }),
        );
    }
  }

  const working = (s: VenueSession) => s.ledger.live().filter((o) => !own.has(o.clientOrderId));

  /** One attempt to end one order: a cancel, or for a cancel without an answer a lookup by client order id. */
  async function endOrder(s: VenueSession, o: Order, reason: string): Promise<void> {
    const id = o.clientOrderId;
    progress.track(id);
    try {
      if (o.status === 'PENDING_CANCEL' && !isEngineManaged(o.type)) {
        await s.serial.run(id, async () => {
          const current = s.ledger.get(id);
          if (current && !isTerminal(current.status)) await lookupAndApply(s, current);
        });
      } else {
        await d.orders.cancel(id, 'engine', `kill switch: ${reason}`, { urgent: true });
      }
    } catch (error) {
      d.logger.debug('risk', `kill switch: ${id} not cancelled yet: ${errorText(error)}`);
    }
    let after: ReturnType<typeof s.ledger.get>;
    try {
      after = s.ledger.get(id);
    } catch (error) {
      // The order service closed while the cancel was under way (the app is shutting down).
      d.logger.debug('risk', `kill switch: ${id} not read back: ${errorText(error)}`);
      return;
    }
    progress.mark(id, !after || isTerminal(after.status) ? 'done' : 'retrying');
  }

  /** Starts a cancel (or lookup) for every working order; the promise settles when every attempt has. */
  function startCancels(reason: string, deferred = false): { tried: number; settled: Promise<void> } {
    const s = d.orders.session();
    if (!s) return { tried: 0, settled: Promise.resolve() };
    const live = working(s);
    const all = () => Promise.all(live.map((o) => endOrder(s, o, reason))).then(() => undefined);
    if (!deferred) return { tried: live.length, settled: all() };
    // Engage answers first: each cancel journals its PENDING_CANCEL (synchronous=FULL) before its
    // request, which for 100 orders on a busy disk is seconds; they start on the next timer turn.
    for (const o of live) progress.track(o.clientOrderId);
    const settled = new Promise<void>((resolve) => {
      d.scheduler.setTimeout(() => void all().then(resolve), 0);
    });
    return { tried: live.length, settled };
  }

  /** One pass: every working order asked again, the account checked; how many are left (null: not known). */
  async function cancelPass(reason: string): Promise<{ left: number | null }> {
    const s = d.orders.session();
    if (!s) return { left: null };
    await startCancels(reason).settled;
    const foreign = await checkAccount(s, progress, d.logger, own);
    const left = working(s);
    for (const o of left) progress.mark(o.clientOrderId, 'retrying');
    if (left.some((o) => o.status === 'UNKNOWN') && d.clock.now() - lastRecovery >= RECOVERY_EVERY_MS) {
      lastRecovery = d.clock.now();
      await d.orders.runRecovery().catch(() => undefined);
    }
    return { left: foreign === null ? null : left.length + foreign };
  }

  /** Sells every position at market, less what FLATTEN's own sells still working will sell. */
  async function closePositions(): Promise<{ closing: string[]; left: number }> {
    const s = d.orders.session();
    if (!s) return { closing: [], left: 1 };
    const markets = await d.market.markets().catch((): MarketInfo[] => []);
    const closing: string[] = [];
    let left = 0;
    const held = d.positions
      ? await d.positions(s)
      : new Map(
          s.ledger
            .portfolio()
            .snapshot()
            .positions.map((p) => [p.symbol, p.quantity]),
        );
    for (const [symbol, quantity] of held) {
      const p = { symbol, quantity };
      if (!p.quantity.isPositive() || unsellable.has(p.symbol)) continue;
      let qty = p.quantity;
      for (const o of s.ledger.live()) {
        if (o.symbol === p.symbol && o.side === 'sell' && !isEngineManaged(o.type))
          qty = qty.sub(o.quantity.sub(o.filled));
      }
      const info = markets.find((m) => m.symbol === p.symbol);
      if (info) qty = qty.roundToStep(Decimal.fromNumber(info.amountStep), 'down');
      if (!qty.isPositive() || (info && qty.lt(Decimal.fromNumber(info.minAmount)))) continue;
      try {
        const view = await d.orders.submit(
          { symbol: p.symbol, side: 'sell', type: 'market', quantity: qty.toString() },
          { actor: 'engine', source: 'user' },
        );
        own.add(view.clientOrderId);
        closing.push(p.symbol);
        if (view.status !== 'FILLED') left++;
      } catch (error) {
        left++;
        const why = errorText(error);
        if (/minimum|amount step|comes to 0/.test(why)) unsellable.set(p.symbol, why);
        d.logger.error('risk', `kill switch FLATTEN: ${qty.toString()} ${p.symbol} could not be sold yet: ${why}`, {
          symbol: p.symbol,
        });
      }
    }
    return { closing, left };
  }

  /** The positions FLATTEN is about to close (what engage() answers before the sells are placed). */
  function toClose(): string[] {
    const s = d.orders.session();
    if (!s) return [];
    return s.ledger
      .portfolio()
      .snapshot()
      .positions.filter((p) => p.quantity.isPositive() && !unsellable.has(p.symbol))
      .map((p) => p.symbol);
  }

  function loop(mode: KillSwitchMode, reason: string, gen: number, attempt: number, quiet: number): void {
    const delay = DELAYS_MS[Math.min(attempt, DELAYS_MS.length - 1)]!;
    timer = d.scheduler.setTimeout(() => {
      timer = null;
      void (async () => {
        if (gen !== generation) return;
        const pass = await cancelPass(reason);
        const flat = mode === 'FLATTEN' && gen === generation ? await closePositions() : { left: 0 };
        if (gen !== generation) return;
        const clean = pass.left === 0 && flat.left === 0;
        if (clean && quiet >= 1) {
          progress.finish(d.clock.now());
          d.logger.info(
            'risk',
            'kill switch: no open orders left' + (mode === 'FLATTEN' ? ' and every position closed' : ''),
          );
          return;
        }
        loop(mode, reason, gen, attempt + 1, clean ? quiet + 1 : 0);
      })();
    }, delay);
  }

  /** After the answer: the account-wide cancel, the first attempts, FLATTEN's sells, then the retry loop. */
  async function followUp(mode: KillSwitchMode, reason: string, gen: number, first: Promise<void>): Promise<void> {
    let s = d.orders.session();
    if (!s) {
      // At start the order service may still be reconciling: the account-wide cancel waits for it.
      await d.orders.idle().catch(() => undefined);
      s = d.orders.session();
    }
    if (s && gen === generation) {
      await cancelAccount(s, progress, d.logger).catch((error: unknown) => {
        d.logger.warn('risk', `kill switch: the account-wide cancel failed: ${errorText(error)}`);
      });
    }
    await first;
    if (mode === 'FLATTEN' && gen === generation) await closePositions();
    if (gen === generation) loop(mode, reason, gen, 0, 0);
  }

  function stop(): void {
    generation++;
    if (timer !== null) d.scheduler.clearTimeout(timer);
    timer = null;
    unsellable.clear();
    progress.stop();
  }

  return {
    perform(mode, reason) {
      stop();
      const gen = generation;
      progress.begin(d.clock.now());
      stopStrategies(reason);
      const first = startCancels(reason, true);
      const closing = mode === 'FLATTEN' ? toClose() : [];
      void followUp(mode, reason, gen, first.settled).catch((error: unknown) =>
        d.logger.error('risk', 'the kill switch follow-up failed; the loop retries', { error }),
      );
      return Promise.resolve({ cancelRequested: first.tried, closing, progress: progress.view() });
    },
    stop,
    progress: () => progress.view(),
    ownOrders: () => own,
  };
}
