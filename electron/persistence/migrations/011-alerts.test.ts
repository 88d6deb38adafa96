import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration.js';
import { MIGRATIONS } from './index.js';

describe('migration 011: alerts', () => {
  it('creates rules, alerts and per-channel deliveries with checked states', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, MIGRATIONS.slice(0, 11))).toEqual({ from: 0, to: 11 });
    db.pragma('foreign_keys = ON');
    const rule = db.prepare('INSERT INTO alert_rules (id, spec, enabled, created_at) VALUES (?, ?, ?, 1)');
    rule.run('r1', '{"kind":"event"}', 1);
    expect(() => rule.run('r2', 'not json', 1)).toThrow(/CHECK/);
    expect(() => rule.run('r3', '{}', 2)).toThrow(/CHECK/);

    db.prepare(
      "INSERT INTO alerts (id, rule_id, rule_name, source, title, message, symbol, at) VALUES ('a1', 'r1', 'n', 'fill', 't', 'm', NULL, 5)",
    ).run();
    const delivery = db.prepare("INSERT INTO alert_deliveries (alert_id, channel, state) VALUES (?, ?, 'pending')");
    delivery.run('a1', 'telegram');
    expect(() => delivery.run('a1', 'telegram')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => delivery.run('a1', 'sms')).toThrow(/CHECK/);
    expect(() => delivery.run('missing', 'discord')).toThrow(/FOREIGN KEY/);
    const plan = db
      .prepare<[], { detail: string }>(
        "EXPLAIN QUERY PLAN SELECT * FROM alert_deliveries WHERE state = 'pending' ORDER BY next_attempt_at",
      )
      .all()
      .map((r) => r.detail)
      .join(' ');
    expect(plan).toMatch(/alert_deliveries_due/);
    db.close();
  });
});
