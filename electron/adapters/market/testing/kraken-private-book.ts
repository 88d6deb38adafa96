import type { Clock } from '../../../engine/clock.js';
import { Decimal } from '../../../engine/money/decimal.js';
import type { KrakenMarket, KrakenPair } from './kraken-public.js';

/**
 * The in-memory exchange behind the Kraken test server's private API: accounts (one per API key)
 * with balances, orders and trades. Market orders fill at once at the pair's price; limit orders
 * that cross fill at once (taker), the others rest until a test moves the price across them
 * (maker) or fills them by hand. Fees are charged in the quote currency. Kraken's rule for
 * client order ids: a cl_ord_id is refused only while an order with it is open.
 */

export type KrakenOrderStatus = 'open' | 'closed' | 'canceled' | 'expired';

export type KrakenOrderRecord = {
  txid: string;
  clOrdId: string | null;
  userref: number | null;
  pair: KrakenPair;
  side: 'buy' | 'sell';
  /** stop-loss / take-profit: `price` is the trigger; when the pair's price reaches it the order executes at market. */
  ordertype: 'market' | 'limit' | 'stop-loss' | 'take-profit';
  price: Decimal | null;
  volume: Decimal;
  executed: Decimal;
  cost: Decimal;
  fee: Decimal;
  status: KrakenOrderStatus;
  reason: string | null;
  timeinforce: 'GTC' | 'IOC' | 'FOK';
  /** UTC ms. */
  opentm: number;
  closetm: number | null;
  trades: string[];
};

export type KrakenTradeRecord = {
  id: string;
  ordertxid: string;
  postxid: string;
  pair: KrakenPair;
  time: number;
  side: 'buy' | 'sell';
  ordertype: 'market' | 'limit' | 'stop-loss' | 'take-profit';
  price: Decimal;
  volume: Decimal;
  cost: Decimal;
  fee: Decimal;
  tradeId: number;
  maker: boolean;
};

export type KrakenAccount = {
  apiKey: string;
  /** base64, as Kraken hands it out. */
  secret: string;
  lastNonce: bigint;
  /** Asset id (ZUSD, XXBT) to total balance. */
  balances: Map<string, Decimal>;
  orders: KrakenOrderRecord[];
  trades: KrakenTradeRecord[];
  /** CancelAllOrdersAfter: when every open order is cancelled (UTC ms), null when disarmed. */
  deadManAt: number | null;
  /**
   * How long a trade stays out of TradesHistory, QueryTrades and an order's trade list after it
   * happened (vol_exec moves at once), as on Kraken where the history can lag the order. Default 0.
   */
  tradeLagMs: number;
};

export type NewOrder = Omit<
  KrakenOrderRecord,
  'txid' | 'executed' | 'cost' | 'fee' | 'status' | 'reason' | 'opentm' | 'closetm' | 'trades'
>;

export const TAKER_FEE = Decimal.parse('0.0026');
export const MAKER_FEE = Decimal.parse('0.0016');

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Kraken-looking ids: a prefix letter and 6-5-6 characters, e.g. OQCLML-BW3P3-BUCMWZ. */
function krakenId(prefix: string, n: number): string {
  let x = BigInt(n) * 2_654_435_761n + 97_531n;
  let out = prefix;
  for (let i = 0; i < 16; i += 1) {
    out += ALPHABET[Number(x % 32n)];
    x /= 32n;
    if (i === 4 || i === 9) out += '-';
  }
  return out;
}

export type KrakenExchange = {
  addAccount(options: { apiKey: string; secret: string; balances?: Record<string, string> }): KrakenAccount;
  account(apiKey: string): KrakenAccount | null;
  /** The price market orders fill at and resting limit orders are checked against. */
  price(pair: KrakenPair): Decimal;
  /** Moves the price of `symbol`; resting limit orders it crosses fill at their limit price. */
  setPrice(symbol: string, price: string): void;
  /** Fills `volume` (default: the rest) of an open order at its limit price, as a maker. */
  fill(account: KrakenAccount, txid: string, volume?: string): void;
  /** Places an order (checks are the caller's, except funds): the error string, or the order. */
  place(account: KrakenAccount, order: NewOrder): KrakenOrderRecord | string;
  cancel(account: KrakenAccount, order: KrakenOrderRecord, reason: string): void;
  /** Amount of an asset held by open orders. */
  held(account: KrakenAccount, asset: string): Decimal;
  /** Runs the dead man's switch if it is due. */
  tick(account: KrakenAccount): void;
};

export function createKrakenExchange(market: KrakenMarket, clock: Clock): KrakenExchange {
  const accounts = new Map<string, KrakenAccount>();
  const prices = new Map<string, Decimal>();
  let orderSeq = 0;
  let tradeSeq = 0;

  const balance = (a: KrakenAccount, asset: string) => a.balances.get(asset) ?? Decimal.ZERO;
  const credit = (a: KrakenAccount, asset: string, amount: Decimal) =>
    a.balances.set(asset, balance(a, asset).add(amount));

  const close = (order: KrakenOrderRecord, status: KrakenOrderStatus, reason: string | null) => {
    order.status = status;
    order.reason = reason;
    order.closetm = clock.now();
  };

  const execute = (a: KrakenAccount, order: KrakenOrderRecord, volume: Decimal, price: Decimal, maker: boolean) => {
    const cost = volume.mul(price);
    const fee = cost.mul(maker ? MAKER_FEE : TAKER_FEE);
    const { base, quote } = order.pair;
    if (order.side === 'buy') {
      credit(a, base, volume);
      credit(a, quote, cost.add(fee).neg());
    } else {
      credit(a, base, volume.neg());
      credit(a, quote, cost.sub(fee));
    }
    tradeSeq += 1;
    const trade: KrakenTradeRecord = {
      id: krakenId('T', tradeSeq),
      ordertxid: order.txid,
      postxid: krakenId('P', tradeSeq),
      pair: order.pair,
      time: clock.now(),
      side: order.side,
      ordertype: order.ordertype,
      price,
      volume,
      cost,
      fee,
      tradeId: 1_000_000 + tradeSeq,
      maker,
    };
    a.trades.push(trade);
    order.trades.push(trade.id);
    order.executed = order.executed.add(volume);
    order.cost = order.cost.add(cost);
    order.fee = order.fee.add(fee);
    if (order.executed.gte(order.volume)) close(order, 'closed', null);
  };

  const isStop = (o: Pick<KrakenOrderRecord, 'ordertype'>) =>
    o.ordertype === 'stop-loss' || o.ordertype === 'take-profit';
  /** Whether a stop-loss / take-profit is triggered at `price` (a sell stop-loss below its trigger, a sell take-profit above). */
  const triggered = (o: Pick<KrakenOrderRecord, 'side' | 'price' | 'ordertype'>, price: Decimal) => {
    const falling = (o.ordertype === 'stop-loss') === (o.side === 'sell');
    return o.price !== null && (falling ? price.lte(o.price) : price.gte(o.price));
  };
  /** Whether an order with this side and limit would trade at `price` (a stop: whether it triggers). */
  const crosses = (order: Pick<KrakenOrderRecord, 'side' | 'price' | 'ordertype'>, price: Decimal) =>
    isStop(order)
      ? triggered(order, price)
      : order.price !== null && (order.side === 'buy' ? price.lte(order.price) : price.gte(order.price));

  const exchange: KrakenExchange = {
    addAccount({ apiKey, secret, balances = { ZUSD: '1000000', XXBT: '100', XETH: '1000' } }) {
      const account: KrakenAccount = {
        apiKey,
        secret,
        lastNonce: 0n,
        balances: new Map(Object.entries(balances).map(([k, v]) => [k, Decimal.parse(v)])),
        orders: [],
        trades: [],
        deadManAt: null,
        tradeLagMs: 0,
      };
      accounts.set(apiKey, account);
      return account;
    },
    account: (apiKey) => accounts.get(apiKey) ?? null,
    price: (pair) => prices.get(pair.id) ?? Decimal.fromNumber(market.ticker(pair.id).last),
    setPrice(symbol, text) {
      const pair = market.pair(symbol);
      const price = Decimal.parse(text);
      prices.set(pair.id, price);
      for (const a of accounts.values()) {
        for (const o of a.orders) {
          if (o.status === 'open' && o.pair.id === pair.id && crosses(o, price)) {
            // A triggered stop executes at market (taker); a crossed limit at its limit (maker).
            if (isStop(o)) execute(a, o, o.volume.sub(o.executed), price, false);
            else execute(a, o, o.volume.sub(o.executed), o.price!, true);
          }
        }
      }
    },
    fill(a, txid, volume) {
      const order = a.orders.find((o) => o.txid === txid && o.status === 'open');
      if (!order || order.price === null || isStop(order)) throw new Error(`no open limit order ${txid}`);
      const rest = order.volume.sub(order.executed);
      execute(a, order, volume === undefined ? rest : Decimal.min(rest, volume), order.price, true);
    },
    place(a, request) {
      const price = exchange.price(request.pair);
      const crossing = request.ordertype === 'market' || crosses(request, price);
      const at = crossing || isStop(request) ? price : request.price!;
      const fee = request.volume.mul(at).mul(TAKER_FEE);
      const needed = request.side === 'buy' ? request.volume.mul(at).add(fee) : request.volume;
      const asset = request.side === 'buy' ? request.pair.quote : request.pair.base;
      if (balance(a, asset).sub(exchange.held(a, asset)).lt(needed)) return 'EOrder:Insufficient funds';
      orderSeq += 1;
      const order: KrakenOrderRecord = {
        ...request,
        txid: krakenId('O', orderSeq),
        executed: Decimal.ZERO,
        cost: Decimal.ZERO,
        fee: Decimal.ZERO,
        status: 'open',
        reason: null,
        opentm: clock.now(),
        closetm: null,
        trades: [],
      };
      a.orders.push(order);
      if (crossing) execute(a, order, order.volume, price, false);
      else if (order.timeinforce !== 'GTC') close(order, 'canceled', 'Insufficient liquidity');
      return order;
    },
    cancel: (_a, order, reason) => close(order, 'canceled', reason),
    held(a, asset) {
      return Decimal.sum(
        a.orders
          .filter((o) => o.status === 'open' && o.price !== null)
          .map((o) => {
            const rest = o.volume.sub(o.executed);
            if (o.side === 'buy' && o.pair.quote === asset) return rest.mul(o.price!);
            if (o.side === 'sell' && o.pair.base === asset) return rest;
            return Decimal.ZERO;
          }),
      );
    },
    tick(a) {
      if (a.deadManAt === null || clock.now() < a.deadManAt) return;
      for (const o of a.orders) if (o.status === 'open') close(o, 'canceled', 'Dead man switch');
      a.deadManAt = null;
    },
  };
  return exchange;
}
