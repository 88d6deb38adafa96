import type { Exchange, Order, Trade } from 'ccxt';
import { Decimal } from '../../engine/money/decimal.js';
import type { ExchangeOrder, Failure, Lookup, LookupKey } from '../../engine/orders/execution-port.js';
import type { Fill } from '../../engine/orders/order-events.js';
import type { Logger } from '../../logging/types.js';
import { clientIdOf, toExchangeOrder, toFill } from './ccxt-convert.js';

/**
 * The read side of live execution: finding orders by the exchange's order id (in bulk) or by our
 * client order id (open, then closed), with their fills; our open orders; and our trades since a
 * time with the client id of the order each belongs to.
 */

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure; names: readonly string[] };

export type QueryContext = {
  ex: Exchange;
  exchangeId: string;
  /**
   * A private read through the key's lane, with the read retry policy; `cost` is its weight on
   * the exchange's rate counter (Kraken: 2 for the trade history, 1 for other queries).
   */
  read<T>(what: string, call: () => Promise<T>, cost?: number): Promise<Outcome<T>>;
  logger?: Logger;
};

/** Kraken's TradesHistory and ClosedOrders pages hold 50 entries, newest first; `ofs` pages on. */
const KRAKEN_PAGE = 50;
/** 10,000 trades: more in the window asked is answered 'unknown' rather than cut short. */
const MAX_PAGES = 200;
/** How many order ids one Kraken QueryOrders takes (its documentation: 50 at most). */
const ORDERS_PER_QUERY = 50;
/**
 * Trade ids per QueryTrades through ccxt 4.5.84's fetchOrderTrades: it batches by 20 but sends an
 * extra empty batch when the count is a multiple of 20, which Kraken refuses; 19 never does.
 */
const TRADES_PER_QUERY = 19;

const unknown = (message: string, retryAfterMs?: number): Failure =>
  retryAfterMs === undefined ? { kind: 'unknown', message } : { kind: 'unknown', message, retryAfterMs };
const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Our trades since `since` (UTC ms), de-duplicated by trade id, oldest first. On Kraken every page
 * of the whole account's history since then (not filtered by symbol: a page of another symbol's
 * trades must not end the paging), until a page holds fewer than 50.
 */
export async function tradesSince(
  ctx: QueryContext,
  symbol: string | undefined,
  since: number,
): Promise<Outcome<Trade[]>> {
  // Kraken's `start` is whole seconds and exclusive: ask from the second before, filter here.
  const from = Math.floor(since / 1000) * 1000 - 1000;
  const byId = new Map<string, Trade>();
  const paged = ctx.exchangeId === 'kraken';
  const asked = paged ? undefined : symbol;
  const sorted = () => [...byId.values()].sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
  for (let page = 0; page < (paged ? MAX_PAGES : 1); page += 1) {
    const params = paged ? { ofs: page * KRAKEN_PAGE } : {};
    const got = await ctx.read(
      `the trade history${asked ? ` of ${asked}` : ''}`,
      () => ctx.ex.fetchMyTrades(asked, from, undefined, params),
      2,
    );
    if (!got.ok) return got;
    for (const t of got.value) {
      if (t.id && (t.timestamp ?? 0) >= since && (symbol === undefined || t.symbol === symbol)) byId.set(t.id, t);
    }
    if (!paged || got.value.length < KRAKEN_PAGE) return { ok: true, value: sorted() };
  }
  const message = `${ctx.exchangeId} has more than ${MAX_PAGES * KRAKEN_PAGE} trades since ${new Date(since).toISOString()}`;
  return { ok: false, failure: unknown(message), names: [] };
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

/** The answer for one order the exchange described, given the trades it lists (by id). */
function answer(ctx: QueryContext, key: LookupKey, found: Order, trades: ReadonlyMap<string, Trade>): Lookup {
  const order = toExchangeOrder(found, ctx.exchangeId);
  if (typeof order === 'string') return { found: 'unknown', failure: unknown(order) };
  const clientOrderId = key.clientOrderId;
  if (order.filled.isZero()) return { found: true, order: { ...order, clientOrderId }, fills: [] };
  const fills: Fill[] = [];
  for (const t of trades.values()) {
    if (t.order !== order.exchangeOrderId) continue;
    const fill = toFill(t, clientOrderId, ctx.ex);
    if (typeof fill === 'string') return { found: 'unknown', failure: unknown(fill) };
    fills.push(fill);
  }
  fills.sort((a, b) => a.time - b.time);
  const seen = Decimal.sum(fills.map((f) => f.quantity));
  if (!seen.eq(order.filled)) {
    return {
      found: 'unknown',
      failure: unknown(
        `${ctx.exchangeId} reports ${order.filled.toString()} of order ${clientOrderId} filled, but its trade history ` +
          `shows ${seen.toString()} so far; asking again later.`,
      ),
    };
  }
  return { found: true, order: { ...order, clientOrderId }, fills };
}

/** The trades with these ids (Kraken QueryTrades), or the failure. */
async function tradesByIds(ctx: QueryContext, ids: readonly string[]): Promise<Outcome<Map<string, Trade>>> {
  const out = new Map<string, Trade>();
  for (const batch of chunks(ids, TRADES_PER_QUERY)) {
    // fetchOrderTrades queries by params.trades only; its order id is not sent.
    const got = await ctx.read('the trades of orders', () =>
      ctx.ex.fetchOrderTrades(batch[0]!, undefined, undefined, undefined, { trades: batch }),
    );
    if (!got.ok) return got;
    for (const t of got.value) if (t.id) out.set(t.id, t);
  }
  return { ok: true, value: out };
}

const tradeIdsOf = (o: Order): string[] =>
  (o.trades ?? []).map((t) => t.id).filter((id): id is string => typeof id === 'string' && id !== '');

/**
 * Kraken: orders by exchange order id, 50 per QueryOrders with their trade ids, then their trades
 * by id (QueryTrades): no paging through the account's history, whatever else trades on it. A
 * batch refused as a whole (an id it does not know) is asked one by one; an id refused alone is
 * found:false. An order whose vol_exec is ahead of the trades listed is 'unknown' (asked again).
 */
async function krakenByExchangeIds(ctx: QueryContext, keys: readonly LookupKey[]): Promise<Map<string, Lookup>> {
  const results = new Map<string, Lookup>();
  const described: { key: LookupKey; order: Order }[] = [];
  const byTxid = new Map(keys.map((k) => [k.exchangeOrderId!, k]));
  const queryBatch = async (ids: string[]): Promise<void> => {
    const got = await ctx.read(`the orders ${ids.length === 1 ? ids[0] : `(${ids.length})`}`, (): Promise<Order[]> =>
      ctx.ex.fetchOrdersByIds(ids, undefined, { trades: true }),
    );
    if (!got.ok) {
      if (got.failure.kind === 'rejected' && ids.length > 1) {
        for (const id of ids) await queryBatch([id]);
        return;
      }
      for (const id of ids) {
        const key = byTxid.get(id)!;
        results.set(
          key.clientOrderId,
          got.failure.kind === 'rejected' ? { found: false } : { found: 'unknown', failure: got.failure },
        );
      }
      return;
    }
    for (const o of got.value) {
      const key = o.id ? byTxid.get(o.id) : undefined;
      if (key) described.push({ key, order: o });
    }
    for (const id of ids) {
      const key = byTxid.get(id)!;
      if (!described.some((d) => d.key === key)) results.set(key.clientOrderId, { found: false });
    }
  };
  for (const batch of chunks([...byTxid.keys()], ORDERS_PER_QUERY)) await queryBatch(batch);
  const needed = described.filter((d) => Number(d.order.filled ?? 0) > 0).flatMap((d) => tradeIdsOf(d.order));
  const trades =
    needed.length > 0 ? await tradesByIds(ctx, needed) : { ok: true as const, value: new Map<string, Trade>() };
  for (const d of described) {
    if (!trades.ok && Number(d.order.filled ?? 0) > 0) {
      results.set(d.key.clientOrderId, { found: 'unknown', failure: trades.failure });
    } else results.set(d.key.clientOrderId, answer(ctx, d.key, d.order, trades.ok ? trades.value : new Map()));
  }
  return results;
}

/** Elsewhere: the order by its id (fetchOrder), its fills from the trade history of its symbol. */
async function genericByExchangeId(ctx: QueryContext, key: LookupKey): Promise<Lookup> {
  const got = await ctx.read(`the order ${key.exchangeOrderId}`, () =>
    ctx.ex.fetchOrder(key.exchangeOrderId!, key.symbol),
  );
  if (!got.ok) {
    return got.names.includes('OrderNotFound') ? { found: false } : { found: 'unknown', failure: got.failure };
  }
  if (Number(got.value.filled ?? 0) === 0) return answer(ctx, key, got.value, new Map());
  const trades = await tradesSince(ctx, key.symbol, (got.value.timestamp ?? 0) - 1000);
  if (!trades.ok) return { found: 'unknown', failure: trades.failure };
  return answer(ctx, key, got.value, new Map(trades.value.map((t) => [t.id!, t])));
}

/** Orders by the exchange's order id (each key must have one), with their fills; keyed by client order id. */
export async function lookupByExchangeIds(ctx: QueryContext, keys: readonly LookupKey[]): Promise<Map<string, Lookup>> {
  if (ctx.exchangeId === 'kraken') return krakenByExchangeIds(ctx, keys);
  const out = new Map<string, Lookup>();
  for (const key of keys) out.set(key.clientOrderId, await genericByExchangeId(ctx, key));
  return out;
}

/**
 * Finds the order that carries `clientOrderId`: open orders first, then closed ones (an order
 * moves only from open to closed, so one that changes in between is still seen), then its fills
 * by its exchange id. found:false only when both queries answered and neither has it.
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
  const key: LookupKey = { clientOrderId, symbol, exchangeOrderId: found.id ?? null };
  if (Number(found.filled ?? 0) === 0 || !found.id) return answer(ctx, key, found, new Map());
  const byId = await lookupByExchangeIds(ctx, [key]);
  return byId.get(clientOrderId) ?? { found: 'unknown', failure: unknown(`${exchangeId} lost order ${found.id}`) };
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
