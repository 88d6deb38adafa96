import type { Database } from 'better-sqlite3';

/**
 * AI strategy generations in workstation.db (migration 009). JSON columns go in and out as plain
 * values; the AI service shapes them (GenerationView in shared/domain/ai.ts).
 */
export type AiGenerationRow = {
  id: string;
  createdAt: number;
  parentId: string | null;
  jobId: string;
  promptVersion: string;
  request: string;
  symbol: string;
  timeframe: string;
  riskLevel: string;
  model: string;
  status: string;
  attempts: unknown[];
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  latencyMs: number;
  strategy: unknown;
  outOfRange: unknown[];
  clampedStrategy: unknown;
  gauntlet: unknown;
  /** The gauntlet's verdict grade, for lists. */
  verdict: string | null;
  decision: string;
  decidedAt: number | null;
  strategyId: string | null;
  error: string | null;
};

export type NewAiGeneration = Omit<AiGenerationRow, 'gauntlet' | 'verdict' | 'decision' | 'decidedAt' | 'strategyId'>;

export type AiGenerationRepo = {
  insert(row: NewAiGeneration): void;
  /** Stores the gauntlet's report (or null) and an error (null when it ran). */
  setGauntlet(id: string, gauntlet: unknown, verdict: string | null, error: string | null): void;
  /** Records the decision once; false when the generation was already decided (or does not exist). */
  decide(id: string, decision: 'APPROVED' | 'DISCARDED', decidedAt: number, strategyId: string | null): boolean;
  get(id: string): AiGenerationRow | null;
  /** Newest first. */
  list(limit: number): AiGenerationRow[];
};

type Raw = {
  id: string;
  created_at: number;
  parent_id: string | null;
  job_id: string;
  prompt_version: string;
  request: string;
  symbol: string;
  timeframe: string;
  risk_level: string;
  model: string;
  status: string;
  attempts: string;
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
  latency_ms: number;
  strategy: string | null;
  out_of_range: string;
  clamped_strategy: string | null;
  gauntlet: string | null;
  verdict: string | null;
  decision: string;
  decided_at: number | null;
  strategy_id: string | null;
  error: string | null;
};

const json = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));
const text = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

const toRow = (r: Raw): AiGenerationRow => ({
  id: r.id,
  createdAt: r.created_at,
  parentId: r.parent_id,
  jobId: r.job_id,
  promptVersion: r.prompt_version,
  request: r.request,
  symbol: r.symbol,
  timeframe: r.timeframe,
  riskLevel: r.risk_level,
  model: r.model,
  status: r.status,
  attempts: json(r.attempts) as unknown[],
  tokensIn: r.tokens_in,
  tokensOut: r.tokens_out,
  costUsd: r.cost_usd,
  latencyMs: r.latency_ms,
  strategy: json(r.strategy),
  outOfRange: json(r.out_of_range) as unknown[],
  clampedStrategy: json(r.clamped_strategy),
  gauntlet: json(r.gauntlet),
  verdict: r.verdict,
  decision: r.decision,
  decidedAt: r.decided_at,
  strategyId: r.strategy_id,
  error: r.error,
});

export function createAiGenerationRepo(db: Database): AiGenerationRepo {
  const insert = db.prepare(`INSERT INTO ai_generations (id, created_at, parent_id, job_id, prompt_version, request,
      symbol, timeframe, risk_level, model, status, attempts, tokens_in, tokens_out, cost_usd, latency_ms, strategy,
      out_of_range, clamped_strategy, error)
    VALUES (@id, @createdAt, @parentId, @jobId, @promptVersion, @request, @symbol, @timeframe, @riskLevel, @model,
      @status, @attempts, @tokensIn, @tokensOut, @costUsd, @latencyMs, @strategy, @outOfRange, @clampedStrategy, @error)`);
  const setGauntlet = db.prepare<[string | null, string | null, string | null, string]>(
    'UPDATE ai_generations SET gauntlet = ?, verdict = ?, error = ? WHERE id = ?',
  );
  const decide = db.prepare<[string, number, string | null, string]>(
    `UPDATE ai_generations SET decision = ?, decided_at = ?, strategy_id = ? WHERE id = ? AND decision = 'PENDING'`,
  );
  const get = db.prepare<[string], Raw>('SELECT * FROM ai_generations WHERE id = ?');
  const list = db.prepare<[number], Raw>('SELECT * FROM ai_generations ORDER BY created_at DESC, id DESC LIMIT ?');
  return {
    insert(row) {
      insert.run({
        ...row,
        attempts: JSON.stringify(row.attempts),
        strategy: text(row.strategy),
        outOfRange: JSON.stringify(row.outOfRange),
        clampedStrategy: text(row.clampedStrategy),
      });
    },
    setGauntlet(id, gauntlet, verdict, error) {
      setGauntlet.run(text(gauntlet), verdict, error, id);
    },
    decide: (id, decision, decidedAt, strategyId) => decide.run(decision, decidedAt, strategyId, id).changes > 0,
    get(id) {
      const r = get.get(id);
      return r ? toRow(r) : null;
    },
    list: (limit) => list.all(limit).map(toRow),
  };
}
