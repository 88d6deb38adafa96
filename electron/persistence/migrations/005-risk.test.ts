import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration.js';
import { MIGRATIONS } from './index.js';

describe('migration 005: risk', () => {
  it('creates the settings, kill switch, loss tracker and append-only veto log tables', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, MIGRATIONS.slice(0, 5))).toEqual({ from: 0, to: 5 });
    expect(db.pragma('user_version', { simple: true })).toBe(5);

    const ks = db.prepare(
      "INSERT INTO kill_switch (id, state, engaged, revision, applied_revision, written_by, updated_at) VALUES (?, '{}', ?, 1, 0, ?, 1)",
    );
    ks.run(1, 1, 'cli');
    expect(() => ks.run(2, 1, 'app')).toThrow(/CHECK/); // one row only
    expect(() => db.prepare("UPDATE kill_switch SET written_by = 'someone'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO risk_settings VALUES (2, '{}', 1)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO loss_tracker VALUES (2, '{}', 1)").run()).toThrow(/CHECK/);

    const veto = db.prepare(`INSERT INTO risk_vetoes (at, rule, message, details, symbol, side, type, quantity, price,
      origin, venue) VALUES (?, 'CAPITAL_PER_SYMBOL', 'too much', '{}', 'BTC/USD', ?, 'market', '1', NULL, 'user', 'simulator')`);
    veto.run(1, 'buy');
    veto.run(2, 'sell');
    expect(() => veto.run(3, 'short')).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE risk_vetoes SET message = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM risk_vetoes').run()).toThrow(/append-only/);
    const plan = db
      .prepare<[], { detail: string }>('EXPLAIN QUERY PLAN SELECT * FROM risk_vetoes WHERE at > 1 ORDER BY at')
      .all()
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/risk_vetoes_at/);
    db.close();
  });
});
