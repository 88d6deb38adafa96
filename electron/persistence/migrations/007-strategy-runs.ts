import type { Migration } from '../migration.js';

/**
 * Running strategies (repositories/strategy-run-repo.ts):
 * - `strategy_runs`: one row per activation: the definition it runs (a snapshot: later edits of the
 *   strategy do not change a running one), symbol, timeframe, trading mode, state and why, the grade
 *   and the time of the approval it was started on, the last candle close evaluated, the position
 *   it holds (decimal text), counters, and the runner's own state as JSON (open entry, protective
 *   orders, closed-trade returns). At most one run that is not STOPPED per (strategy, symbol).
 * - `strategy_run_orders`: every order a run placed, with its role and how much of it filled (the
 *   paper trades counted for LIVE activation are the filled entries of PAPER runs).
 * - `strategy_run_events`: the decision log of each run, append-only.
 */
export const migration007: Migration = {
  version: 7,
  name: 'strategy-runs',
  up(db) {
    db.exec(`
      CREATE TABLE strategy_runs (
        id TEXT PRIMARY KEY,
        strategy_id TEXT NOT NULL,
        strategy_name TEXT NOT NULL,
        definition TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('signal', 'grid')),
        symbol TEXT NOT NULL,
        timeframe TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('SIMULATOR', 'PAPER', 'LIVE')),
        state TEXT NOT NULL CHECK (state IN ('RUNNING', 'PAUSED', 'STOPPED')),
        grade TEXT NOT NULL CHECK (grade IN ('FAILED', 'ACCEPTABLE', 'GOOD', 'EXCELLENT')),
        approved_at INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        state_reason TEXT,
        last_evaluated_at INTEGER,
        position_quantity TEXT NOT NULL DEFAULT '0',
        orders_placed INTEGER NOT NULL DEFAULT 0 CHECK (orders_placed >= 0),
        vetoes INTEGER NOT NULL DEFAULT 0 CHECK (vetoes >= 0),
        last_error TEXT,
        runner_state TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE UNIQUE INDEX strategy_runs_active ON strategy_runs (strategy_id, symbol) WHERE state <> 'STOPPED';
      CREATE INDEX strategy_runs_state ON strategy_runs (state);

      CREATE TABLE strategy_run_orders (
        client_order_id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES strategy_runs (id),
        role TEXT NOT NULL CHECK (role IN ('entry', 'exit', 'stop_loss', 'take_profit', 'trailing_stop')),
        side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        placed_at INTEGER NOT NULL,
        filled TEXT NOT NULL DEFAULT '0',
        first_fill_at INTEGER,
        done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))
      ) STRICT;
      CREATE INDEX strategy_run_orders_run ON strategy_run_orders (run_id);

      CREATE TABLE strategy_run_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id TEXT NOT NULL REFERENCES strategy_runs (id),
        at INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('STARTED', 'SIGNAL', 'ORDER', 'VETO', 'ERROR', 'PAUSED', 'RESUMED', 'STOPPED')),
        message TEXT NOT NULL,
        client_order_id TEXT
      ) STRICT;
      CREATE INDEX strategy_run_events_run ON strategy_run_events (run_id, id);
      CREATE TRIGGER strategy_run_events_no_update BEFORE UPDATE ON strategy_run_events
        BEGIN SELECT RAISE(ABORT, 'strategy_run_events is append-only'); END;
      CREATE TRIGGER strategy_run_events_no_delete BEFORE DELETE ON strategy_run_events
        BEGIN SELECT RAISE(ABORT, 'strategy_run_events is append-only'); END;
    `);
  },
};
