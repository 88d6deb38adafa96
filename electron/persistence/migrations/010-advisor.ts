import type { Migration } from '../migration.js';

/**
 * The AI advisor's record (repositories/advisor-repo.ts):
 * - `advisor_requests`: one row per request sent to Claude, answered or not: when, the model, the
 *   tokens in and out and their cost estimate (USD). The daily budget sums today's costs (UTC day).
 * - `advisor_decisions`: one row per decision Claude returned (buy, sell, hold) with its size and
 *   reasoning, and what became of it: the order placed (its client order id), the risk veto, a
 *   hold, a skip or an error, with a sentence saying why. Its share of the request's cost.
 * Both are append-only: they are the advisor's history, shown beside its trades.
 */
export const migration010: Migration = {
  version: 10,
  name: 'advisor',
  up(db) {
    db.exec(`
      CREATE TABLE advisor_requests (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        model TEXT NOT NULL,
        tokens_in INTEGER NOT NULL CHECK (tokens_in >= 0),
        tokens_out INTEGER NOT NULL CHECK (tokens_out >= 0),
        cost_usd REAL NOT NULL CHECK (cost_usd >= 0),
        latency_ms INTEGER NOT NULL,
        error TEXT
      ) STRICT;
      CREATE INDEX advisor_requests_at ON advisor_requests (at);

      CREATE TABLE advisor_decisions (
        id TEXT PRIMARY KEY,
        request_id INTEGER NOT NULL REFERENCES advisor_requests (id),
        at INTEGER NOT NULL,
        symbol TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('BUY', 'SELL', 'HOLD')),
        size_percent REAL NOT NULL,
        reasoning TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('ORDER', 'VETOED', 'HOLD', 'SKIPPED', 'ERROR')),
        outcome_detail TEXT NOT NULL,
        client_order_id TEXT,
        cost_usd REAL NOT NULL CHECK (cost_usd >= 0)
      ) STRICT;
      CREATE INDEX advisor_decisions_at ON advisor_decisions (at);

      CREATE TRIGGER advisor_requests_no_update BEFORE UPDATE ON advisor_requests
        BEGIN SELECT RAISE(ABORT, 'advisor_requests is append-only'); END;
      CREATE TRIGGER advisor_requests_no_delete BEFORE DELETE ON advisor_requests
        BEGIN SELECT RAISE(ABORT, 'advisor_requests is append-only'); END;
      CREATE TRIGGER advisor_decisions_no_update BEFORE UPDATE ON advisor_decisions
        BEGIN SELECT RAISE(ABORT, 'advisor_decisions is append-only'); END;
      CREATE TRIGGER advisor_decisions_no_delete BEFORE DELETE ON advisor_decisions
        BEGIN SELECT RAISE(ABORT, 'advisor_decisions is append-only'); END;
    `);
  },
};
