import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration.js';
import { MIGRATIONS } from './index.js';

describe('migration 007: strategy runs', () => {
  it('creates runs (one active per strategy and symbol), their orders and an append-only decision log', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, MIGRATIONS.slice(0, 7))).toEqual({ from: 0, to: 7 });
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    db.pragma('foreign_keys = ON');

    const run = db.prepare(`INSERT INTO strategy_runs (id, strategy_id, strategy_name, definition, kind, symbol,
      timeframe, mode, state, grade, approved_at, started_at, updated_at) VALUES (?, 's1', 'n', '{}', 'signal',
      'BTC/USD', '1m', ?, ?, 'GOOD', 1, 1, 1)`);
    run.run('r1', 'SIMULATOR', 'RUNNING');
    expect(() => run.run('r2', 'SIMULATOR', 'PAUSED')).toThrow(/UNIQUE/); // one active run per strategy and symbol
    db.prepare("UPDATE strategy_runs SET state = 'STOPPED' WHERE id = 'r1'").run();
    run.run('r2', 'PAPER', 'RUNNING');
    expect(() => run.run('r3', 'DEMO', 'STOPPED')).toThrow(/CHECK/);
    expect(() => run.run('r4', 'PAPER', 'DONE')).toThrow(/CHECK/);
    expect(
      db.prepare<[], { position_quantity: string; runner_state: string }>('SELECT * FROM strategy_runs').get(),
    ).toMatchObject({ position_quantity: '0', runner_state: '{}' });

    const order = db.prepare(
      "INSERT INTO strategy_run_orders (client_order_id, run_id, role, side, placed_at) VALUES (?, ?, ?, 'buy', 1)",
    );
    order.run('o1', 'r2', 'entry');
    expect(() => order.run('o2', 'r2', 'hedge')).toThrow(/CHECK/);
    expect(() => order.run('o3', 'nope', 'entry')).toThrow(/FOREIGN KEY/);

    const event = db.prepare(
      "INSERT INTO strategy_run_events (run_id, at, kind, message, client_order_id) VALUES ('r2', 1, ?, 'm', NULL)",
    );
    event.run('VETO');
    expect(() => event.run('GUESS')).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE strategy_run_events SET message = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM strategy_run_events').run()).toThrow(/append-only/);
    const plan = db
      .prepare<[], { detail: string }>(
        "EXPLAIN QUERY PLAN SELECT * FROM strategy_run_events WHERE run_id = 'r2' ORDER BY id DESC LIMIT 5",
      )
      .all()
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/strategy_run_events_run/);
    db.close();
  });
});
