/**
 * What the crash test checks after each restart and reconciliation, reading the database on its
 * own (read-only): the journal against the simulated exchange's books.
 * - lost: an order that reached the exchange but whose journal state (status, filled, exchange id)
 *   is not the exchange's, or an order the journal thinks is working that the exchange never had;
 * - duplicated: a client order id placed on the exchange more than once;
 * - orphaned: an exchange order the journal does not know; a journal fill the exchange never made;
 * - missing fills: an exchange trade the journal has not recorded (each is recorded at most once:
 *   the fills table's UNIQUE trade id);
 * - unresolved: an order still UNKNOWN or unanswered after reconciliation;
 * - balances: the portfolio's totals against the exchange's;
 * - the orders table against the replayed events; PRAGMA integrity_check.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Decimal } from '../../../../engine/money/decimal.js';
import { agreesWithExchange } from '../../../../engine/orders/exchange-sync.js';
import { isEngineManaged } from '../../../../engine/orders/order-model.js';
import { createOrderJournal } from '../../../../persistence/repositories/order-journal.js';
import { createSimExchangeRepo } from '../../../../persistence/repositories/sim-exchange-repo.js';

export type CrashCheck = {
  integrity: string;
  orders: number;
  exchangeOrders: number;
  trades: number;
  fills: number;
  lost: string[];
  duplicated: string[];
  orphanedOrders: string[];
  orphanedFills: string[];
  missingFills: string[];
  unresolved: string[];
  balanceMismatches: string[];
  rowMismatches: string[];
  replayProblems: string[];
};

export function failuresOf(c: CrashCheck): string[] {
  return [
    ...(c.integrity === 'ok' ? [] : [`integrity_check: ${c.integrity}`]),
    ...c.lost.map((x) => `lost: ${x}`),
    ...c.duplicated.map((x) => `duplicated: ${x}`),
    ...c.orphanedOrders.map((x) => `orphaned order: ${x}`),
    ...c.orphanedFills.map((x) => `orphaned fill: ${x}`),
    ...c.missingFills.map((x) => `missing fill: ${x}`),
    ...c.unresolved.map((x) => `unresolved: ${x}`),
    ...c.balanceMismatches.map((x) => `balance: ${x}`),
    ...c.rowMismatches.map((x) => `row: ${x}`),
    ...c.replayProblems.map((x) => `replay: ${x}`),
  ];
}

export function checkCrashConsistency(file: string, venue = 'simulator'): CrashCheck {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
      .map((r) => r.integrity_check)
      .join('; ');
    const journal = createOrderJournal(db);
    const exchange = createSimExchangeRepo(db, venue);
    const { orders, problems } = journal.load(venue, 'all');
    const exchangeOrders = db
      .prepare<[string], { client_order_id: string | null; exchange_order_id: string }>(
        'SELECT client_order_id, exchange_order_id FROM sim_exchange_orders WHERE venue = ?',
      )
      .all(venue);
    const byClient = new Map<string, number>();
    for (const eo of exchangeOrders)
      if (eo.client_order_id) byClient.set(eo.client_order_id, (byClient.get(eo.client_order_id) ?? 0) + 1);
    const known = new Map(orders.map((o) => [o.order.clientOrderId, o.order]));
    const c: CrashCheck = {
      integrity,
      orders: orders.length,
      exchangeOrders: exchangeOrders.length,
      trades: 0,
      fills: 0,
      lost: [],
      duplicated: [...byClient].filter(([, n]) => n > 1).map(([id, n]) => `${id} placed ${n} times`),
      orphanedOrders: exchangeOrders
        .filter((eo) => !eo.client_order_id || !known.has(eo.client_order_id))
        .map((eo) => eo.exchange_order_id),
      orphanedFills: [],
      missingFills: [],
      unresolved: [],
      balanceMismatches: [],
      rowMismatches: [],
      replayProblems: problems.map((p) => `${p.clientOrderId}: ${p.message}`),
    };
    const rows = new Map(
      db
        .prepare<[string], { id: string; status: string; filled: string }>(
          'SELECT client_order_id AS id, status, filled FROM orders WHERE venue = ?',
        )
        .all(venue)
        .map((r) => [r.id, r]),
    );
    for (const { order } of orders) {
      const row = rows.get(order.clientOrderId);
      if (!row || row.status !== order.status || row.filled !== order.filled.toString()) {
        c.rowMismatches.push(
          `${order.clientOrderId}: row ${row?.status}/${row?.filled}, events ${order.status}/${order.filled.toString()}`,
        );
      }
      if (order.status === 'UNKNOWN' || order.status === 'PENDING_SUBMIT')
        c.unresolved.push(`${order.clientOrderId} ${order.status}`);
      if (isEngineManaged(order.type)) {
        if (
          order.reason?.startsWith('triggered: ') &&
          !orders.some((o) => o.order.parentClientOrderId === order.clientOrderId)
        ) {
          c.lost.push(`${order.clientOrderId}: triggered, but its order is missing`);
        }
        continue;
      }
      const eo = exchange.latestByClientId(order.clientOrderId);
      if (eo) {
        if (!agreesWithExchange(order, eo) || order.exchangeOrderId !== eo.exchangeOrderId) {
          c.lost.push(
            `${order.clientOrderId}: journal ${order.status} ${order.filled.toString()} (${order.exchangeOrderId}), exchange ${eo.status} ${eo.filled.toString()} (${eo.exchangeOrderId})`,
          );
        }
      } else if (
        order.submittedAt === null
          ? order.status !== 'CANCELLED'
          : order.status !== 'REJECTED' && order.status !== 'UNKNOWN'
      ) {
        c.lost.push(`${order.clientOrderId}: journal ${order.status}, never on the exchange`);
      }
    }
    const trades = exchange.tradesSince(0);
    const fills = new Map(
      db
        .prepare<[string], { trade_id: string; quantity: string; price: string; applied: number }>(
          'SELECT trade_id, quantity, price, portfolio_applied AS applied FROM fills WHERE venue = ?',
        )
        .all(venue)
        .map((f) => [f.trade_id, f]),
    );
    c.trades = trades.length;
    c.fills = fills.size;
    const traded = new Set(trades.map((t) => t.tradeId));
    for (const t of trades) {
      const f = fills.get(t.tradeId);
      if (!f) c.missingFills.push(`${t.tradeId} of ${t.clientOrderId}`);
      else if (f.quantity !== t.quantity.toString() || f.price !== t.price.toString())
        c.lost.push(`fill ${t.tradeId} recorded with other terms`);
      else if (f.applied !== 1) c.balanceMismatches.push(`fill ${t.tradeId} is not in the portfolio`);
    }
    for (const id of fills.keys()) if (!traded.has(id)) c.orphanedFills.push(id);
    const ours = new Map(
      db
        .prepare<[string], { currency: string; total: string }>(
          'SELECT currency, total FROM portfolio_balances WHERE venue = ?',
        )
        .all(venue)
        .map((b) => [b.currency, Decimal.parse(b.total)]),
    );
    const theirs = exchange.balances();
    for (const currency of new Set([...ours.keys(), ...theirs.keys()])) {
      const a = ours.get(currency) ?? Decimal.ZERO;
      const b = theirs.get(currency) ?? Decimal.ZERO;
      if (!a.eq(b)) c.balanceMismatches.push(`${currency}: journal ${a.toString()}, exchange ${b.toString()}`);
    }
    return c;
  } finally {
    db.close();
  }
}
