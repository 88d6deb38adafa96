import { LogQuery, type LogCategory, type LogEntry, type LogLevel } from '../../shared/domain/logs.js';
import { openDatabase } from '../persistence/database.js';
import { LOG_MIGRATIONS } from '../persistence/log-migrations/index.js';
import { createLogRepo, type LogRow } from '../persistence/repositories/log-repo.js';

/** The searchable store behind the Logs tab (logs.db, separate from the order journal's database). */
export type LogStore = {
  /** Stores an entry (already redacted) and returns it with its id. */
  append(entry: Omit<LogEntry, 'id'>): LogEntry;
  /** Newest first. Throws a ZodError if the query is malformed. */
  query(q: LogQuery): LogEntry[];
  count(): number;
  /** Closes the file; safe to call more than once. */
  close(): void;
};

function parseContext(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    return { value };
  } catch {
    return { unparsed: json };
  }
}

function toEntry(row: LogRow): LogEntry {
  return {
    id: row.id,
    time: row.time,
    // Only the logger writes rows, and it writes valid levels and categories.
    level: row.level as LogLevel,
    category: row.category as LogCategory,
    message: row.message,
    symbol: row.symbol,
    context: parseContext(row.context),
  };
}

/**
 * Opens (creating and migrating if needed) the log database. Commits use synchronous=NORMAL:
 * a crash loses nothing, a power cut may lose the last moments of logs but never the order journal.
 */
export function openLogStore(file: string): LogStore {
  const db = openDatabase({ file, migrations: LOG_MIGRATIONS, synchronous: 'NORMAL' });
  const repo = createLogRepo(db);
  let open = true;
  return {
    append(entry) {
      const context = JSON.stringify(entry.context);
      const id = repo.insert({
        time: entry.time,
        level: entry.level,
        category: entry.category,
        message: entry.message,
        symbol: entry.symbol,
        context,
      });
      return { ...entry, id };
    },
    query(q) {
      const parsed = LogQuery.parse(q);
      return repo.query(parsed).map(toEntry);
    },
    count() {
      return repo.count();
    },
    close() {
      if (!open) return;
      open = false;
      db.close();
    },
  };
}
