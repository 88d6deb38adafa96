import type { LogFilter } from '../../shared/domain/log-filter.js';
import { LogQuery, type LogCategory, type LogEntry, type LogLevel } from '../../shared/domain/logs.js';
import { openDatabase, type Database } from '../persistence/database.js';
import { LOG_MIGRATIONS } from '../persistence/log-migrations/index.js';
import { openDatabaseReadOnly } from '../persistence/read-only.js';
import { createLogRepo, type LogRow } from '../persistence/repositories/log-repo.js';

/** The searchable store behind the Logs tab (logs.db, separate from the order journal's database). */
export type LogStore = {
  /** Stores an entry (already redacted) and returns it with its id. */
  append(entry: Omit<LogEntry, 'id'>): LogEntry;
  /** Newest first. Throws a ZodError if the query is malformed. */
  query(q: LogQuery): LogEntry[];
  count(): number;
  /** Raw rows (context as JSON text), oldest first, afterId < id <= untilId: pages for exports. */
  pageAscending(filter: LogFilter, afterId: number, untilId: number, limit: number): LogRow[];
  /** The highest id so far (0 when empty): an export stops there, so it ends even while logging goes on. */
  maxId(): number;
  oldestTime(): number | null;
  /** Deletes up to `limit` of the oldest entries older than `before` (UTC ms); returns how many. */
  pruneOlderThan(before: number, limit: number): number;
  /** Closes the file; safe to call more than once. */
  close(): void;
};

export function parseContext(json: string): Record<string, unknown> {
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
  return logStoreOver(openDatabase({ file, migrations: LOG_MIGRATIONS, synchronous: 'NORMAL' }));
}

/** The log store of an existing logs.db, read-only (the CLI): append and prune throw. */
export function openLogStoreReadOnly(file: string): LogStore {
  return logStoreOver(openDatabaseReadOnly(file, LOG_MIGRATIONS.length, LOG_MIGRATIONS.length));
}

function logStoreOver(db: Database): LogStore {
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
    pageAscending(filter, afterId, untilId, limit) {
      return repo.pageAscending(filter, afterId, untilId, limit);
    },
    maxId: () => repo.maxId(),
    oldestTime: () => repo.oldestTime(),
    pruneOlderThan: (before, limit) => repo.deleteOlderThan(before, limit),
    close() {
      if (!open) return;
      open = false;
      db.close();
    },
  };
}
