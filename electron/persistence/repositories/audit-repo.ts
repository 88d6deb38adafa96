import type { Database } from 'better-sqlite3';
import type { AuditHead, StoredAuditEntry } from '../../engine/audit/chain.js';
import { finishWhere } from './sql-filters.js';
import { createStatementCache, distinct } from './statement-cache.js';

/** Filters of the audit trail, already validated. Empty lists mean "no filter". */
export type AuditRowFilter = {
  kinds?: readonly string[];
  /** Case-insensitive (ASCII) substring of the summary or the details JSON. */
  text?: string;
  /** Inclusive bounds on time, UTC ms. */
  from?: number;
  to?: number;
};

export type AuditRepo = {
  /**
   * Appends one entry in a single IMMEDIATE transaction: `build` receives the current head (the
   * last link, or null for an empty trail) and returns the sealed entry; the head moves with it.
   */
  append(build: (head: AuditHead | null) => StoredAuditEntry): StoredAuditEntry;
  head(): AuditHead | null;
  /** Newest first, ids below beforeId. */
  query(filter: AuditRowFilter & { beforeId?: number; limit: number }): StoredAuditEntry[];
  /** Oldest first, afterId < id <= untilId: keyset pages for exports. */
  pageAscending(filter: AuditRowFilter, afterId: number, untilId: number, limit: number): StoredAuditEntry[];
  /** Every entry in id order, unfiltered, from afterId on: what verification reads. */
  chainPage(afterId: number, limit: number): StoredAuditEntry[];
  count(): number;
  lastTime(): number | null;
  maxId(): number;
};

const COLUMNS = 'id, time, kind, actor, summary, details, prev_hash AS prevHash, hash';

function whereClause(filter: AuditRowFilter, extra: string[], params: unknown[]): string {
  const where = [...extra];
  if (filter.kinds !== undefined && filter.kinds.length > 0) {
    const kinds = distinct(filter.kinds);
    where.push(`kind IN (${kinds.map(() => '?').join(', ')})`);
    params.push(...kinds);
  }
  return finishWhere(where, params, filter, ['summary', 'details']);
}

export function createAuditRepo(db: Database): AuditRepo {
  // One statement per filter shape, the recently used ones kept (a bounded cache).
  const cache = createStatementCache<StoredAuditEntry>(db);
  const statement = (sql: string) => cache.get(sql);
  const selectHead = db.prepare<[], AuditHead>('SELECT last_id AS lastId, last_hash AS lastHash FROM audit_head');
  const selectLast = db.prepare<[], AuditHead>(
    'SELECT id AS lastId, hash AS lastHash FROM audit_log ORDER BY id DESC LIMIT 1',
  );
  const insert = db.prepare<[number, number, string, string, string, string, string, string]>(
    'INSERT INTO audit_log (id, time, kind, actor, summary, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const upsertHead = db.prepare<[number, string]>(
    `INSERT INTO audit_head (one, last_id, last_hash) VALUES (1, ?, ?)
     ON CONFLICT(one) DO UPDATE SET last_id = excluded.last_id, last_hash = excluded.last_hash`,
  );
  const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_log');
  const lastTimeStmt = db.prepare<[], { t: number | null }>('SELECT max(time) AS t FROM audit_log');
  const maxIdStmt = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM audit_log');
  const chain = db.prepare<[number, number], StoredAuditEntry>(
    `SELECT ${COLUMNS} FROM audit_log WHERE id > ? ORDER BY id LIMIT ?`,
  );

  // The head row is the truth for the next link; the last row only stands in if the head is gone.
  const head = (): AuditHead | null => selectHead.get() ?? selectLast.get() ?? null;
  const appendTx = db.transaction((build: (h: AuditHead | null) => StoredAuditEntry) => {
    const entry = build(head());
    insert.run(entry.id, entry.time, entry.kind, entry.actor, entry.summary, entry.details, entry.prevHash, entry.hash);
    upsertHead.run(entry.id, entry.hash);
    return entry;
  });

  return {
    append: (build) => appendTx.immediate(build),
    head,
    query(filter) {
      const params: unknown[] = [];
      const extra = filter.beforeId !== undefined ? ['id < ?'] : [];
      if (filter.beforeId !== undefined) params.push(filter.beforeId);
      const sql = `SELECT ${COLUMNS} FROM audit_log${whereClause(filter, extra, params)} ORDER BY id DESC LIMIT ?`;
      return statement(sql).all(...params, filter.limit);
    },
    pageAscending(filter, afterId, untilId, limit) {
      const params: unknown[] = [afterId, untilId];
      const sql = `SELECT ${COLUMNS} FROM audit_log${whereClause(filter, ['id > ?', 'id <= ?'], params)} ORDER BY id LIMIT ?`;
      return statement(sql).all(...params, limit);
    },
    chainPage: (afterId, limit) => chain.all(afterId, limit),
    count: () => countAll.get()?.n ?? 0,
    lastTime: () => lastTimeStmt.get()?.t ?? null,
    maxId: () => maxIdStmt.get()?.id ?? 0,
  };
}
