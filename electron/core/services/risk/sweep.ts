/**
 * What an engaged kill switch does, again and again until it is done: stop the strategies, cancel
 * every open order (including one whose placement is still in flight: its cancel waits for the
 * answer), and for FLATTEN sell every position at market (exits pass the gate). A cancel the
 * exchange did not answer, an order whose outcome is unknown, a position that could not be sold:
 * each is tried again (250 ms, doubling to 5 s) until two passes in a row find nothing left.
 */
import type { KillSwitchMode } from '../../../../shared/domain/risk.js';
import type { MarketInfo } from '../../../../shared/domain/market.js';
import { Decimal } from '../../../engine/money/decimal.js';
import { isEngineManaged } from '../../../engine/orders/order-model.js';
import type { Scheduler, TimerHandle } from '../../../engine/scheduler.js';
import type { Clock } from '../../../engine/clock.js';
import type { Logger } from '../../../logging/types.js';
import type { OrderService } from '../orders/order-service.js';
import { errorText } from '../orders/lookup.js';
import type { KillSwitchActions } from './kill-switch-control.js';
import type { RiskMarket, StopStrategies } from './ports.js';

const DELAYS_MS = [250, 500, 1_000, 2_000, 4_000, 5_000];
const RECOVERY_EVERY_MS = 5_000;

export type SweepDeps = {
  orders: OrderService;
  market: RiskMarket;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  strategies: () => readonly StopStrategies[];
};

export function createKillSwitchActions(d: SweepDeps): KillSwitchActions & { ownOrders(): ReadonlySet<string> } {
  /** The market sells of FLATTEN: never cancelled by the sweep. */
  const own = new Set<string>();
  const unsellable = new Map<string, string>();
  let generation = 0;
  let timer: TimerHandle | null = null;
  let lastRecovery = 0;

  async function stopStrategies(reason: string): Promise<void> {
    for (const stop of d.strategies()) {
      try {
        await stop(`kill switch: ${reason}`);
      } catch (error) {
        d.logger.error('risk', 'a strategy could not be stopped by the kill switch', { error });
      }
    }
  }

  /** One pass: a cancel for every working order; answers how many were tried and how many are left. */
  async function cancelPass(reason: string): Promise<{ tried: number; left: number | null }> {
    const s = d.orders.session();
    if (!s) return { tried: 0, left: null };
    const live = s.ledger.live().filter((o) => !own.has(o.clientOrderId));
    await Promise.all(
      live.map((o) =>
        d.orders.cancel(o.clientOrderId, 'engine', `kill switch: ${reason}`).catch((error: unknown) => {
          d.logger.debug('risk', `kill switch: ${o.clientOrderId} not cancelled yet: ${errorText(error)}`);
        }),
      ),
    );
    const left = s.ledger.live().filter((o) => !own.has(o.clientOrderId));
    if (left.some((o) => o.status === 'UNKNOWN') && d.clock.now() - lastRecovery >= RECOVERY_EVERY_MS) {
      lastRecovery = d.clock.now();
      await d.orders.runRecovery().catch(() => undefined);
    }
    return { tried: live.length, left: left.length };
  }

  /** Sells every position at market, less what FLATTEN's own sells still working will sell. */
  async function closePositions(): Promise<{ closing: string[]; left: number }> {
    const s = d.orders.session();
    if (!s) return { closing: [], left: 1 };
    const markets = await d.market.markets().catch((): MarketInfo[] => []);
    const closing: string[] = [];
    let left = 0;
    for (const p of s.ledger.portfolio().snapshot().positions) {
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

  function stop(): void {
    generation++;
    if (timer !== null) d.scheduler.clearTimeout(timer);
    timer = null;
    unsellable.clear();
  }

  return {
    async perform(mode, reason) {
      stop();
      const gen = generation;
      await stopStrategies(reason);
      const first = await cancelPass(reason);
      const flat = mode === 'FLATTEN' ? await closePositions() : { closing: [] };
      if (gen === generation) loop(mode, reason, gen, 0, 0);
      return { cancelRequested: first.tried, closing: flat.closing };
    },
    stop,
    ownOrders: () => own,
  };
}
