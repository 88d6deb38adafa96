import type { Database } from 'better-sqlite3';
import type { SetResult } from '../../engine/optimize/evaluate.js';

/**
 * Sweeps in workstation.db (migration 013): the request, the status, and each parameter set's result
 * as it arrives. `add` ignores a result already stored for the same set and window (a retried chunk
 * delivers it again: counted once). Results are stored without trades and equity (the summary
 * inputs only: metrics, blocks, daily moments).
 */
export type SweepStatus = 'RUNNING' | 'DONE' | 'CANCELLED' | 'FAILED';
export type SweepRow = {
  id: string;
  createdAt: number;
  updatedAt: number;
  strategyName: string;
  request: unknown;
  total: number;
  status: SweepStatus;
  detail: string | null;
  stored: number;
};

export type SweepRepo = {
  create(row: { id: string; at: number; strategyName: string; request: unknown; total: number }): void;
  /** Stores the results not stored yet; answers how many were new. */
  add(id: string, window: number, results: readonly SetResult[]): number;
  results(id: string, window: number): SetResult[];
  setStatus(id: string, status: SweepStatus, at: number, detail?: string | null): void;
  get(id: string): SweepRow | null;
  list(limit?: number): SweepRow[];
};

type Row = {
  id: string;
  created_at: number;
  updated_at: number;
  strategy_name: string;
  request: string;
  total: number;
  status: SweepStatus;
  detail: string | null;
  stored: number;
};

const toRow = (r: Row): SweepRow => ({
  id: r.id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  strategyName: r.strategy_name,
  request: JSON.parse(r.request) as unknown,
  total: r.total,
  status: r.status,
  detail: r.detail,
  stored: r.stored,
});

/** JSON without trades and equity; infinities (never in metrics, but safe) become null. */
function stored(r: SetResult): string {
  const { trades: _trades, equity: _equity, ...rest } = r;
  return JSON.stringify(rest);
}

export function createSweepRepo(db: Database): SweepRepo {
  const insertSweep = db.prepare<[string, number, number, string, string, number]>(
    `INSERT INTO sweeps (id, created_at, updated_at, strategy_name, request, total, status) VALUES (?, ?, ?, ?, ?, ?, 'RUNNING')`,
  );
  const insertResult = db.prepare<[string, number, number, string]>(
    `INSERT OR IGNORE INTO sweep_results (sweep_id, window, set_index, result) VALUES (?, ?, ?, ?)`,
  );
  const selectResults = db.prepare<[string, number], { result: string }>(
    `SELECT result FROM sweep_results WHERE sweep_id = ? AND window = ? ORDER BY set_index`,
  );
  const update = db.prepare<[string, number, string | null, string]>(
    `UPDATE sweeps SET status = ?, updated_at = ?, detail = ? WHERE id = ?`,
  );
  const columns = `s.*, (SELECT COUNT(*) FROM sweep_results r WHERE r.sweep_id = s.id) AS stored`;
  const one = db.prepare<[string], Row>(`SELECT ${columns} FROM sweeps s WHERE s.id = ?`);
  const many = db.prepare<[number], Row>(`SELECT ${columns} FROM sweeps s ORDER BY s.created_at DESC, s.id LIMIT ?`);
  const addMany = db.transaction((id: string, window: number, results: readonly SetResult[]) => {
    let added = 0;
    for (const r of results) added += insertResult.run(id, window, r.index, stored(r)).changes;
    return added;
  });
  return {
    create({ id, at, strategyName, request, total }) {
      insertSweep.run(id, at, at, strategyName, JSON.stringify(request), total);
    },
    add: (id, window, results) => addMany(id, window, results),
    results: (id, window) => selectResults.all(id, window).map((r) => JSON.parse(r.result) as SetResult),
    setStatus(id, status, at, detail = null) {
      update.run(status, at, detail, id);
    },
    get: (id) => {
      const r = one.get(id);
      return r ? toRow(r) : null;
    },
    list: (limit = 50) => many.all(limit).map(toRow),
  };
}
