import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration.js';
import { logMigration001 } from './001-logs.js';
import { LOG_MIGRATIONS } from './index.js';

describe('log migration 001: logs', () => {
  it('applies to an empty database: creates the logs table and its indexes, user_version 1', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, [logMigration001])).toEqual({ from: 0, to: 1 });
    expect(db.pragma('user_version', { simple: true })).toBe(1);

    const columns = db
      .prepare<[], { name: string; notnull: number }>('SELECT name, "notnull" FROM pragma_table_info(\'logs\')')
      .all();
    expect(columns.map((c) => c.name)).toEqual(['id', 'time', 'level', 'category', 'message', 'symbol', 'context']);
    expect(columns.find((c) => c.name === 'symbol')?.notnull).toBe(0);

    const indexes = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'logs' ORDER BY name",
      )
      .all()
      .map((r) => r.name);
    expect(indexes).toEqual(['logs_category_time', 'logs_level', 'logs_symbol_time', 'logs_time']);
    const indexed = (name: string) =>
      db
        .prepare<[], { name: string }>(`SELECT name FROM pragma_index_info('${name}')`)
        .all()
        .map((r) => r.name);
    expect(indexed('logs_category_time')).toEqual(['category', 'time']);
    expect(indexed('logs_symbol_time')).toEqual(['symbol', 'time']);

    const insert = db.prepare(
      'INSERT INTO logs (time, level, category, message, symbol, context) VALUES (?, ?, ?, ?, ?, ?)',
    );
    expect(insert.run(1, 'info', 'system', 'started', null, '{}').lastInsertRowid).toBe(1);
    // STRICT: a non-integer time is refused.
    expect(() => insert.run('soon', 'info', 'system', 'x', null, '{}')).toThrow();
    db.close();
  });

  it('is the whole log schema history, in order', () => {
    expect(LOG_MIGRATIONS.map((m) => m.version)).toEqual([1]);
    const db = new BetterSqlite3(':memory:');
    migrate(db, LOG_MIGRATIONS);
    expect(migrate(db, LOG_MIGRATIONS)).toEqual({ from: 1, to: 1 });
    db.close();
  });
});
