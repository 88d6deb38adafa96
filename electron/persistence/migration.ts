import type { Database } from 'better-sqlite3';

/** One schema version. Append-only: a released migration is never edited, only followed. */
export type Migration = {
  version: number;
  name: string;
  up(db: Database): void;
};

/** Checks the list is 1..n without gaps, so a missing or reordered file fails at once. */
export function assertMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration list is out of order: position ${i + 1} holds version ${m.version} (${m.name})`);
    }
  });
}

/** Applies every migration above the file's user_version, each in its own transaction. */
export function migrate(db: Database, migrations: readonly Migration[]): { from: number; to: number } {
  assertMigrationList(migrations);
  const from = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: migrations.length };
}
