import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration.js';
import { migration001 } from './001-settings.js';
import { migration002 } from './002-audit.js';

describe('migration 002: audit', () => {
  it('creates the append-only audit table and its head after 001, user_version 2', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, [migration001, migration002])).toEqual({ from: 0, to: 2 });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    const columns = db
      .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('audit_log')")
      .all()
      .map((c) => c.name);
    expect(columns).toEqual(['id', 'time', 'kind', 'actor', 'summary', 'details', 'prev_hash', 'hash']);

    const insert = db.prepare(
      'INSERT INTO audit_log (time, kind, actor, summary, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    expect(insert.run(1, 'setting.changed', 'user', 'theme', '{}', '0', 'h').lastInsertRowid).toBe(1);
    expect(() => db.prepare("UPDATE audit_log SET summary = 'x' WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => insert.run('soon', 'k', 'user', 's', '{}', '0', 'h')).toThrow(); // STRICT
    db.prepare("INSERT INTO audit_head (one, last_id, last_hash) VALUES (1, 1, 'h')").run();
    expect(() => db.prepare("INSERT INTO audit_head (one, last_id, last_hash) VALUES (2, 1, 'h')").run()).toThrow(
      /CHECK/,
    );
    db.close();
  });

  it('upgrades a database that already holds settings, keeping them', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, [migration001]);
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('theme', '\"light\"', 1)").run();
    expect(migrate(db, [migration001, migration002])).toEqual({ from: 1, to: 2 });
    expect(db.prepare('SELECT value FROM settings').get()).toEqual({ value: '"light"' });
    db.close();
  });
});
