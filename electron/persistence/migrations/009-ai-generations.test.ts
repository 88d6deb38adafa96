import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration.js';
import { createAiGenerationRepo, type NewAiGeneration } from '../repositories/ai-generation-repo.js';
import { MIGRATIONS } from './index.js';

const generation = (id: string, createdAt: number, parentId: string | null = null): NewAiGeneration => ({
  id,
  createdAt,
  parentId,
  jobId: `job-${id}-0000`,
  promptVersion: 'strategy-v1',
  request: 'an aggressive RSI strategy',
  symbol: 'BTC/USD',
  timeframe: '1h',
  riskLevel: 'HIGH',
  model: 'claude-sonnet-4-5',
  status: 'VALID',
  attempts: [{ round: 1, rawAnswer: '{"name":"x"}', issues: [], tokensIn: 10, tokensOut: 5, latencyMs: 12 }],
  tokensIn: 10,
  tokensOut: 5,
  costUsd: 0.000105,
  latencyMs: 12,
  strategy: { name: 'x' },
  outOfRange: [],
  clampedStrategy: null,
  error: null,
});

describe('migration 009: AI generations', () => {
  it('keeps every generation with its attempts, and records one decision each', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, MIGRATIONS.slice(0, 9))).toEqual({ from: 0, to: 9 });
    db.pragma('foreign_keys = ON');
    const repo = createAiGenerationRepo(db);

    repo.insert(generation('g1', 1));
    repo.insert(generation('g2', 2, 'g1'));
    expect(() => repo.insert(generation('g3', 3, 'missing'))).toThrow(/FOREIGN KEY/);
    expect(() => repo.insert({ ...generation('g4', 4), status: 'MAYBE' })).toThrow(/CHECK/);
    expect(() => repo.insert({ ...generation('g5', 5), costUsd: -1 })).toThrow(/CHECK/);

    expect(repo.get('g1')).toMatchObject({
      status: 'VALID',
      attempts: [{ round: 1, rawAnswer: '{"name":"x"}' }],
      strategy: { name: 'x' },
      gauntlet: null,
      decision: 'PENDING',
      strategyId: null,
    });
    expect(repo.list(10).map((g) => g.id)).toEqual(['g2', 'g1']);
    expect(repo.get('g2')?.parentId).toBe('g1');

    repo.setGauntlet('g1', { verdict: { grade: 'GOOD' } }, 'GOOD', null);
    expect(repo.get('g1')).toMatchObject({ gauntlet: { verdict: { grade: 'GOOD' } }, verdict: 'GOOD' });

    expect(repo.decide('g1', 'APPROVED', 10, 'strategy-1')).toBe(true);
    expect(repo.decide('g1', 'DISCARDED', 11, null)).toBe(false);
    expect(repo.get('g1')).toMatchObject({ decision: 'APPROVED', decidedAt: 10, strategyId: 'strategy-1' });
    expect(() => db.prepare(`UPDATE ai_generations SET decision = 'DISCARDED' WHERE id = 'g1'`).run()).toThrow(
      /already decided/,
    );
    expect(() => db.prepare(`UPDATE ai_generations SET strategy_id = 's' WHERE id = 'g2'`).run()).toThrow(/CHECK/);
    expect(() => db.prepare('DELETE FROM ai_generations').run()).toThrow(/keeps every generation/);

    const plan = db
      .prepare<[], { detail: string }>(
        'EXPLAIN QUERY PLAN SELECT * FROM ai_generations ORDER BY created_at DESC LIMIT 5',
      )
      .all()
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/ai_generations_created/);
    db.close();
  });
});
