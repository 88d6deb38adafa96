import type { Migration } from '../migration.js';

/**
 * The risk controls' state, everything the engine needs after a restart (repositories/risk-repo.ts):
 * - `risk_settings`: one row, the RiskSettings as JSON (validated on load, defaults for what is missing).
 * - `kill_switch`: one row, the KillSwitchState as JSON (history included). `revision` grows with
 *   every write, from the app or the command line; `applied_revision` is the revision whose actions
 *   (cancel, stop, flatten) a running app has carried out. The app polls the revision, so an
 *   engagement written by `npm run cli -- kill-switch` while it runs is applied within a second.
 * - `loss_tracker`: one row, the daily loss / drawdown tracker (start-of-day equity, the peak).
 * - `risk_vetoes`: the veto log, append-only (triggers refuse UPDATE and DELETE), newest by id.
 */
export const migration005: Migration = {
  version: 5,
  name: 'risk',
  up(db) {
    db.exec(`
      CREATE TABLE risk_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        settings TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE kill_switch (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        state TEXT NOT NULL,
        engaged INTEGER NOT NULL CHECK (engaged IN (0, 1)),
        revision INTEGER NOT NULL,
        applied_revision INTEGER NOT NULL,
        written_by TEXT NOT NULL CHECK (written_by IN ('app', 'cli')),
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE loss_tracker (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        snapshot TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE risk_vetoes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        rule TEXT NOT NULL,
        message TEXT NOT NULL,
        details TEXT NOT NULL,
        symbol TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        type TEXT NOT NULL,
        quantity TEXT NOT NULL,
        price TEXT,
        origin TEXT NOT NULL,
        venue TEXT NOT NULL
      ) STRICT;
      CREATE INDEX risk_vetoes_at ON risk_vetoes (at);
      CREATE TRIGGER risk_vetoes_no_update BEFORE UPDATE ON risk_vetoes
        BEGIN SELECT RAISE(ABORT, 'risk_vetoes is append-only'); END;
      CREATE TRIGGER risk_vetoes_no_delete BEFORE DELETE ON risk_vetoes
        BEGIN SELECT RAISE(ABORT, 'risk_vetoes is append-only'); END;
    `);
  },
};
