/**
 * The simulated exchange's own books (orders, trades, balances), per venue ('simulator',
 * 'paper:kraken'). Only the simulated execution adapter writes here, in its own transactions: it
 * is the exchange, as separate from our journal as Kraken's database is.
 */
import type { Database } from 'better-sqlite3';
import type { Liquidity, OrderSide, TimeInForce } from '../../../shared/domain/orders.js';
import { Decimal } from '../../engine/money/decimal.js';
import type { ExchangeOrderStatus } from '../../engine/orders/execution-port.js';
import type { Fill } from '../../engine/orders/order-events.js';

export type SimOrder = Readonly<{
  exchangeOrderId: string;
  clientOrderId: string | null;
  symbol: string;
  side: OrderSide;
  type: 'market' | 'limit';
  timeInForce: TimeInForce;
  quantity: Decimal;
  price: Decimal | null;
  filled: Decimal;
  status: ExchangeOrderStatus;
  createdAt: number;
  updatedAt: number;
}>;

export type SimTrade = Readonly<{
  price: Decimal;
  quantity: Decimal;
  fee: Decimal;
  feeCurrency: string;
  liquidity: Liquidity;
  time: number;
}>;

/** Writes inside one transaction of the simulated exchange. */
export type SimTx = {
  balances(): Map<string, Decimal>;
  openOrders(): SimOrder[];
  order(exchangeOrderId: string): SimOrder | null;
  insertOrder(order: Omit<SimOrder, 'exchangeOrderId'>): SimOrder;
  updateOrder(exchangeOrderId: string, change: { filled: Decimal; status: ExchangeOrderStatus; at: number }): void;
  insertTrade(order: SimOrder, trade: SimTrade): Fill;
  /** Adds `delta` to a balance; throws if it would go below zero (the transaction is rolled back). */
  addBalance(currency: string, delta: Decimal): void;
};

export type SimExchangeRepo = {
  readonly venue: string;
  /** Seeds the balances if the venue has none yet; true if it did. */
  seedBalances(initial: Readonly<Record<string, Decimal>>): boolean;
  balances(): Map<string, Decimal>;
  latestByClientId(clientOrderId: string): SimOrder | null;
  order(exchangeOrderId: string): SimOrder | null;
  openOrders(): SimOrder[];
  tradesOf(exchangeOrderId: string): Fill[];
  tradesSince(since: number): Fill[];
  transact<T>(fn: (tx: SimTx) => T): T;
};

type OrderRow = {
  exchange_order_id: string;
  client_order_id: string | null;
  symbol: string;
  side: OrderSide;
  type: 'market' | 'limit';
  time_in_force: TimeInForce;
  quantity: string;
  price: string | null;
  filled: string;
  status: ExchangeOrderStatus;
  created_at: number;
  updated_at: number;
};

type TradeRow = {
  trade_id: string;
  exchange_order_id: string;
  client_order_id: string | null;
  symbol: string;
  side: OrderSide;
  price: string;
  quantity: string;
  fee: string;
  fee_currency: string;
  liquidity: Liquidity;
  time: number;
};

const toOrder = (r: OrderRow): SimOrder => ({
  exchangeOrderId: r.exchange_order_id,
  clientOrderId: r.client_order_id,
  symbol: r.symbol,
  side: r.side,
  type: r.type,
  timeInForce: r.time_in_force,
  quantity: Decimal.parse(r.quantity),
  price: r.price === null ? null : Decimal.parse(r.price),
  filled: Decimal.parse(r.filled),
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toFill = (r: TradeRow): Fill => ({
  tradeId: r.trade_id,
  clientOrderId: r.client_order_id ?? '',
  exchangeOrderId: r.exchange_order_id,
  symbol: r.symbol,
  side: r.side,
  price: Decimal.parse(r.price),
  quantity: Decimal.parse(r.quantity),
  fee: Decimal.parse(r.fee),
  feeCurrency: r.fee_currency,
  liquidity: r.liquidity,
  time: r.time,
});

/** 'simulator' -> 'SIM', 'paper:kraken' -> 'PAPER-KRAKEN': the prefix of its ids. */
export function venuePrefix(venue: string): string {
  return venue === 'simulator' ? 'SIM' : venue.toUpperCase().replace(/[^A-Z0-9]+/g, '-');
}

export function createSimExchangeRepo(db: Database, venue: string): SimExchangeRepo {
  const prefix = venuePrefix(venue);
  const selectBalances = db.prepare<[string], { currency: string; total: string }>(
    'SELECT currency, total FROM sim_exchange_balances WHERE venue = ?',
  );
  const upsertBalance = db.prepare(`INSERT INTO sim_exchange_balances (venue, currency, total) VALUES (?, ?, ?)
    ON CONFLICT (venue, currency) DO UPDATE SET total = excluded.total`);
  const selectByClient = db.prepare<[string, string], OrderRow>(
    'SELECT * FROM sim_exchange_orders WHERE venue = ? AND client_order_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
  );
  const selectOrder = db.prepare<[string, string], OrderRow>(
    'SELECT * FROM sim_exchange_orders WHERE venue = ? AND exchange_order_id = ?',
  );
  const selectOpen = db.prepare<[string], OrderRow>(
    "SELECT * FROM sim_exchange_orders WHERE venue = ? AND status = 'open' ORDER BY created_at, rowid",
  );
  const insertOrderRow = db.prepare(`INSERT INTO sim_exchange_orders (exchange_order_id, venue, client_order_id, symbol,
    side, type, time_in_force, quantity, price, filled, status, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const updateOrderRow = db.prepare(
    'UPDATE sim_exchange_orders SET filled = ?, status = ?, updated_at = ? WHERE exchange_order_id = ?',
  );
  const insertTradeRow =
    db.prepare(`INSERT INTO sim_exchange_trades (trade_id, venue, exchange_order_id, client_order_id,
    symbol, side, price, quantity, fee, fee_currency, liquidity, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const selectTradesOf = db.prepare<[string], TradeRow>(
    'SELECT * FROM sim_exchange_trades WHERE exchange_order_id = ? ORDER BY time, rowid',
  );
  const selectTradesSince = db.prepare<[string, number], TradeRow>(
    'SELECT * FROM sim_exchange_trades WHERE venue = ? AND time >= ? ORDER BY time, rowid',
  );
  const counter = db.prepare<[string], { next_order: number; next_trade: number }>(
    'SELECT next_order, next_trade FROM sim_exchange_counters WHERE venue = ?',
  );
  const bump = db.prepare(`INSERT INTO sim_exchange_counters (venue, next_order, next_trade) VALUES (?, ?, ?)
    ON CONFLICT (venue) DO UPDATE SET next_order = excluded.next_order, next_trade = excluded.next_trade`);

  const balances = () => new Map(selectBalances.all(venue).map((r) => [r.currency, Decimal.parse(r.total)]));
  const openOrders = () => selectOpen.all(venue).map(toOrder);
  const order = (id: string) => {
    const row = selectOrder.get(venue, id);
    return row ? toOrder(row) : null;
  };
  const nextId = (kind: 'order' | 'trade'): string => {
    const c = counter.get(venue) ?? { next_order: 1, next_trade: 1 };
    const n = kind === 'order' ? c.next_order : c.next_trade;
    bump.run(venue, c.next_order + (kind === 'order' ? 1 : 0), c.next_trade + (kind === 'trade' ? 1 : 0));
    return `${prefix}-${kind === 'order' ? 'O' : 'T'}${n}`;
  };

  const tx: SimTx = {
    balances,
    openOrders,
    order,
    insertOrder(o) {
      const exchangeOrderId = nextId('order');
      insertOrderRow.run(
        exchangeOrderId,
        venue,
        o.clientOrderId,
        o.symbol,
        o.side,
        o.type,
        o.timeInForce,
        o.quantity.toString(),
        o.price?.toString() ?? null,
        o.filled.toString(),
        o.status,
        o.createdAt,
        o.updatedAt,
      );
      return { ...o, exchangeOrderId };
    },
    updateOrder(id, change) {
      updateOrderRow.run(change.filled.toString(), change.status, change.at, id);
    },
    insertTrade(o, t) {
      const tradeId = nextId('trade');
      insertTradeRow.run(
        tradeId,
        venue,
        o.exchangeOrderId,
        o.clientOrderId,
        o.symbol,
        o.side,
        t.price.toString(),
        t.quantity.toString(),
        t.fee.toString(),
        t.feeCurrency,
        t.liquidity,
        t.time,
      );
      return {
        tradeId,
        clientOrderId: o.clientOrderId ?? '',
        exchangeOrderId: o.exchangeOrderId,
        symbol: o.symbol,
        side: o.side,
        ...t,
      };
    },
    addBalance(currency, delta) {
      const total = (balances().get(currency) ?? Decimal.ZERO).add(delta);
      if (total.isNegative()) throw new RangeError(`${currency} balance would be ${total.toString()}`);
      upsertBalance.run(venue, currency, total.toString());
    },
  };

  return {
    venue,
    seedBalances(initial) {
      return db.transaction(() => {
        if (selectBalances.all(venue).length > 0) return false;
        for (const [currency, total] of Object.entries(initial)) upsertBalance.run(venue, currency, total.toString());
        return true;
      })();
    },
    balances,
    latestByClientId(clientOrderId) {
      const row = selectByClient.get(venue, clientOrderId);
      return row ? toOrder(row) : null;
    },
    order,
    openOrders,
    tradesOf: (id) => selectTradesOf.all(id).map(toFill),
    tradesSince: (since) => selectTradesSince.all(venue, since).map(toFill),
    transact: (fn) => db.transaction(() => fn(tx)).immediate(),
  };
}
