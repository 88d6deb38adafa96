/**
 * The simulated exchange behind the execution port, for SIMULATOR (the simulator's book) and
 * PAPER (an exchange's live book through ccxt): the same code fills both.
 *
 * - Market orders walk the book with the taker fee and slippage (sim-matching.ts). What the book
 *   cannot fill is cancelled, as an immediate-or-cancel order: the order ends CANCELLED with the
 *   part that filled (a partial fill), never resting at a price nobody chose.
 * - Limit orders take what crosses at once (taker), and the rest rests (GTC) and fills as a maker
 *   at its price when quotes cross it, up to the crossing liquidity per quote: a large order fills
 *   in parts. IOC cancels the rest; FOK fills all at once or nothing.
 * - Its books (orders, trades, balances) are durable in its own tables and transactions
 *   (sim-exchange-repo.ts): a restart forgets nothing, as a real exchange forgets nothing.
 * - Every failure before its transaction commits is a definite rejection: it is in-process, so
 *   it knows nothing was placed. Fills reach the order manager as execution reports.
 */
import type { FeedQuote, PriceFeed } from '../../engine/market/price-feed-port.js';
import type { Clock } from '../../engine/clock.js';
import { DEFAULT_FEES, type FeeSchedule, oppositeLevels } from '../../engine/execution/book-walk.js';
import { Decimal } from '../../engine/money/decimal.js';
import type {
  ExecutionAdapter,
  ExecutionReport,
  Failure,
  PlaceRequest,
  PlaceResult,
} from '../../engine/orders/execution-port.js';
import type { Logger } from '../../logging/types.js';
import type { SimExchangeRepo } from '../../persistence/repositories/sim-exchange-repo.js';
import {
  type MatchingRules,
  SimRejection,
  balanceViews,
  holds,
  matchResting,
  placeOrder,
  toExchangeOrder,
} from './sim-matching.js';

export const DEFAULT_PAPER_BALANCES: Readonly<Record<string, Decimal>> = { USD: Decimal.parse('10000') };

/** Points where a crash test may stop the process: the exchange has committed, nobody was told yet. */
export type SimCheckpoint = 'exchange-placed' | 'exchange-matched';

/** Injected faults, for tests of recovery: answer `failure` instead of the real answer. */
export type SimFaults = {
  /** Before anything is placed (nothing happens on the exchange). */
  beforePlace?(request: PlaceRequest): Failure | null;
  /** After the order was placed: the answer is lost (placed, but the caller hears `failure`). */
  afterPlace?(request: PlaceRequest): Failure | null;
  lookup?(clientOrderId: string): Failure | null;
  cancel?(clientOrderId: string): Failure | null;
};

export type SimulatedExecutionOptions = {
  mode: 'SIMULATOR' | 'PAPER';
  repo: SimExchangeRepo;
  feed: PriceFeed;
  /** The market source this venue's prices must come from ('simulator', 'kraken'); others are ignored. */
  expectedSource?: string;
  clock: Clock;
  fees?: FeeSchedule;
  /** Extra adverse move of taker prices, basis points (default 1). */
  slippageBps?: Decimal;
  /** Book levels fetched per order (default 25). */
  depth?: number;
  /** Balances of a venue's first start (default 10,000 USD). */
  initialBalances?: Readonly<Record<string, Decimal>>;
  logger?: Logger;
  checkpoint?: (point: SimCheckpoint, clientOrderId: string) => void;
  faults?: SimFaults;
};

export type SimulatedExecution = ExecutionAdapter & {
  /** Resolves when every quote received so far has been matched (for tests and shutdown). */
  idle(): Promise<void>;
};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createSimulatedExecution(o: SimulatedExecutionOptions): SimulatedExecution {
  const { repo, feed, clock } = o;
  const fees = o.fees ?? DEFAULT_FEES;
  const depth = o.depth ?? 25;
  const slippageBps = o.slippageBps ?? Decimal.ONE;
  const listeners = new Set<(report: ExecutionReport) => void>();
  const watching = new Map<string, () => void>();
  const steps = new Map<string, Decimal>();
  let matching: Promise<void> = Promise.resolve();
  let closed = false;
  repo.seedBalances(o.initialBalances ?? DEFAULT_PAPER_BALANCES);

  const emit = (reports: ExecutionReport[]) => {
    if (reports.length === 0) return;
    // After the caller's await resumes: reports follow the answer, as on a real exchange's feed.
    queueMicrotask(() => {
      for (const report of reports) {
        for (const listener of listeners) {
          try {
            listener(report);
          } catch (error) {
            o.logger?.error('orders', 'an execution report listener failed', { error });
          }
        }
      }
    });
  };

  async function rules(symbol: string): Promise<MatchingRules> {
    if (!steps.has(symbol)) {
      const info = (await feed.markets()).find((m) => m.symbol === symbol);
      if (info) steps.set(symbol, Decimal.fromNumber(info.priceStep));
    }
    return { fees, slippageBps, priceStep: steps.get(symbol) ?? null };
  }

  function watch(symbol: string): void {
    if (closed || watching.has(symbol)) return;
    watching.set(
      symbol,
      feed.onQuote(symbol, (quote) => {
        matching = matching
          .then(() => matchQuote(quote))
          .catch((error: unknown) => {
            o.logger?.error('orders', `simulated matching on ${symbol} failed`, { error, symbol });
          });
      }),
    );
  }

  function unwatchIdle(symbol: string): void {
    if (repo.openOrders().some((x) => x.symbol === symbol)) return;
    watching.get(symbol)?.();
    watching.delete(symbol);
  }

  const foreign = () => o.expectedSource !== undefined && feed.sourceId() !== o.expectedSource;

  async function matchQuote(quote: FeedQuote): Promise<void> {
    if (foreign()) return; // another market's prices never fill this venue's orders
    const open = repo.openOrders().filter((x) => x.symbol === quote.symbol && x.price !== null);
    const crossed = open.some((x) =>
      x.side === 'buy' ? x.price!.toNumber() >= quote.ask : x.price!.toNumber() <= quote.bid,
    );
    if (!crossed || closed) {
      if (open.length === 0) unwatchIdle(quote.symbol);
      return;
    }
    const book = await feed.book(quote.symbol, depth);
    const r = await rules(quote.symbol);
    const fills = repo.transact((tx) =>
      matchResting(tx, quote.symbol, oppositeLevels(book, 'buy'), oppositeLevels(book, 'sell'), r, clock.now()),
    );
    for (const fill of fills) o.checkpoint?.('exchange-matched', fill.clientOrderId);
    emit(fills.map((fill) => ({ type: 'fill', fill })));
    unwatchIdle(quote.symbol);
  }

  for (const order of repo.openOrders()) watch(order.symbol);

  const adapter: SimulatedExecution = {
    id: repo.venue,
    mode: o.mode,
    async place(request): Promise<PlaceResult> {
      const early = o.faults?.beforePlace?.(request);
      if (early) return { outcome: 'failed', failure: early };
      let placed;
      try {
        if (closed) throw new SimRejection('EService:Unavailable: the simulated exchange is closed');
        if (foreign()) {
          throw new SimRejection(`EService:Unavailable: prices come from ${feed.sourceId()}, not ${o.expectedSource}`);
        }
        const book = await feed.book(request.symbol, depth);
        const r = await rules(request.symbol);
        const levels = oppositeLevels(book, request.side);
        placed = repo.transact((tx) => placeOrder(tx, request, levels, r, clock.now()));
      } catch (error) {
        const reason =
          error instanceof SimRejection ? error.message : `no price for ${request.symbol}: ${message(error)}`;
        return { outcome: 'failed', failure: { kind: 'rejected', message: reason } };
      }
      o.checkpoint?.('exchange-placed', request.clientOrderId);
      const lost = o.faults?.afterPlace?.(request);
      if (lost) return { outcome: 'failed', failure: lost };
      const { order, fills, cancelReason } = placed;
      const reports: ExecutionReport[] = fills.map((fill) => ({ type: 'fill', fill }));
      if (cancelReason)
        reports.push({
          type: 'cancelled',
          clientOrderId: request.clientOrderId,
          at: order.updatedAt,
          reason: cancelReason,
        });
      emit(reports);
      if (order.status === 'open') watch(order.symbol);
      return { outcome: 'accepted', exchangeOrderId: order.exchangeOrderId, at: order.createdAt };
    },
    async cancel(clientOrderId, _symbol, exchangeOrderId) {
      const fault = o.faults?.cancel?.(clientOrderId);
      if (fault) return { outcome: 'failed', failure: fault };
      const at = clock.now();
      const result = repo.transact((tx) => {
        const order = (exchangeOrderId ? tx.order(exchangeOrderId) : null) ?? repo.latestByClientId(clientOrderId);
        if (!order) return { outcome: 'not_open' as const, message: 'EOrder:Unknown order' };
        if (order.status !== 'open') return { outcome: 'not_open' as const, message: `the order is ${order.status}` };
        tx.updateOrder(order.exchangeOrderId, { filled: order.filled, status: 'canceled', at });
        return { outcome: 'cancelled' as const, at };
      });
      return result;
    },
    async lookup(clientOrderId) {
      const fault = o.faults?.lookup?.(clientOrderId);
      if (fault) return { found: 'unknown', failure: fault };
      const order = repo.latestByClientId(clientOrderId);
      if (!order) return { found: false };
      return { found: true, order: toExchangeOrder(order), fills: repo.tradesOf(order.exchangeOrderId) };
    },
    async openOrders() {
      return repo.openOrders().map(toExchangeOrder);
    },
    async trades(since) {
      return repo.tradesSince(since);
    },
    async balances() {
      return balanceViews(repo.balances(), holds(repo.openOrders(), fees));
    },
    onReport(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    idle: () => matching,
    async close() {
      closed = true;
      for (const stop of watching.values()) stop();
      watching.clear();
      await matching;
      listeners.clear();
    },
  };
  return adapter;
}
