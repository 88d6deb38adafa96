import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../../engine/clock.js';
import { Decimal } from '../../../engine/money/decimal.js';
import {
  createKrakenExchange,
  type KrakenAccount,
  type KrakenExchange,
  type KrakenOrderRecord,
  type KrakenTradeRecord,
} from './kraken-private-book.js';
import type { KrakenMarket, KrakenPair } from './kraken-public.js';
import type { KrakenReply, KrakenRequest, KrakenServer } from './kraken-server.js';

/**
 * The private half of the Kraken test server: POST /0/private/{AddOrder, CancelOrder, OpenOrders,
 * ClosedOrders, QueryOrders, QueryTrades, TradesHistory, Balance, BalanceEx, CancelAllOrdersAfter} in Kraken's
 * request and response shapes as ccxt 4.5's kraken.js sends and parses them (cl_ord_id, userref,
 * txid, descr, trades, vol_exec). Requests are authenticated like Kraken does: API-Key names the
 * account, API-Sign must be base64(HMAC-SHA512(base64-decoded secret, path + SHA256(nonce + body)))
 * and the nonce must be above the account's last one ("EAPI:Invalid nonce" otherwise). AddOrder
 * honours `deadline` (RFC3339): a request handled after it is refused, as Kraken's matching
 * engine does with requests that queued too long. TradesHistory and ClosedOrders answer 50 entries
 * a page, newest first, paged with `ofs`, as Kraken does; QueryOrders with trades=true lists an
 * order's trade ids, QueryTrades (20 ids at most) describes them.
 */

/** The test server's wording for a cl_ord_id already used by an open order (Kraken's is undocumented). */
export const DUPLICATE_CL_ORD_ID = 'EOrder:Duplicate cl_ord_id';
/** The test server's wording for an AddOrder handled after its `deadline` (Kraken's is undocumented). */
export const DEADLINE_ELAPSED = 'EOrder:Deadline elapsed';
const PAGE = 50;
const UUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

const fail = (error: string): KrakenReply => ({ error: [error] });
const seconds = (ms: number) => ms / 1000;
const fixed = (d: Decimal, places: number) => d.toFixed(places, 'half-even');

/** Kraken's API-Sign for a request, as a client makes it. */
export function krakenSignature(path: string, nonce: string, body: string, secret: string): string {
  const hash = createHash('sha256')
    .update(nonce + body)
    .digest();
  return createHmac('sha512', Buffer.from(secret, 'base64'))
    .update(Buffer.concat([Buffer.from(path), hash]))
    .digest('base64');
}

function authenticate(exchange: KrakenExchange, req: KrakenRequest): KrakenAccount | KrakenReply {
  const key = req.headers['api-key'];
  const sign = req.headers['api-sign'];
  const account = typeof key === 'string' ? exchange.account(key) : null;
  if (!account || typeof sign !== 'string') return fail('EAPI:Invalid key');
  const nonce = req.params.nonce ?? '';
  if (!/^\d{1,30}$/.test(nonce)) return fail('EAPI:Invalid nonce');
  const expected = Buffer.from(krakenSignature(req.path, nonce, req.body, account.secret));
  const given = Buffer.from(sign);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return fail('EAPI:Invalid signature');
  if (BigInt(nonce) <= account.lastNonce) return fail('EAPI:Invalid nonce');
  account.lastNonce = BigInt(nonce);
  return account;
}

function describe(o: Pick<KrakenOrderRecord, 'side' | 'volume' | 'pair' | 'ordertype' | 'price'>): string {
  const at =
    o.ordertype === 'limit'
      ? `limit ${fixed(o.price!, o.pair.pairDecimals)}`
      : o.ordertype === 'market'
        ? 'market'
        : `${o.ordertype.replace('-', ' ')} ${fixed(o.price!, o.pair.pairDecimals)}`;
  return `${o.side} ${fixed(o.volume, 8)} ${o.pair.altname} @ ${at}`;
}

/** The ids of an order's trades the account's history shows by now (see KrakenAccount.tradeLagMs). */
function visibleTrades(a: KrakenAccount, o: KrakenOrderRecord, now: number): string[] {
  return o.trades.filter((id) => (a.trades.find((t) => t.id === id)?.time ?? 0) <= now - a.tradeLagMs);
}

function orderJson(o: KrakenOrderRecord, trades: string[] | null): Record<string, unknown> {
  const average = o.executed.isZero() ? Decimal.ZERO : o.cost.div(o.executed, { scale: 10, rounding: 'half-even' });
  return {
    refid: null,
    userref: o.userref,
    ...(o.clOrdId !== null ? { cl_ord_id: o.clOrdId } : {}),
    status: o.status,
    ...(o.reason !== null ? { reason: o.reason } : {}),
    opentm: seconds(o.opentm),
    ...(o.closetm !== null ? { closetm: seconds(o.closetm) } : {}),
    starttm: 0,
    expiretm: 0,
    descr: {
      pair: o.pair.altname,
      type: o.side,
      ordertype: o.ordertype,
      price: o.price ? fixed(o.price, o.pair.pairDecimals) : '0',
      price2: '0',
      leverage: 'none',
      order: describe(o),
      close: '',
    },
    vol: fixed(o.volume, 8),
    vol_exec: fixed(o.executed, 8),
    cost: o.cost.toString(),
    fee: o.fee.toString(),
    price: average.toString(),
    stopprice: '0.00000',
    limitprice: '0.00000',
    misc: '',
    oflags: 'fciq',
    ...(trades !== null && trades.length > 0 ? { trades } : {}),
  };
}

function tradeJson(t: KrakenTradeRecord): Record<string, unknown> {
  return {
    ordertxid: t.ordertxid,
    postxid: t.postxid,
    pair: t.pair.id,
    time: seconds(t.time),
    type: t.side,
    ordertype: t.ordertype,
    price: t.price.toString(),
    cost: t.cost.toString(),
    fee: t.fee.toString(),
    vol: fixed(t.volume, 8),
    margin: '0.00000',
    misc: '',
    trade_id: t.tradeId,
    maker: t.maker,
  };
}

function findPair(market: KrakenMarket, id: string | undefined): KrakenPair | null {
  return market.pairs.find((p) => p.id === id || p.altname === id || p.wsname === id) ?? null;
}

const decimals = (d: Decimal) => d.scale;

/** Filters by userref / cl_ord_id the way Kraken's order queries do. */
function matchesIds(o: KrakenOrderRecord, params: Record<string, string>): boolean {
  if (params.cl_ord_id !== undefined && o.clOrdId !== params.cl_ord_id) return false;
  if (params.userref !== undefined && String(o.userref) !== params.userref) return false;
  return true;
}

function addOrder(
  market: KrakenMarket,
  exchange: KrakenExchange,
  a: KrakenAccount,
  p: Record<string, string>,
  now: number,
) {
  if (p.deadline !== undefined) {
    const deadline = Date.parse(p.deadline);
    if (!Number.isFinite(deadline)) return fail('EGeneral:Invalid arguments:deadline');
    if (now > deadline) return fail(DEADLINE_ELAPSED);
  }
  if (market.systemStatus === 'maintenance') return fail('EService:Unavailable');
  if (market.systemStatus === 'cancel_only') return fail('EService:Market in cancel_only mode');
  if (market.systemStatus === 'post_only' && !(p.oflags ?? '').includes('post'))
    return fail('EService:Market in post_only mode');
  const pair = findPair(market, p.pair);
  if (!pair) return fail('EQuery:Unknown asset pair');
  if (p.type !== 'buy' && p.type !== 'sell') return fail('EGeneral:Invalid arguments:type');
  const ordertypes = ['market', 'limit', 'stop-loss', 'take-profit'] as const;
  const ordertype = ordertypes.find((t) => t === p.ordertype);
  if (!ordertype) return fail('EGeneral:Invalid arguments:ordertype');
  const volume = Decimal.tryParse(p.volume ?? '');
  if (!volume || !volume.isPositive() || decimals(volume) > pair.lotDecimals)
    return fail('EGeneral:Invalid arguments:volume');
  if (volume.lt(pair.ordermin)) return fail('EOrder:Order minimum not met');
  // limit: the limit price; stop-loss / take-profit: the trigger price.
  const priced = ordertype !== 'market';
  const price = priced ? Decimal.tryParse(p.price ?? '') : null;
  if (priced && (!price || !price.isPositive() || decimals(price) > pair.pairDecimals))
    return fail('EGeneral:Invalid arguments:price');
  const clOrdId = p.cl_ord_id ?? null;
  if (clOrdId !== null && (p.userref !== undefined || !(UUID.test(clOrdId) || /^[\x21-\x7e]{1,18}$/.test(clOrdId))))
    return fail('EGeneral:Invalid arguments:cl_ord_id');
  if (clOrdId !== null && a.orders.some((o) => o.status === 'open' && o.clOrdId === clOrdId))
    return fail(DUPLICATE_CL_ORD_ID);
  const timeinforce = p.timeinforce ?? 'GTC';
  if (timeinforce !== 'GTC' && timeinforce !== 'IOC' && timeinforce !== 'FOK')
    return fail('EGeneral:Invalid arguments:timeinforce');
  const request = {
    clOrdId,
    userref: p.userref !== undefined ? Number(p.userref) : null,
    pair,
    side: p.type,
    ordertype,
    price,
    volume,
    timeinforce,
  } as const;
  const descr = { order: describe(request) };
  if (p.validate === 'true') return { result: { descr } };
  const placed = exchange.place(a, request);
  if (typeof placed === 'string') return fail(placed);
  return { result: { descr, txid: [placed.txid] } };
}

function cancelOrder(market: KrakenMarket, exchange: KrakenExchange, a: KrakenAccount, p: Record<string, string>) {
  if (market.systemStatus === 'maintenance') return fail('EService:Unavailable');
  const matches = a.orders.filter(
    (o) =>
      o.status === 'open' &&
      (p.cl_ord_id !== undefined ? o.clOrdId === p.cl_ord_id : o.txid === p.txid || String(o.userref) === p.txid),
  );
  if (matches.length === 0) return fail('EOrder:Unknown order');
  for (const o of matches) exchange.cancel(a, o, 'User requested');
  return { result: { count: matches.length } };
}

function page<T>(items: T[], p: Record<string, string>): T[] {
  const ofs = Number(p.ofs ?? '0');
  return items.slice(ofs, ofs + PAGE);
}

/** Registers the private routes on `server`; returns the in-memory exchange behind them. */
export function registerPrivateRoutes(
  server: Pick<KrakenServer, 'route'>,
  market: KrakenMarket,
  clock: Clock,
): KrakenExchange {
  const exchange = createKrakenExchange(market, clock);
  // Authenticated when the request arrives (the gateway), handled possibly later (a `delay` fault).
  const admitted = new WeakMap<KrakenRequest, KrakenAccount>();
  const admit = (req: KrakenRequest): KrakenReply | null => {
    const account = authenticate(exchange, req);
    if (!('apiKey' in account)) return account;
    admitted.set(req, account);
    return null;
  };
  const post = (name: string, handler: (a: KrakenAccount, p: Record<string, string>) => KrakenReply) =>
    server.route(
      'POST',
      `/0/private/${name}`,
      (req) => {
        const account = admitted.get(req);
        if (!account) return fail('EAPI:Invalid key');
        exchange.tick(account);
        return handler(account, req.params);
      },
      admit,
    );
  const withTrades = (a: KrakenAccount, o: KrakenOrderRecord, p: Record<string, string>) =>
    orderJson(o, p.trades === 'true' ? visibleTrades(a, o, clock.now()) : null);
  const inWindow = (ms: number, p: Record<string, string>) =>
    (p.start === undefined || seconds(ms) > Number(p.start)) && (p.end === undefined || seconds(ms) <= Number(p.end));

  post('AddOrder', (a, p) => addOrder(market, exchange, a, p, clock.now()));
  post('CancelOrder', (a, p) => cancelOrder(market, exchange, a, p));
  // Kraken's CancelAll: every open order of the account (also those placed elsewhere), with the count.
  post('CancelAll', (a) => {
    if (market.systemStatus === 'maintenance') return fail('EService:Unavailable');
    const open = a.orders.filter((o) => o.status === 'open');
    for (const o of open) exchange.cancel(a, o, 'User requested');
    return { result: { count: open.length } };
  });
  post('OpenOrders', (a, p) => ({
    result: {
      open: Object.fromEntries(
        a.orders.filter((o) => o.status === 'open' && matchesIds(o, p)).map((o) => [o.txid, withTrades(a, o, p)]),
      ),
    },
  }));
  post('ClosedOrders', (a, p) => {
    const closed = a.orders
      .filter((o) => o.status !== 'open' && matchesIds(o, p) && inWindow(o.closetm!, p))
      .sort((x, y) => y.closetm! - x.closetm!);
    return {
      result: {
        closed: Object.fromEntries(page(closed, p).map((o) => [o.txid, withTrades(a, o, p)])),
        count: closed.length,
      },
    };
  });
  post('QueryOrders', (a, p) => {
    const ids = (p.txid ?? '').split(',').filter(Boolean);
    if (ids.length === 0 || ids.length > PAGE) return fail('EGeneral:Invalid arguments');
    const found = ids.map((id) => a.orders.find((o) => o.txid === id));
    if (found.some((o) => o === undefined)) return fail('EOrder:Invalid order');
    return { result: Object.fromEntries(found.map((o) => [o!.txid, withTrades(a, o!, p)])) };
  });
  post('QueryTrades', (a, p) => {
    const ids = (p.txid ?? '').split(',').filter(Boolean);
    if (ids.length === 0 || ids.length > 20) return fail('EGeneral:Invalid arguments');
    const visible = clock.now() - a.tradeLagMs;
    const found = ids.map((id) => a.trades.find((t) => t.id === id && t.time <= visible));
    if (found.some((t) => t === undefined)) return fail('EQuery:Unknown trade');
    return { result: Object.fromEntries(found.map((t) => [t!.id, tradeJson(t!)])) };
  });
  post('TradesHistory', (a, p) => {
    const visible = clock.now() - a.tradeLagMs;
    const trades = a.trades
      .filter((t) => t.time <= visible && inWindow(t.time, p))
      .sort((x, y) => y.time - x.time || y.tradeId - x.tradeId);
    return {
      result: { trades: Object.fromEntries(page(trades, p).map((t) => [t.id, tradeJson(t)])), count: trades.length },
    };
  });
  post('Balance', (a) => ({
    result: Object.fromEntries([...a.balances].map(([asset, total]) => [asset, fixed(total, 10)])),
  }));
  post('BalanceEx', (a) => ({
    result: Object.fromEntries(
      [...a.balances].map(([asset, total]) => [
        asset,
        { balance: fixed(total, 10), hold_trade: fixed(exchange.held(a, asset), 10) },
      ]),
    ),
  }));
  post('CancelAllOrdersAfter', (a, p) => {
    const timeout = Number(p.timeout ?? 'NaN');
    if (!Number.isInteger(timeout) || timeout < 0 || timeout > 86_400) return fail('EGeneral:Invalid arguments');
    const now = clock.now();
    a.deadManAt = timeout === 0 ? null : now + timeout * 1000;
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return { result: { currentTime: iso(now), triggerTime: a.deadManAt === null ? '0' : iso(a.deadManAt) } };
  });
  return exchange;
}
