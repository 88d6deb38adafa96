import type { Migration } from '../migration.js';

/**
 * Gauntlet results (repositories/gauntlet-repo.ts): one row per completed gauntlet of a saved
 * strategy on a symbol and timeframe, with its verdict grade (what activation reads: the latest row
 * per strategy, symbol and timeframe) and the whole GauntletReport as JSON (shared/domain/
 * gauntlet.ts). Rows are kept as history; they go with their strategy.
 */
export const migration008: Migration = {
  version: 8,
  name: 'gauntlets',
  up(db) {
    db.exec(`
      CREATE TABLE gauntlet_results (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        strategy_id TEXT NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
        symbol TEXT NOT NULL,
        timeframe TEXT NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('FAILED', 'ACCEPTABLE', 'GOOD', 'EXCELLENT')),
        report TEXT NOT NULL CHECK (json_valid(report)),
        ran_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX gauntlet_results_latest ON gauntlet_results (strategy_id, symbol, timeframe, ran_at);
    `);
  },
};
