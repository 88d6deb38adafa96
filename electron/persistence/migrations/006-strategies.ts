import type { Migration } from '../migration.js';

/**
 * The strategy library (repositories/strategy-repo.ts):
 * - `strategies`: one row per saved strategy, its definition as JSON (validated by the service);
 * - `strategy_backtests`: the last backtest summary of a strategy per (symbol, timeframe), with its
 *   grade, so activation can check that a non-FAILED backtest exists. Deleted with the strategy.
 */
export const migration006: Migration = {
  version: 6,
  name: 'strategies',
  up(db) {
    db.exec(`
      CREATE TABLE strategies (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        definition TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE strategy_backtests (
        strategy_id TEXT NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
        symbol TEXT NOT NULL,
        timeframe TEXT NOT NULL,
        grade TEXT NOT NULL CHECK (grade IN ('FAILED', 'ACCEPTABLE', 'GOOD', 'EXCELLENT')),
        summary TEXT NOT NULL,
        ran_at INTEGER NOT NULL,
        PRIMARY KEY (strategy_id, symbol, timeframe)
      ) STRICT;
    `);
  },
};
