import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration.js';
import { MIGRATIONS } from './index.js';

describe('migration 014: run accounts', () => {
  it('keeps one sub-account per existing run, its capital optional', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, MIGRATIONS.slice(0, 14))).toEqual({ from: 0, to: 14 });
    db.pragma('foreign_keys = ON');
    db.prepare(
      `INSERT INTO strategy_runs (id, strategy_id, strategy_name, definition, kind, symbol, timeframe, mode, state, grade,
        approved_at, started_at, updated_at, state_reason, last_evaluated_at, position_quantity, orders_placed, vetoes,
        last_error, runner_state)
       VALUES ('r1', 's', 'S', '{}', 'signal', 'BTC/USD', '1m', 'SIMULATOR', 'RUNNING', 'GOOD', 1, 1, 1, NULL, NULL, '0', 0, 0, NULL, '{}')`,
    ).run();
    const insert = db.prepare(
      'INSERT INTO run_accounts (run_id, capital, base_equity, currency, market_started_at) VALUES (?, ?, ?, ?, ?)',
    );
    insert.run('r1', '1000', '1000', 'USD', 5);
    expect(() => insert.run('r1', null, '9000', 'USD', 5)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('nope', null, '9000', 'USD', 5)).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
