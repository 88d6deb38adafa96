import type { Migration } from '../migration.js';

/**
 * Sub-accounts of strategy runs (the paper arena): one row per run started since this version.
 * - `capital`: the run's own starting capital (decimal text, quote currency), or NULL when the run
 *   shares the account (it sizes from the whole account's equity, as before).
 * - `base_equity`: what its returns are measured against: its capital, or the account's equity
 *   when it started.
 * - `market_started_at`: the market's time when it started (the simulator's clock may run ahead
 *   of the wall clock), the first candle its drift is compared from.
 */
export const migration014: Migration = {
  version: 14,
  name: 'run-accounts',
  up(db) {
    db.exec(`
      CREATE TABLE run_accounts (
        run_id TEXT PRIMARY KEY REFERENCES strategy_runs (id),
        capital TEXT,
        base_equity TEXT NOT NULL,
        currency TEXT NOT NULL,
        market_started_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
