import type { Database } from 'better-sqlite3';
import { finishWhere } from './sql-filters.js';
import { createStatementCache, distinct } from './statement-cache.js';

/** A row of the logs table as stored; `context` is JSON text. */
export type LogRow = {
  id: number;
  time: number;
  level: string;
  category: string;
  message: string;
  symbol: string | null;
  context: string;
};

export type NewLogRow = Omit<LogRow, 'id'>;

/** Filters of a log query, already validated. Empty lists mean "no filter". */
export type LogRowFilter = {
  levels?: readonly string[];
  categories?: readonly string[];
  symbol?: string;
  /** Case-insensitive (ASCII) substring of the message or the context JSON. */
  text?: string;
  /** Inclusive bounds on time, UTC ms. */
  from?: number;
  to?: number;
  /** Only rows with a smaller id (paging backwards). */
  beforeId?: number;
  limit: number;
};

export type LogRepo = {
  insert(row: NewLogRow): number;
  /** Newest first (highest id first). */
  query(filter: LogRowFilter): LogRow[];
  /** Oldest first, afterId < id <= untilId: keyset pages for exports (filters as in query). */
  pageAscending(
    filter: Omit<LogRowFilter, 'beforeId' | 'limit'>,
    afterId: number,
    untilId: number,
    limit: number,
  ): LogRow[];
  count(): number;
  maxId(): number;
  oldestTime(): number | null;
  /** Deletes up to `limit` of the oldest entries with time < before; returns how many. */
  deleteOlderThan(before: number, limit: number): number;
};

function placeholders(n: number): string {
  return new Array<string>(n).fill('?').join(', ');
}

const COLUMNS = 'id, time, level, category, message, symbol, context';

/** The WHERE clause of a filter (after `extra` conditions), pushing its parameters in order. */
function whereClause(filter: Omit<LogRowFilter, 'beforeId' | 'limit'>, extra: string[], params: unknown[]): string {
  const where = [...extra];
  if (filter.levels !== undefined && filter.levels.length > 0) {
    const levels = distinct(filter.levels);
    where.push(`level IN (${placeholders(levels.length)})`);
    params.push(...levels);
  }
  if (filter.categories !== undefined && filter.categories.length > 0) {
    const categories = distinct(filter.categories);
    where.push(`category IN (${placeholders(categories.length)})`);
    params.push(...categories);
  }
  if (filter.symbol !== undefined && filter.symbol !== '') {
    where.push('symbol = ?');
    params.push(filter.symbol);
  }
  return finishWhere(where, params, filter, ['message', 'context']);
}

export function createLogRepo(db: Database): LogRepo {
  const insert = db.prepare<[number, string, string, string, string | null, string]>(
    'INSERT INTO logs (time, level, category, message, symbol, context) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM logs');
  const maxIdStmt = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM logs');
  const oldestStmt = db.prepare<[], { t: number | null }>('SELECT min(time) AS t FROM logs');
  // Oldest first, in bounded batches; ordered by time so the time index finds them (a scan in id
  // order would read every row when none is old enough).
  const deleteOld = db.prepare<[number, number]>(
    'DELETE FROM logs WHERE id IN (SELECT id FROM logs WHERE time < ? ORDER BY time LIMIT ?)',
  );
  // One statement per filter shape, the recently used ones kept (a bounded cache).
  const cache = createStatementCache<LogRow>(db);
  const statement = (sql: string) => cache.get(sql);

  return {
    insert(row) {
      const result = insert.run(row.time, row.level, row.category, row.message, row.symbol, row.context);
      return Number(result.lastInsertRowid);
    },
    query(filter) {
      const params: unknown[] = [];
      const extra = filter.beforeId !== undefined ? ['id < ?'] : [];
      if (filter.beforeId !== undefined) params.push(filter.beforeId);
      const sql = `SELECT ${COLUMNS} FROM logs${whereClause(filter, extra, params)} ORDER BY id DESC LIMIT ?`;
      params.push(filter.limit);
      return statement(sql).all(...params);
    },
    pageAscending(filter, afterId, untilId, limit) {
      const params: unknown[] = [afterId, untilId];
      const sql = `SELECT ${COLUMNS} FROM logs${whereClause(filter, ['id > ?', 'id <= ?'], params)} ORDER BY id LIMIT ?`;
      return statement(sql).all(...params, limit);
    },
    maxId() {
      return maxIdStmt.get()?.id ?? 0;
    },
    oldestTime() {
      return oldestStmt.get()?.t ?? null;
    },
    deleteOlderThan(before, limit) {
      return deleteOld.run(before, limit).changes;
    },
    count() {
      return countAll.get()?.n ?? 0;
    },
  };
}
