import type { Database } from 'better-sqlite3';
import type { AdvisorDecision } from '../../../shared/domain/ai.js';

/**
 * An AI advisor's rows in workstation.db (migration 010): every request sent to Claude with its
 * tokens and cost, and every decision it returned with what became of it. Append-only. Each
 * advisor of the arena has its own (migration 015, `advisor_id`); the Settings advisor's are NULL.
 */
export type AdvisorRequestRow = {
  at: number;
  model: string;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  latencyMs: number;
  /** Why the request or its answer failed, or null. */
  error: string | null;
};

export type AdvisorRepo = {
  /** Answers the request's id. */
  addRequest(row: AdvisorRequestRow): number;
  addDecision(requestId: number, decision: AdvisorDecision): void;
  /** The cost of the requests made in [from, to). */
  spent(from: number, to: number): number;
  lastRequestAt(): number | null;
  /** Newest first. */
  decisions(limit: number): AdvisorDecision[];
};

type RawDecision = {
  id: string;
  at: number;
  symbol: string;
  action: AdvisorDecision['action'];
  size_percent: number;
  reasoning: string;
  outcome: AdvisorDecision['outcome'];
  outcome_detail: string;
  client_order_id: string | null;
  cost_usd: number;
};

const toDecision = (r: RawDecision): AdvisorDecision => ({
  id: r.id,
  at: r.at,
  symbol: r.symbol,
  action: r.action,
  sizePercent: r.size_percent,
  reasoning: r.reasoning,
  outcome: r.outcome,
  outcomeDetail: r.outcome_detail,
  clientOrderId: r.client_order_id,
  costUsd: r.cost_usd,
});

type Who = string | null;

function prepare(db: Database) {
  return {
    addRequest: db.prepare<[number, string, number, number, number, number, string | null, Who]>(
      `INSERT INTO advisor_requests (at, model, tokens_in, tokens_out, cost_usd, latency_ms, error, advisor_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    addDecision: db.prepare<
      [string, number, number, string, string, number, string, string, string, string | null, number, Who]
    >(
      `INSERT INTO advisor_decisions (id, request_id, at, symbol, action, size_percent, reasoning, outcome,
         outcome_detail, client_order_id, cost_usd, advisor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    spent: db.prepare<[Who, number, number], { total: number | null }>(
      'SELECT SUM(cost_usd) AS total FROM advisor_requests WHERE advisor_id IS ? AND at >= ? AND at < ?',
    ),
    last: db.prepare<[Who], { at: number | null }>('SELECT MAX(at) AS at FROM advisor_requests WHERE advisor_id IS ?'),
    decisions: db.prepare<[Who, number], RawDecision>(
      'SELECT * FROM advisor_decisions WHERE advisor_id IS ? ORDER BY at DESC, rowid DESC LIMIT ?',
    ),
  };
}

/**
 * The rows of one advisor: an arena advisor's id, or null for the Settings advisor. The statements
 * are prepared on first use: building the core touches no advisor table.
 */
export function createAdvisorRepo(db: Database, advisorId: string | null = null): AdvisorRepo {
  let prepared: ReturnType<typeof prepare> | null = null;
  const q = () => (prepared ??= prepare(db));
  return {
    addRequest: (r) =>
      Number(
        q().addRequest.run(r.at, r.model, r.tokensIn, r.tokensOut, r.costUsd, r.latencyMs, r.error, advisorId)
          .lastInsertRowid,
      ),
    addDecision(requestId, d) {
      q().addDecision.run(
        d.id,
        requestId,
        d.at,
        d.symbol,
        d.action,
        d.sizePercent,
        d.reasoning,
        d.outcome,
        d.outcomeDetail,
        d.clientOrderId,
        d.costUsd,
        advisorId,
      );
    },
    spent: (from, to) => q().spent.get(advisorId, from, to)?.total ?? 0,
    lastRequestAt: () => q().last.get(advisorId)?.at ?? null,
    decisions: (limit) => q().decisions.all(advisorId, limit).map(toDecision),
  };
}
