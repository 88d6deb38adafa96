import type { Database } from 'better-sqlite3';

/** A run's sub-account row (migration 014). */
export type RunAccountRow = {
  runId: string;
  /** Decimal text; null: the run shares the account. */
  capital: string | null;
  baseEquity: string;
  currency: string;
  marketStartedAt: number;
};

export type RunAccountRepo = {
  insert(row: RunAccountRow): void;
  get(runId: string): RunAccountRow | null;
};

type Raw = { run_id: string; capital: string | null; base_equity: string; currency: string; market_started_at: number };

const toRow = (r: Raw): RunAccountRow => ({
  runId: r.run_id,
  capital: r.capital,
  baseEquity: r.base_equity,
  currency: r.currency,
  marketStartedAt: r.market_started_at,
});

function prepare(db: Database) {
  return {
    insert: db.prepare<[string, string | null, string, string, number]>(
      `INSERT OR IGNORE INTO run_accounts (run_id, capital, base_equity, currency, market_started_at)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    get: db.prepare<[string], Raw>('SELECT * FROM run_accounts WHERE run_id = ?'),
  };
}

/** The statements are prepared on first use. */
export function createRunAccountRepo(db: Database): RunAccountRepo {
  let q: ReturnType<typeof prepare> | null = null;
  const prepared = () => (q ??= prepare(db));
  return {
    insert: (r) => void prepared().insert.run(r.runId, r.capital, r.baseEquity, r.currency, r.marketStartedAt),
    get(runId) {
      const r = prepared().get.get(runId);
      return r ? toRow(r) : null;
    },
  };
}
