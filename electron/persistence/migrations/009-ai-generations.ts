import type { Migration } from '../migration.js';

/**
 * AI strategy generations (repositories/ai-generation-repo.ts): one row per "Generate with AI"
 * (or refine) request, written once the answer is validated and updated when the gauntlet ends and
 * when the trader decides. It keeps the prompt version, the request (symbol, timeframe, risk level),
 * the model, every attempt with its raw answer, tokens, latency and validation issues (JSON), the
 * totals and cost estimate (USD), the outcome (the valid strategy, or what was out of range and the
 * clamped version), the gauntlet report (JSON), the decision and the saved strategy's id, and the
 * generation it refines (`parent_id`). Rows are never deleted: they are the AI's track record.
 */
export const migration009: Migration = {
  version: 9,
  name: 'ai-generations',
  up(db) {
    db.exec(`
      CREATE TABLE ai_generations (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        parent_id TEXT REFERENCES ai_generations (id),
        job_id TEXT NOT NULL,
        prompt_version TEXT NOT NULL,
        request TEXT NOT NULL,
        symbol TEXT NOT NULL,
        timeframe TEXT NOT NULL,
        risk_level TEXT NOT NULL CHECK (risk_level IN ('LOW', 'MEDIUM', 'HIGH')),
        model TEXT NOT NULL,
        status TEXT NOT NULL
          CHECK (status IN ('VALID', 'OUT_OF_RANGE', 'INVALID', 'REQUEST_FAILED', 'CANCELLED')),
        attempts TEXT NOT NULL,
        tokens_in INTEGER NOT NULL CHECK (tokens_in >= 0),
        tokens_out INTEGER NOT NULL CHECK (tokens_out >= 0),
        cost_usd REAL NOT NULL CHECK (cost_usd >= 0),
        latency_ms REAL NOT NULL CHECK (latency_ms >= 0),
        strategy TEXT,
        out_of_range TEXT NOT NULL DEFAULT '[]',
        clamped_strategy TEXT,
        gauntlet TEXT,
        verdict TEXT,
        decision TEXT NOT NULL DEFAULT 'PENDING' CHECK (decision IN ('PENDING', 'APPROVED', 'DISCARDED')),
        decided_at INTEGER,
        strategy_id TEXT,
        error TEXT,
        CHECK ((decision = 'PENDING') = (decided_at IS NULL)),
        CHECK (strategy_id IS NULL OR decision = 'APPROVED')
      ) STRICT;
      CREATE INDEX ai_generations_created ON ai_generations (created_at);

      CREATE TRIGGER ai_generations_no_delete BEFORE DELETE ON ai_generations
        BEGIN SELECT RAISE(ABORT, 'ai_generations keeps every generation'); END;
      CREATE TRIGGER ai_generations_decided_once BEFORE UPDATE OF decision ON ai_generations
        WHEN OLD.decision <> 'PENDING'
        BEGIN SELECT RAISE(ABORT, 'this generation was already decided'); END;
    `);
  },
};
