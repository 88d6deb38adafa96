import type { Exchange, Order, Trade } from 'ccxt';
import { Decimal } from '../../engine/money/decimal.js';
import type { ExchangeOrder, Failure, Lookup } from '../../engine/orders/execution-port.js';
import type { Fill } from '../../engine/orders/order-events.js';
import type { Logger } from '../../logging/types.js';
import { clientIdOf, toExchangeOrder, toFill } from './ccxt-convert.js';

/**
 * The read side of live execution: finding an order by our client order id (open, then closed)
 * with its fills from the trade history, our open orders, and our trades since a time with the
 * client id of the order each belongs to.
 */

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure; names: readonly string[] };

export type QueryContext = {
  ex: Exchange;
  exchangeId: string;
  /** A private read through the key's lane, with the read retry policy. */
  read<T>(what: string, call: () => Promise<T>): Promise<Outcome<T>>;
  logger?: Logger;
};

/** Kraken's TradesHistory and ClosedOrders pages hold 50 entries, newest first; `ofs` pages on. */
const KRAKEN_PAGE = 50;
const MAX_PAGES = 40;
/** How many order ids one Kraken QueryOrders takes. */
const ORDERS_PER_QUERY = 20;

const unknown = (message: string): Failure => ({ kind: 'unknown', message });

/** Our trades since `since` (UTC ms), all pages, de-duplicated by trade id, oldest first. */
export async function tradesSince(
  ctx: QueryContext,
  symbol: string | undefined,
  since: number,
): Promise<Outcome<Trade[]>> {
  // Kraken's `start` is whole seconds and exclusive: ask from the second before, filter here.
  const from = Math.floor(since / 1000) * 1000 - 1000;
  const byId = new Map<string, Trade>();
  const paged = ctx.exchangeId === 'kraken';
  for (let page = 0; page < (paged ? MAX_PAGES : 1); page += 1) {
    const params = paged ? { ofs: page * KRAKEN_PAGE } : {};
    const got = await ctx.read(`the trade history${symbol ? ` of ${symbol}` : ''}`, () =>
      ctx.ex.fetchMyTrades(symbol, from, undefined, params),
    );
    if (!got.ok) return got;
    for (const t of got.value) if (t.id && (t.timestamp ?? 0) >= since) byId.set(t.id, t);
    if (got.value.length < KRAKEN_PAGE) break;
  }
  return { ok: true, value: [...byId.values()].sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0)) };
}

function pick(orders: Order[], exchangeId: string, clientOrderId: string, logger?: Logger): Order | null {
  const ours = orders.filter((o) => clientIdOf(o, exchangeId) === clientOrderId);
  if (ours.length > 1) {
    logger?.error('orders', `${exchangeId} has ${ours.length} orders with client order id ${clientOrderId}`, {
      clientOrderId,
      exchangeOrderIds: ours.map((o) => o.id),
    });
  }
  return ours.sort((a, b) => (b.timestamp ?? 0) - (a.timestamp ?? 0))[0] ?? null;
}

/**
 * Finds the order that carries `clientOrderId`: open orders first, then closed ones (an order
 * moves only from open to closed, so one that changes in between is still seen). found:false only
 * when both queries answered and neither has it.
 */
export async function lookupByClientId(ctx: QueryContext, clientOrderId: string, symbol: string): Promise<Lookup> {
  const { ex, exchangeId } = ctx;
  const params = { clientOrderId };
  const open = await ctx.read(`the open order ${clientOrderId}`, () =>
    ex.fetchOpenOrders(symbol, undefined, undefined, params),
  );
  if (!open.ok) return { found: 'unknown', failure: open.failure };
  let found = pick(open.value, exchangeId, clientOrderId, ctx.logger);
  if (!found) {
    const closed = await ctx.read(`the closed order ${clientOrderId}`, () =>
      ex.fetchClosedOrders(symbol, undefined, undefined, params),
    );
    if (!closed.ok) return { found: 'unknown', failure: closed.failure };
    found = pick(closed.value, exchangeId, clientOrderId, ctx.logger);
  }
  if (!found) return { found: false };
  const order = toExchangeOrder(found, exchangeId);
  if (typeof order === 'string') return { found: 'unknown', failure: unknown(order) };
  if (order.filled.isZero()) return { found: true, order: { ...order, clientOrderId }, fills: [] };
  const trades = await tradesSince(ctx, symbol, order.timestamp - 1000);
  if (!trades.ok) return { found: 'unknown', failure: trades.failure };
  const fills: Fill[] = [];
  for (const t of trades.value.filter((x) => x.order === order.exchangeOrderId)) {
    const fill = toFill(t, clientOrderId, ex);
    if (typeof fill === 'string') return { found: 'unknown', failure: unknown(fill) };
    fills.push(fill);
  }
  const seen = Decimal.sum(fills.map((f) => f.quantity));
  if (!seen.eq(order.filled)) {
    return {
      found: 'unknown',
      failure: unknown(
        `${exchangeId} reports ${order.filled.toString()} of order ${clientOrderId} filled, but its trade history ` +
          `shows ${seen.toString()} so far; asking again later.`,
      ),
    };
  }
  return { found: true, order: { ...order, clientOrderId }, fills };
}

/** Every open order (ours and others'), skipping those the port cannot describe (logged). */
export async function openOrdersNow(ctx: QueryContext): Promise<readonly ExchangeOrder[] | Failure> {
  const got = await ctx.read('the open orders', () => ctx.ex.fetchOpenOrders());
  if (!got.ok) return got.failure;
  const out: ExchangeOrder[] = [];
  for (const o of got.value) {
    const order = toExchangeOrder(o, ctx.exchangeId);
    if (typeof order === 'string') ctx.logger?.warn('exchange', `skipped an open order: ${order}`);
    else out.push(order);
  }
  return out;
}

/**
 * Our trades since `since`, each with the client order id of its order (asked in batches by
 * exchange order id); '' when the order carries none (placed outside this app: match those by
 * exchangeOrderId).
 */
export async function fillsSince(ctx: QueryContext, since: number): Promise<readonly Fill[] | Failure> {
  const trades = await tradesSince(ctx, undefined, since);
  if (!trades.ok) return trades.failure;
  const orderIds = [...new Set(trades.value.map((t) => t.order).filter((id): id is string => !!id))];
  const clientIds = new Map<string, string>();
  // Kraken defines fetchOrdersByIds (QueryOrders) without declaring it in `has`.
  if (typeof (ctx.ex as { fetchOrdersByIds?: unknown }).fetchOrdersByIds === 'function') {
    for (let i = 0; i < orderIds.length; i += ORDERS_PER_QUERY) {
      const ids = orderIds.slice(i, i + ORDERS_PER_QUERY);
      const got = await ctx.read('the orders of recent trades', (): Promise<Order[]> => ctx.ex.fetchOrdersByIds(ids));
      if (!got.ok) return got.failure;
      for (const o of got.value) if (o.id) clientIds.set(o.id, clientIdOf(o, ctx.exchangeId) ?? '');
    }
  }
  const fills: Fill[] = [];
  for (const t of trades.value) {
    const fill = toFill(t, clientIds.get(t.order ?? '') ?? '', ctx.ex);
    if (typeof fill === 'string') return unknown(fill);
    fills.push(fill);
  }
  return fills;
}
