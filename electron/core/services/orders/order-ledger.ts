/**
 * The orders of the active venue and its portfolio, in memory, kept in step with the journal:
 * every change goes through applyOrderEvent, then the journal records the applied events, the
 * order's row, its new fills and the portfolio in one transaction, then the UI is told. A fill is
 * applied to the portfolio exactly once (by trade id); one the portfolio cannot take yet (a sell
 * reported before the buy that funded it) is recorded as deferred and applied as soon as it can.
 */
import type { FillView, OrderView, PortfolioView } from '../../../../shared/domain/orders.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import type { Clock } from '../../../engine/clock.js';
import type { Decimal } from '../../../engine/money/decimal.js';
import type { Fill, OrderCreationEvent, OrderEvent } from '../../../engine/orders/order-events.js';
import { type Order, type OrderError, initOrder } from '../../../engine/orders/order-model.js';
import { applyOrderEvent } from '../../../engine/orders/order-reducer.js';
import { isTerminal } from '../../../engine/orders/order-state.js';
import { toFillView, toOrderView } from '../../../engine/orders/order-view.js';
import type { LockOptions } from '../../../engine/portfolio/balances.js';
import { Portfolio, type PortfolioSnapshot } from '../../../engine/portfolio/portfolio.js';
import type { Logger } from '../../../logging/types.js';
import type { OrderJournal } from '../../../persistence/repositories/order-journal.js';

/** Where order changes are announced (the event bus in the app). */
export type OrderEvents = {
  order(view: OrderView, venue: string): void;
  fill(view: FillView): void;
  portfolio(view: PortfolioView): void;
};

export type ApplyResult = { order: Order; applied: OrderEvent[]; errors: OrderError[] };

export type Ledger = {
  readonly venue: string;
  portfolio(): Portfolio;
  /** The order: from memory if unfinished, else rebuilt from the journal; null if unknown. */
  get(clientOrderId: string): Order | null;
  /** Unfinished orders of the venue, oldest first. */
  live(): Order[];
  /** Records a new order (and follow-up events) in one transaction; `also` runs inside it (the audit entry). */
  create(creation: OrderCreationEvent, more?: readonly OrderEvent[], also?: (order: Order) => void): Order;
  /** Applies events (the invalid ones are returned as errors, not applied) and records what changed. */
  apply(clientOrderId: string, events: readonly OrderEvent[], also?: (order: Order) => void): ApplyResult;
  /** Fills recorded that the portfolio could not take yet. */
  deferred(): readonly Fill[];
  /** Replaces a balance with the exchange's figure (live trading) and records the portfolio. */
  setBalance(currency: string, total: Decimal): void;
  marks(): Record<string, Decimal>;
  setMark(symbol: string, price: Decimal): void;
};

export type LedgerOptions = {
  venue: string;
  journal: OrderJournal;
  orders: readonly Order[];
  portfolio: PortfolioSnapshot;
  clock: Clock;
  logger: Logger;
  events: OrderEvents;
  lockOptions?: (order: Order) => LockOptions;
};

export function createLedger(o: LedgerOptions): Ledger {
  const { venue, journal, logger, events } = o;
  const live = new Map<string, Order>();
  const marks: Record<string, Decimal> = {};
  const wasApplied = (tradeId: string) => journal.fillApplied(tradeId);
  let portfolio = Portfolio.restore(o.portfolio, wasApplied);
  let deferred: Fill[] = journal.deferredFills(venue);
  const lockOptions = o.lockOptions ?? (() => ({}));
  for (const order of o.orders) {
    if (isTerminal(order.status)) continue;
    live.set(order.clientOrderId, order);
    portfolio.syncOrderLock(order, lockOptions(order));
  }

  function get(id: string): Order | null {
    const known = live.get(id);
    if (known) return known;
    const replayed = journal.replay(id);
    if (replayed === null) return null;
    if ('problem' in replayed)
      throw new AppError('internal', `order ${id} cannot be rebuilt: ${replayed.problem.message}`);
    return replayed.loaded.order;
  }

  /** Records, keeps the portfolio in step, then tells the UI. On a failed write the portfolio is restored. */
  function commit(
    order: Order,
    recorded: readonly (OrderEvent | OrderCreationEvent)[],
    also?: (order: Order) => void,
  ): void {
    const fills = recorded.flatMap((e) =>
      e.type === 'OrderFilled' || e.type === 'OrderPartiallyFilled' ? [e.fill] : [],
    );
    const before = fills.length > 0 ? portfolio.snapshot() : null;
    const deferredNow = new Set<string>();
    const appliedLater: string[] = [];
    for (const fill of fills) {
      const result = portfolio.applyFill(fill);
      if (!result.ok) {
        deferredNow.add(fill.tradeId);
        logger.warn('orders', `fill ${fill.tradeId} waits for the portfolio: ${result.error}`, { symbol: fill.symbol });
      }
    }
    if (fills.length > deferredNow.size) {
      for (const fill of deferred) if (portfolio.applyFill(fill).ok) appliedLater.push(fill.tradeId);
    }
    portfolio.syncOrderLock(order, lockOptions(order));
    try {
      journal.atomically(() => {
        journal.record(order.clientOrderId, recorded, {
          venue,
          order,
          deferredFills: deferredNow,
          appliedLater,
          ...(before ? { portfolio: portfolio.snapshot() } : {}),
        });
        also?.(order);
      });
    } catch (error) {
      if (before) portfolio = Portfolio.restore(before, wasApplied);
      for (const order of live.values()) portfolio.syncOrderLock(order, lockOptions(order));
      throw error;
    }
    deferred = [
      ...deferred.filter((f) => !appliedLater.includes(f.tradeId)),
      ...fills.filter((f) => deferredNow.has(f.tradeId)),
    ];
    if (isTerminal(order.status)) live.delete(order.clientOrderId);
    else live.set(order.clientOrderId, order);
    events.order(toOrderView(order), venue);
    for (const fill of fills) {
      marks[fill.symbol] = fill.price;
      events.fill(toFillView(fill));
    }
    if (before) events.portfolio(portfolio.view(marks));
  }

  return {
    venue,
    portfolio: () => portfolio,
    get,
    live: () => [...live.values()].sort((a, b) => a.createdAt - b.createdAt),
    create(creation, more = [], also) {
      const started = initOrder(creation);
      if (!started.ok) throw new AppError('invalid_input', started.error.message);
      if (journal.has(creation.clientOrderId)) {
        throw new AppError('conflict', `client order id ${creation.clientOrderId} is already in the journal`);
      }
      let order = started.order;
      for (const event of more) {
        const result = applyOrderEvent(order, event);
        if (!result.ok) throw new AppError('internal', result.error.message);
        order = result.order;
      }
      commit(order, [creation, ...more], also);
      return order;
    },
    apply(id, list, also) {
      const start = get(id);
      if (start === null) throw new AppError('not_found', `no order with client order id ${id}`);
      let order = start;
      const applied: OrderEvent[] = [];
      const errors: OrderError[] = [];
      for (const event of list) {
        const result = applyOrderEvent(order, event);
        if (!result.ok) errors.push(result.error);
        else if (result.outcome === 'applied') {
          applied.push(event);
          order = result.order;
        }
      }
      for (const error of errors)
        logger.warn('orders', `order event not applied: ${error.message}`, { code: error.code });
      if (applied.length > 0) commit(order, applied, also);
      else also?.(order);
      return { order, applied, errors };
    },
    deferred: () => deferred,
    setBalance(currency, total) {
      const result = portfolio.setBalance(currency, total);
      if (!result.ok) throw new AppError('invalid_input', result.error);
      journal.savePortfolio(venue, portfolio.snapshot(), o.clock.now());
      events.portfolio(portfolio.view(marks));
    },
    marks: () => ({ ...marks }),
    setMark(symbol, price) {
      marks[symbol] = price;
    },
  };
}
