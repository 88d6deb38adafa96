import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration.js';
import { MIGRATIONS } from './index.js';

describe('migration 010: advisor', () => {
  it('creates the append-only request and decision tables, with checked actions and outcomes', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, MIGRATIONS.slice(0, 10))).toEqual({ from: 0, to: 10 });
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    db.pragma('foreign_keys = ON');

    const request = db.prepare(
      'INSERT INTO advisor_requests (at, model, tokens_in, tokens_out, cost_usd, latency_ms, error) VALUES (?, ?, ?, ?, ?, 5, NULL)',
    );
    const id = Number(request.run(1, 'claude-sonnet-4-5', 1200, 300, 0.0081).lastInsertRowid);
    expect(() => request.run(2, 'm', -1, 0, 0)).toThrow(/CHECK/);
    expect(() => request.run(2, 'm', 0, 0, -0.5)).toThrow(/CHECK/);

    const decision = db.prepare(`INSERT INTO advisor_decisions (id, request_id, at, symbol, action, size_percent,
      reasoning, outcome, outcome_detail, client_order_id, cost_usd) VALUES (?, ?, 1, 'BTC/USD', ?, 2, 'why', ?, 'what', NULL, 0.001)`);
    decision.run('d1', id, 'BUY', 'ORDER');
    decision.run('d2', id, 'HOLD', 'HOLD');
    expect(() => decision.run('d3', id, 'SHORT', 'ORDER')).toThrow(/CHECK/);
    expect(() => decision.run('d4', id, 'SELL', 'DONE')).toThrow(/CHECK/);
    expect(() => decision.run('d5', id + 99, 'SELL', 'VETOED')).toThrow(/FOREIGN KEY/);
    expect(() => decision.run('d1', id, 'SELL', 'VETOED')).toThrow(/UNIQUE/);

    for (const table of ['advisor_requests', 'advisor_decisions']) {
      expect(() => db.prepare(`UPDATE ${table} SET at = 9`).run()).toThrow(/append-only/);
      expect(() => db.prepare(`DELETE FROM ${table}`).run()).toThrow(/append-only/);
    }
    const plan = (sql: string) =>
      db
        .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((r) => r.detail)
        .join(' | ');
    expect(plan('SELECT SUM(cost_usd) FROM advisor_requests WHERE at >= 0 AND at < 10')).toMatch(/advisor_requests_at/);
    expect(plan('SELECT * FROM advisor_decisions ORDER BY at DESC LIMIT 5')).toMatch(/advisor_decisions_at/);
    db.close();
  });
});
