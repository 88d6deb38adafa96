/** Read-only queries of the order journal: lists for the Orders tab, fills, lookups by id. */
import type { Database } from 'better-sqlite3';
import type { FillView, OrderSide, OrderStatus, OrderView } from '../../../shared/domain/orders.js';
import type { Fill } from '../../engine/orders/order-events.js';
import { Decimal } from '../../engine/money/decimal.js';

export type OrderRowFilter = {
  venue?: string;
  scope: 'open' | 'history';
  symbol?: string;
  statuses?: readonly OrderStatus[];
  from?: number;
  to?: number;
  limit: number;
};

export type FillRowFilter = {
  venue?: string;
  symbol?: string;
  clientOrderId?: string;
  from?: number;
  to?: number;
  limit: number;
};

export type JournalQueries = {
  has(clientOrderId: string): boolean;
  venueOf(clientOrderId: string): string | null;
  hasFill(tradeId: string): boolean;
  /** The fill is recorded and the portfolio has applied it. */
  fillApplied(tradeId: string): boolean;
  /** Fills recorded that the portfolio has not applied yet, oldest first. */
  deferredFills(venue: string): Fill[];
  findByExchangeId(venue: string, exchangeOrderId: string): string | null;
  /** Newest first. */
  list(filter: OrderRowFilter): Array<{ venue: string; view: OrderView }>;
  /** Newest first. */
  fills(filter: FillRowFilter): FillView[];
  lastFillTime(venue: string): number | null;
  /** Creation time of the oldest unfinished order of a venue. */
  oldestLiveCreatedAt(venue: string): number | null;
};

type FillRow = {
  trade_id: string;
  client_order_id: string;
  exchange_order_id: string | null;
  symbol: string;
  side: OrderSide;
  price: string;
  quantity: string;
  fee: string;
  fee_currency: string;
  liquidity: 'maker' | 'taker' | null;
  time: number;
};

const FILL_COLUMNS =
  'trade_id, client_order_id, exchange_order_id, symbol, side, price, quantity, fee, fee_currency, liquidity, time';

function toFillView(r: FillRow): FillView {
  return {
    tradeId: r.trade_id,
    clientOrderId: r.client_order_id,
    exchangeOrderId: r.exchange_order_id,
    symbol: r.symbol,
    side: r.side,
    price: r.price,
    quantity: r.quantity,
    fee: r.fee,
    feeCurrency: r.fee_currency,
    liquidity: r.liquidity,
    time: r.time,
  };
}

function toFill(r: FillRow): Fill {
  return {
    ...toFillView(r),
    price: Decimal.parse(r.price),
    quantity: Decimal.parse(r.quantity),
    fee: Decimal.parse(r.fee),
  };
}

/** A WHERE clause built from optional filters, with its parameters in order. */
function where(): { params: unknown[]; add(clause: string, ...params: unknown[]): void; sql(): string } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  return {
    params,
    add(clause, ...values) {
      clauses.push(clause);
      params.push(...values);
    },
    sql: () => (clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : ''),
  };
}

export function createJournalQueries(db: Database): JournalQueries {
  const hasOrder = db.prepare<[string], { venue: string }>('SELECT venue FROM orders WHERE client_order_id = ?');
  const fillState = db.prepare<[string], { applied: number }>(
    'SELECT portfolio_applied AS applied FROM fills WHERE trade_id = ?',
  );
  const deferred = db.prepare<[string], FillRow>(
    `SELECT ${FILL_COLUMNS} FROM fills WHERE venue = ? AND portfolio_applied = 0 ORDER BY time, id`,
  );
  const byExchangeId = db.prepare<[string, string], { id: string }>(
    'SELECT client_order_id AS id FROM orders WHERE venue = ? AND exchange_order_id = ? LIMIT 1',
  );
  const lastFill = db.prepare<[string], { t: number | null }>('SELECT MAX(time) AS t FROM fills WHERE venue = ?');
  const oldestLive = db.prepare<[string], { t: number | null }>(
    'SELECT MIN(created_at) AS t FROM orders WHERE venue = ? AND terminal = 0',
  );

  return {
    has: (id) => hasOrder.get(id) !== undefined,
    venueOf: (id) => hasOrder.get(id)?.venue ?? null,
    hasFill: (tradeId) => fillState.get(tradeId) !== undefined,
    fillApplied: (tradeId) => fillState.get(tradeId)?.applied === 1,
    deferredFills: (venue) => deferred.all(venue).map(toFill),
    findByExchangeId: (venue, exchangeOrderId) => byExchangeId.get(venue, exchangeOrderId)?.id ?? null,
    list(f) {
      const w = where();
      if (f.venue !== undefined) w.add('venue = ?', f.venue);
      if (f.scope === 'open') w.add('terminal = 0');
      if (f.symbol !== undefined) w.add('symbol = ?', f.symbol);
      if (f.statuses !== undefined && f.statuses.length > 0) {
        w.add(`status IN (${f.statuses.map(() => '?').join(', ')})`, ...f.statuses);
      }
      if (f.from !== undefined) w.add('created_at >= ?', f.from);
      if (f.to !== undefined) w.add('created_at <= ?', f.to);
      const rows = db
        .prepare(`SELECT venue, view FROM orders${w.sql()} ORDER BY created_at DESC, client_order_id LIMIT ?`)
        .all(...w.params, f.limit) as Array<{ venue: string; view: string }>;
      return rows.map((r) => ({ venue: r.venue, view: JSON.parse(r.view) as OrderView }));
    },
    fills(f) {
      const w = where();
      if (f.venue !== undefined) w.add('venue = ?', f.venue);
      if (f.symbol !== undefined) w.add('symbol = ?', f.symbol);
      if (f.clientOrderId !== undefined) w.add('client_order_id = ?', f.clientOrderId);
      if (f.from !== undefined) w.add('time >= ?', f.from);
      if (f.to !== undefined) w.add('time <= ?', f.to);
      const rows = db
        .prepare(`SELECT ${FILL_COLUMNS} FROM fills${w.sql()} ORDER BY time DESC, id DESC LIMIT ?`)
        .all(...w.params, f.limit) as FillRow[];
      return rows.map(toFillView);
    },
    lastFillTime: (venue) => lastFill.get(venue)?.t ?? null,
    oldestLiveCreatedAt: (venue) => oldestLive.get(venue)?.t ?? null,
  };
}
