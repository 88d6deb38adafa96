/**
 * The order journal: every SQL statement about orders, fills and the portfolio. The connection is
 * synchronous=FULL, so a returned `record` has reached the disk.
 *
 * `record(clientOrderId, events, entry)` writes, in ONE transaction: the events (append-only, as
 * order-codec JSON), the order's row with its state after them, one `fills` row per fill event
 * (the UNIQUE trade id refuses a second recording), and the portfolio snapshot when given.
 * `load` rebuilds orders by replaying their events: the rows are only an index for queries.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { OrderCreationEvent, OrderEvent } from '../../engine/orders/order-events.js';
import { decodeOrderCreation, decodeOrderEvent, encodeOrderEvent } from '../../engine/orders/order-codec.js';
import type { Order } from '../../engine/orders/order-model.js';
import { replayOrder } from '../../engine/orders/order-reducer.js';
import { isTerminal } from '../../engine/orders/order-state.js';
import { toOrderView } from '../../engine/orders/order-view.js';
import { decodePortfolio, encodePortfolio } from '../../engine/portfolio/portfolio-codec.js';
import type { PortfolioSnapshot } from '../../engine/portfolio/portfolio.js';
import type { TradingMode } from '../../../shared/domain/settings.js';
import { createJournalQueries, type JournalQueries } from './order-journal-queries.js';

export type JournalEvent = OrderEvent | OrderCreationEvent;

export type JournalEntry = {
  venue: string;
  /** The order after the events (the caller applied them with applyOrderEvent). */
  order: Order;
  /** Trade ids of this record's fills that the portfolio could not apply yet. */
  deferredFills?: ReadonlySet<string>;
  /** Trade ids recorded earlier that the portfolio has now applied. */
  appliedLater?: readonly string[];
  /** The portfolio after these fills. */
  portfolio?: PortfolioSnapshot;
};

export type RecoveryState = { attempts: number; lastAt: number | null; lastError: string | null };

export type LoadedOrder = { venue: string; order: Order; recovery: RecoveryState; triggerState: string | null };

export type ReplayProblem = { clientOrderId: string; message: string };

export type OrderJournal = JournalQueries & {
  record(clientOrderId: string, events: readonly JournalEvent[], entry: JournalEntry): void;
  /** Runs `fn` in one transaction (nested records become savepoints). */
  atomically<T>(fn: () => T): T;
  /** Orders of a venue rebuilt from their events: the unfinished ones, or all. */
  load(venue: string, scope: 'live' | 'all'): { orders: LoadedOrder[]; problems: ReplayProblem[] };
  /** One order rebuilt from its events; null if unknown. */
  replay(clientOrderId: string): { loaded: LoadedOrder } | { problem: ReplayProblem } | null;
  portfolio(venue: string): { snapshot: PortfolioSnapshot | null; problem: string | null };
  savePortfolio(venue: string, snapshot: PortfolioSnapshot, at: number): void;
  setRecovery(clientOrderId: string, state: RecoveryState): void;
  setTriggerState(clientOrderId: string, state: string | null): void;
  tradingState(): { mode: TradingMode; exchangeId: string | null } | null;
  setTradingState(mode: TradingMode, exchangeId: string | null, at: number): void;
};

type MetaRow = {
  client_order_id: string;
  venue: string;
  recovery_attempts: number;
  recovery_last_at: number | null;
  recovery_last_error: string | null;
  trigger_state: string | null;
};

const META = 'client_order_id, venue, recovery_attempts, recovery_last_at, recovery_last_error, trigger_state';

export function createOrderJournal(db: Database): OrderJournal {
  const upsertOrder = db.prepare(`
    INSERT INTO orders (client_order_id, venue, exchange_order_id, parent_client_order_id, symbol, side, type,
      status, terminal, quantity, filled, price, created_at, updated_at, submitted_at, expires_at,
      needs_attention, adopted, event_count, view)
    VALUES (@id, @venue, @exchangeOrderId, @parent, @symbol, @side, @type, @status, @terminal, @quantity, @filled,
      @price, @createdAt, @updatedAt, @submittedAt, @expiresAt, @needsAttention, @adopted, @count, @view)
    ON CONFLICT (client_order_id) DO UPDATE SET exchange_order_id = excluded.exchange_order_id,
      status = excluded.status, terminal = excluded.terminal, filled = excluded.filled,
      updated_at = excluded.updated_at, submitted_at = excluded.submitted_at,
      needs_attention = excluded.needs_attention, event_count = orders.event_count + excluded.event_count,
      view = excluded.view`);
  const insertEvent = db.prepare('INSERT INTO order_events (client_order_id, type, event, at) VALUES (?, ?, ?, ?)');
  const insertFill = db.prepare(`
    INSERT INTO fills (trade_id, client_order_id, venue, exchange_order_id, symbol, side, price, quantity, fee,
      fee_currency, liquidity, time, portfolio_applied) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const markApplied = db.prepare('UPDATE fills SET portfolio_applied = 1 WHERE trade_id = ?');
  const upsertSnapshot = db.prepare(`INSERT INTO portfolio_snapshots (venue, snapshot, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (venue) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at`);
  const upsertBalance =
    db.prepare(`INSERT INTO portfolio_balances (venue, currency, total, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (venue, currency) DO UPDATE SET total = excluded.total, updated_at = excluded.updated_at`);
  const selectSnapshot = db.prepare<[string], { snapshot: string }>(
    'SELECT snapshot FROM portfolio_snapshots WHERE venue = ?',
  );
  const selectEvents = db.prepare<[string], { event: string }>(
    'SELECT event FROM order_events WHERE client_order_id = ? ORDER BY seq',
  );
  const selectMeta = db.prepare<[string], MetaRow>(`SELECT ${META} FROM orders WHERE client_order_id = ?`);
  const selectLive = db.prepare<[string], MetaRow>(
    `SELECT ${META} FROM orders WHERE venue = ? AND terminal = 0 ORDER BY created_at, client_order_id`,
  );
  const selectAll = db.prepare<[string], MetaRow>(
    `SELECT ${META} FROM orders WHERE venue = ? ORDER BY created_at, client_order_id`,
  );
  const updateRecovery = db.prepare(
    'UPDATE orders SET recovery_attempts = ?, recovery_last_at = ?, recovery_last_error = ? WHERE client_order_id = ?',
  );
  const updateTrigger = db.prepare('UPDATE orders SET trigger_state = ? WHERE client_order_id = ?');
  const selectMode = db.prepare<[], { mode: TradingMode; exchange_id: string | null }>(
    'SELECT mode, exchange_id FROM trading_state WHERE id = 1',
  );
  const upsertMode: Statement =
    db.prepare(`INSERT INTO trading_state (id, mode, exchange_id, updated_at) VALUES (1, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, exchange_id = excluded.exchange_id, updated_at = excluded.updated_at`);

  function writePortfolio(venue: string, snapshot: PortfolioSnapshot, at: number): void {
    upsertSnapshot.run(venue, encodePortfolio(snapshot), at);
    for (const [currency, total] of Object.entries(snapshot.balances)) {
      upsertBalance.run(venue, currency, total.toString(), at);
    }
  }

  const recordTx = db.transaction((id: string, events: readonly JournalEvent[], entry: JournalEntry) => {
    const o = entry.order;
    if (o.clientOrderId !== id) throw new Error(`journal: the order ${o.clientOrderId} was recorded as ${id}`);
    upsertOrder.run({
      id,
      venue: entry.venue,
      exchangeOrderId: o.exchangeOrderId,
      parent: o.parentClientOrderId,
      symbol: o.symbol,
      side: o.side,
      type: o.type,
      status: o.status,
      terminal: isTerminal(o.status) ? 1 : 0,
      quantity: o.quantity.toString(),
      filled: o.filled.toString(),
      price: o.price?.toString() ?? null,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
      submittedAt: o.submittedAt,
      expiresAt: o.expiresAt,
      needsAttention: o.needsAttention ? 1 : 0,
      adopted: o.adopted ? 1 : 0,
      count: events.length,
      view: JSON.stringify(toOrderView(o)),
    });
    for (const event of events) {
      insertEvent.run(id, event.type, encodeOrderEvent(event), event.at);
      if (event.type !== 'OrderFilled' && event.type !== 'OrderPartiallyFilled') continue;
      const f = event.fill;
      const applied = entry.deferredFills?.has(f.tradeId) ? 0 : 1;
      insertFill.run(
        f.tradeId,
        id,
        entry.venue,
        f.exchangeOrderId,
        f.symbol,
        f.side,
        f.price.toString(),
        f.quantity.toString(),
        f.fee.toString(),
        f.feeCurrency,
        f.liquidity,
        f.time,
        applied,
      );
    }
    for (const tradeId of entry.appliedLater ?? []) markApplied.run(tradeId);
    if (entry.portfolio) writePortfolio(entry.venue, entry.portfolio, o.updatedAt);
  });

  function rebuild(meta: MetaRow): { loaded: LoadedOrder } | { problem: ReplayProblem } {
    const id = meta.client_order_id;
    const rows = selectEvents.all(id);
    const first = rows[0] ? decodeOrderCreation(rows[0].event) : { ok: false as const, error: 'no creation event' };
    if (!first.ok) return { problem: { clientOrderId: id, message: first.error } };
    const events: OrderEvent[] = [];
    for (const row of rows.slice(1)) {
      const decoded = decodeOrderEvent(row.event);
      if (!decoded.ok) return { problem: { clientOrderId: id, message: decoded.error } };
      events.push(decoded.value);
    }
    const replayed = replayOrder(first.value, events);
    if (!replayed.ok) {
      return { problem: { clientOrderId: id, message: `event ${replayed.index + 1}: ${replayed.error.message}` } };
    }
    const recovery = {
      attempts: meta.recovery_attempts,
      lastAt: meta.recovery_last_at,
      lastError: meta.recovery_last_error,
    };
    return { loaded: { venue: meta.venue, order: replayed.order, recovery, triggerState: meta.trigger_state } };
  }

  return {
    ...createJournalQueries(db),
    record(clientOrderId, events, entry) {
      if (events.length === 0) return;
      recordTx(clientOrderId, events, entry);
    },
    atomically: (fn) => db.transaction(fn)(),
    load(venue, scope) {
      const orders: LoadedOrder[] = [];
      const problems: ReplayProblem[] = [];
      for (const meta of (scope === 'live' ? selectLive : selectAll).all(venue)) {
        const result = rebuild(meta);
        if ('loaded' in result) orders.push(result.loaded);
        else problems.push(result.problem);
      }
      return { orders, problems };
    },
    replay(clientOrderId) {
      const meta = selectMeta.get(clientOrderId);
      return meta ? rebuild(meta) : null;
    },
    portfolio(venue) {
      const row = selectSnapshot.get(venue);
      if (!row) return { snapshot: null, problem: null };
      const decoded = decodePortfolio(row.snapshot);
      return decoded.ok ? { snapshot: decoded.snapshot, problem: null } : { snapshot: null, problem: decoded.error };
    },
    savePortfolio(venue, snapshot, at) {
      db.transaction(() => writePortfolio(venue, snapshot, at))();
    },
    setRecovery(clientOrderId, state) {
      updateRecovery.run(state.attempts, state.lastAt, state.lastError, clientOrderId);
    },
    setTriggerState(clientOrderId, state) {
      updateTrigger.run(state, clientOrderId);
    },
    tradingState() {
      const row = selectMode.get();
      return row ? { mode: row.mode, exchangeId: row.exchange_id } : null;
    },
    setTradingState(mode, exchangeId, at) {
      upsertMode.run(mode, exchangeId, at);
    },
  };
}
