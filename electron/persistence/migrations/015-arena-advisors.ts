import type { Migration } from '../migration.js';

/**
 * AI advisors in the paper arena, each with its own model, instructions and sub-account.
 * - `arena_advisors`: one row per advisor: its name (unique), model, the trader's instructions,
 *   its settings (AdvisorSettings as JSON: symbols, timeframe, interval, budget, largest order),
 *   its capital (decimal text, quote currency), the venue it trades on (it stops when the app
 *   switches to another) and when it started on the market's clock. It is
 *   stopped, never deleted: a stopped advisor stays on the leaderboard with its decisions.
 * - `advisor_requests.advisor_id`, `advisor_decisions.advisor_id`: whose request and decision it
 *   is; NULL for the Settings advisor (the one that trades on the whole account), as before.
 */
export const migration015: Migration = {
  version: 15,
  name: 'arena-advisors',
  up(db) {
    db.exec(`
      CREATE TABLE arena_advisors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        model TEXT NOT NULL,
        instructions TEXT NOT NULL,
        settings TEXT NOT NULL,
        capital TEXT NOT NULL,
        currency TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('SIMULATOR', 'PAPER')),
        venue TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('RUNNING', 'STOPPED')),
        created_at INTEGER NOT NULL,
        market_started_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      ALTER TABLE advisor_requests ADD COLUMN advisor_id TEXT REFERENCES arena_advisors (id);
      ALTER TABLE advisor_decisions ADD COLUMN advisor_id TEXT REFERENCES arena_advisors (id);
      CREATE INDEX advisor_requests_advisor ON advisor_requests (advisor_id, at);
      CREATE INDEX advisor_decisions_advisor ON advisor_decisions (advisor_id, at);
    `);
  },
};
