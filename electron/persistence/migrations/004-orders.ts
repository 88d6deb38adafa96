import type { Migration } from '../migration.js';

/**
 * The order journal, the portfolio, the trading mode, and the simulated exchange's own books.
 *
 * Journal (written only by repositories/order-journal.ts, one transaction per change):
 * - `order_events`: append-only (triggers refuse UPDATE and DELETE), one row per order event as
 *   JSON (engine/orders/order-codec.ts), in `seq` order. The source of truth: orders are rebuilt
 *   by replaying them.
 * - `orders`: one row per client order id with the state after its last event, for queries (the
 *   Orders tab, open orders at startup), plus the recovery worker's attempts and a trailing
 *   stop's remembered extreme. `view` is the OrderView JSON the contract returns.
 * - `fills`: one row per trade id (UNIQUE): a fill is recorded once, whatever reports it again.
 *   `portfolio_applied` 0 means the portfolio could not take it yet (e.g. a sell reported before
 *   the buy that funded it); it is applied as soon as it can be.
 * - `portfolio_snapshots` / `portfolio_balances`: the portfolio per venue after the last fill.
 * - `trading_state`: the trading mode and exchange, so a restart resumes where the user left it.
 *
 * Simulated exchange (electron/adapters/execution, through repositories/sim-exchange-repo.ts):
 * `sim_exchange_*` hold what a real exchange would: its orders, trades, balances. They are written
 * in the simulated exchange's own transactions, never together with the journal, so a crash
 * between the two leaves exactly the gap a real exchange would, for reconciliation to close.
 */
export const migration004: Migration = {
  version: 4,
  name: 'orders',
  up(db) {
    db.exec(`
      CREATE TABLE orders (
        client_order_id TEXT PRIMARY KEY,
        venue TEXT NOT NULL,
        exchange_order_id TEXT,
        parent_client_order_id TEXT,
        symbol TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        type TEXT NOT NULL,
        status TEXT NOT NULL,
        terminal INTEGER NOT NULL CHECK (terminal IN (0, 1)),
        quantity TEXT NOT NULL,
        filled TEXT NOT NULL,
        price TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        submitted_at INTEGER,
        expires_at INTEGER,
        needs_attention INTEGER NOT NULL CHECK (needs_attention IN (0, 1)),
        adopted INTEGER NOT NULL CHECK (adopted IN (0, 1)),
        event_count INTEGER NOT NULL,
        view TEXT NOT NULL,
        recovery_attempts INTEGER NOT NULL DEFAULT 0,
        recovery_last_at INTEGER,
        recovery_last_error TEXT,
        trigger_state TEXT
      ) STRICT;
      CREATE INDEX orders_live ON orders (venue, terminal, created_at);
      CREATE INDEX orders_created ON orders (created_at);
      CREATE INDEX orders_symbol ON orders (symbol, created_at);
      CREATE INDEX orders_exchange_id ON orders (venue, exchange_order_id) WHERE exchange_order_id IS NOT NULL;

      CREATE TABLE order_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        client_order_id TEXT NOT NULL REFERENCES orders (client_order_id),
        type TEXT NOT NULL,
        event TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX order_events_order ON order_events (client_order_id, seq);
      CREATE TRIGGER order_events_no_update BEFORE UPDATE ON order_events
        BEGIN SELECT RAISE(ABORT, 'order_events is append-only'); END;
      CREATE TRIGGER order_events_no_delete BEFORE DELETE ON order_events
        BEGIN SELECT RAISE(ABORT, 'order_events is append-only'); END;

      CREATE TABLE fills (
        id INTEGER PRIMARY KEY,
        trade_id TEXT NOT NULL UNIQUE,
        client_order_id TEXT NOT NULL REFERENCES orders (client_order_id),
        venue TEXT NOT NULL,
        exchange_order_id TEXT,
        symbol TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        price TEXT NOT NULL,
        quantity TEXT NOT NULL,
        fee TEXT NOT NULL,
        fee_currency TEXT NOT NULL,
        liquidity TEXT,
        time INTEGER NOT NULL,
        portfolio_applied INTEGER NOT NULL CHECK (portfolio_applied IN (0, 1))
      ) STRICT;
      CREATE INDEX fills_order ON fills (client_order_id);
      CREATE INDEX fills_venue_time ON fills (venue, time);

      CREATE TABLE portfolio_snapshots (
        venue TEXT PRIMARY KEY,
        snapshot TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE portfolio_balances (
        venue TEXT NOT NULL,
        currency TEXT NOT NULL,
        total TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (venue, currency)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE trading_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        mode TEXT NOT NULL CHECK (mode IN ('SIMULATOR', 'PAPER', 'LIVE')),
        exchange_id TEXT,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE sim_exchange_orders (
        exchange_order_id TEXT PRIMARY KEY,
        venue TEXT NOT NULL,
        client_order_id TEXT,
        symbol TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        type TEXT NOT NULL CHECK (type IN ('market', 'limit')),
        time_in_force TEXT NOT NULL,
        quantity TEXT NOT NULL,
        price TEXT,
        filled TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'canceled', 'expired', 'rejected')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sim_exchange_orders_client ON sim_exchange_orders (venue, client_order_id);
      CREATE INDEX sim_exchange_orders_status ON sim_exchange_orders (venue, status);

      CREATE TABLE sim_exchange_trades (
        trade_id TEXT PRIMARY KEY,
        venue TEXT NOT NULL,
        exchange_order_id TEXT NOT NULL REFERENCES sim_exchange_orders (exchange_order_id),
        client_order_id TEXT,
        symbol TEXT NOT NULL,
        side TEXT NOT NULL,
        price TEXT NOT NULL,
        quantity TEXT NOT NULL,
        fee TEXT NOT NULL,
        fee_currency TEXT NOT NULL,
        liquidity TEXT NOT NULL,
        time INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sim_exchange_trades_order ON sim_exchange_trades (exchange_order_id);
      CREATE INDEX sim_exchange_trades_time ON sim_exchange_trades (venue, time);

      CREATE TABLE sim_exchange_balances (
        venue TEXT NOT NULL,
        currency TEXT NOT NULL,
        total TEXT NOT NULL,
        PRIMARY KEY (venue, currency)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sim_exchange_counters (
        venue TEXT PRIMARY KEY,
        next_order INTEGER NOT NULL,
        next_trade INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
