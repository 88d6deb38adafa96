import type { Database } from 'better-sqlite3';

/** Raw key/value rows of the settings table; validation lives in the settings service. */
export type SettingsRepo = {
  all(): Map<string, unknown>;
  put(entries: Record<string, unknown>, now: number): void;
};

export function createSettingsRepo(db: Database): SettingsRepo {
  const selectAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const upsert = db.prepare<[string, string, number]>(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const putAll = db.transaction((entries: Record<string, unknown>, now: number) => {
    for (const [key, value] of Object.entries(entries)) upsert.run(key, JSON.stringify(value), now);
  });
  return {
    all() {
      const out = new Map<string, unknown>();
      for (const row of selectAll.all()) {
        try {
          out.set(row.key, JSON.parse(row.value));
        } catch {
          out.set(row.key, undefined);
        }
      }
      return out;
    },
    put(entries, now) {
      putAll(entries, now);
    },
  };
}
