import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration.js';
import { migration008 } from './008-gauntlets.js';
import { MIGRATIONS } from './index.js';

describe('migration 008: gauntlets', () => {
  it('creates the result table: checked verdicts, JSON reports, removed with their strategy', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 8),
    );
    db.transaction(() => migration008.up(db))();
    db.pragma('foreign_keys = ON');
    db.prepare(
      `INSERT INTO strategies (id, name, definition, created_at, updated_at) VALUES ('s1', 'a', '{}', 1, 1)`,
    ).run();

    const insert = db.prepare(
      `INSERT INTO gauntlet_results (strategy_id, symbol, timeframe, verdict, report, ran_at) VALUES (?, 'BTC/USD', '1h', ?, ?, ?)`,
    );
    insert.run('s1', 'GOOD', '{"a":1}', 10);
    insert.run('s1', 'FAILED', '{"a":2}', 20);
    expect(() => insert.run('s1', 'MEDIOCRE', '{}', 30)).toThrow(/CHECK/);
    expect(() => insert.run('s1', 'GOOD', 'not json', 30)).toThrow(/CHECK/);
    expect(() => insert.run('nope', 'GOOD', '{}', 30)).toThrow(/FOREIGN KEY/);

    const plan = db
      .prepare<[], { detail: string }>(
        `EXPLAIN QUERY PLAN SELECT verdict FROM gauntlet_results WHERE strategy_id = 's1' AND symbol = 'BTC/USD'
         AND timeframe = '1h' ORDER BY ran_at DESC LIMIT 1`,
      )
      .all()
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/gauntlet_results_latest/);

    db.prepare(`DELETE FROM strategies WHERE id = 's1'`).run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM gauntlet_results').get()).toEqual({ n: 0 });
    db.close();
  });
});
