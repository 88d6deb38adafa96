import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration.js';
import { migration001 } from './001-settings.js';

describe('migration 001: settings', () => {
  it('creates the settings key/value table and sets user_version 1', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, [migration001]);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('theme', '"dark"', 1);
    expect(() =>
      db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('theme', '"x"', 2),
    ).toThrow(/UNIQUE/);
    // STRICT: a non-integer timestamp is refused.
    expect(() =>
      db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('a', '1', 'soon'),
    ).toThrow();
    db.close();
  });
});
