import type { Migration } from '../migration.js';

/** The Logs tab's store: one row per entry, filtered by time, category, symbol and level. */
export const logMigration001: Migration = {
  version: 1,
  name: 'logs',
  up(db) {
    db.exec(`
      CREATE TABLE logs (
        id INTEGER PRIMARY KEY,
        time INTEGER NOT NULL,
        level TEXT NOT NULL,
        category TEXT NOT NULL,
        message TEXT NOT NULL,
        symbol TEXT,
        context TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX logs_time ON logs (time);
      CREATE INDEX logs_category_time ON logs (category, time);
      CREATE INDEX logs_symbol_time ON logs (symbol, time);
      CREATE INDEX logs_level ON logs (level);
    `);
  },
};
