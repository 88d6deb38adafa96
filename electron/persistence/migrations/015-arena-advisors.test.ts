import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration.js';
import { MIGRATIONS } from './index.js';

describe('migration 015: arena advisors', () => {
  it("keeps the Settings advisor's history and files new requests and decisions under their advisor", () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, MIGRATIONS.slice(0, 14))).toEqual({ from: 0, to: 14 });
    db.prepare(
      "INSERT INTO advisor_requests (at, model, tokens_in, tokens_out, cost_usd, latency_ms) VALUES (1, 'm', 1, 1, 0.01, 5)",
    ).run();
    expect(migrate(db, MIGRATIONS.slice(0, 15))).toEqual({ from: 14, to: 15 });
    db.pragma('foreign_keys = ON');
    expect(db.prepare('SELECT advisor_id FROM advisor_requests').all()).toEqual([{ advisor_id: null }]);
    const add = db.prepare(
      `INSERT INTO arena_advisors (id, name, model, instructions, settings, capital, currency, mode, venue, state,
        created_at, market_started_at, updated_at)
       VALUES (?, ?, 'm', '', '{}', '1000', 'USD', 'PAPER', 'paper:kraken', 'RUNNING', 1, 1, 1)`,
    );
    add.run('a1', 'Momentum');
    expect(() => add.run('a2', 'Momentum')).toThrow(/UNIQUE/);
    const request = db.prepare(
      "INSERT INTO advisor_requests (at, model, tokens_in, tokens_out, cost_usd, latency_ms, advisor_id) VALUES (2, 'm', 1, 1, 0, 5, ?)",
    );
    request.run('a1');
    expect(() => request.run('nobody')).toThrow(/FOREIGN KEY/);
    // Still append-only.
    expect(() => db.prepare("UPDATE advisor_requests SET advisor_id = 'a1'").run()).toThrow(/append-only/);
    db.close();
  });
});
