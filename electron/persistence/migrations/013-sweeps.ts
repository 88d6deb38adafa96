import type { Migration } from '../migration.js';

/**
 * Parameter sweeps and walk-forward runs (repositories/sweep-repo.ts, electron/engine/optimize):
 * - `sweeps`: one row per sweep: its request as JSON (strategy, ranges, objective, constraints,
 *   candle source, settings, walk-forward windows), how many results it needs, its status.
 * - `sweep_results`: one row per parameter set and window (-1: a plain sweep; k: the in-sample part
 *   of walk-forward window k), written as each result arrives. The key makes a result delivered
 *   twice (a chunk retried after its worker died) count once; a sweep interrupted by a restart
 *   resumes with the sets that have no row yet.
 */
export const migration013: Migration = {
  version: 13,
  name: 'sweeps',
  up(db) {
    db.exec(`
      CREATE TABLE sweeps (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        strategy_name TEXT NOT NULL,
        request TEXT NOT NULL,
        total INTEGER NOT NULL CHECK (total >= 0),
        status TEXT NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'CANCELLED', 'FAILED')),
        detail TEXT
      ) STRICT;
      CREATE INDEX sweeps_created ON sweeps (created_at);

      CREATE TABLE sweep_results (
        sweep_id TEXT NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
        window INTEGER NOT NULL CHECK (window >= -1),
        set_index INTEGER NOT NULL CHECK (set_index >= 0),
        result TEXT NOT NULL,
        PRIMARY KEY (sweep_id, window, set_index)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
