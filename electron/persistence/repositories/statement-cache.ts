import type { Database, Statement } from 'better-sqlite3';

/** How many prepared filter statements a repository keeps: enough for every filter a person uses. */
export const STATEMENT_CACHE_SIZE = 64;

export type StatementCache<Row> = {
  /** The prepared statement for this SQL, prepared now if it is not among the recent ones. */
  get(sql: string): Statement<unknown[], Row>;
  size(): number;
};

/**
 * Prepared statements by SQL text, least recently used dropped first: a filter's SQL depends on
 * its shape (how many levels, kinds, ...), and an unbounded cache let a caller who varies the
 * shape grow the process without limit.
 */
export function createStatementCache<Row>(db: Database, max = STATEMENT_CACHE_SIZE): StatementCache<Row> {
  const cache = new Map<string, Statement<unknown[], Row>>();
  return {
    get(sql) {
      let stmt = cache.get(sql);
      if (stmt === undefined) {
        stmt = db.prepare<unknown[], Row>(sql);
        if (cache.size >= max) {
          const oldest = cache.keys().next();
          if (oldest.done !== true) cache.delete(oldest.value);
        }
      } else {
        cache.delete(sql);
      }
      cache.set(sql, stmt);
      return stmt;
    },
    size: () => cache.size,
  };
}

/** The distinct values of a filter list: repeating a value must not change the statement. */
export function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}
