import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SetResult } from '../../engine/optimize/evaluate.js';
import { migrate } from '../migration.js';
import { createSweepRepo } from '../repositories/sweep-repo.js';
import { MIGRATIONS } from './index.js';

const result = (index: number, netProfit: number): SetResult => ({
  index,
  values: { 'SMA(10).period': index + 5 },
  invalid: null,
  metrics: { netProfit } as SetResult['metrics'],
  blocks: [{ sum: 0.01, sumSq: 0.001, count: 10 }],
  daily: { days: 3, mean: 0.001, std: 0.01, skew: 0, kurtosis: 3 },
  trades: [],
  equity: new Float64Array(3),
});

describe('migration 013: sweeps', () => {
  it('stores each set once per window, as results arrive, and reads them back for a resume', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS.slice(0, 13));
    expect(db.pragma('user_version', { simple: true })).toBe(13);
    db.pragma('foreign_keys = ON');
    const repo = createSweepRepo(db);
    repo.create({ id: 's1', at: 1, strategyName: 'SMA cross', request: { ranges: [] }, total: 4 });
    expect(repo.add('s1', -1, [result(0, 5), result(1, 7)])).toBe(2);
    // A retried chunk delivers set 1 again (with whatever it computed): the first stays, counted once.
    expect(repo.add('s1', -1, [result(1, 99), result(2, 3)])).toBe(1);
    expect(repo.add('s1', 0, [result(1, 4)])).toBe(1);
    expect(repo.results('s1', -1).map((r) => [r.index, r.metrics!.netProfit])).toEqual([
      [0, 5],
      [1, 7],
      [2, 3],
    ]);
    expect(repo.results('s1', -1)[0]!.trades).toBeUndefined();
    expect(repo.get('s1')).toMatchObject({ status: 'RUNNING', stored: 4, total: 4, request: { ranges: [] } });
    repo.setStatus('s1', 'CANCELLED', 5, 'cancelled by the trader');
    expect(repo.list()[0]).toMatchObject({
      id: 's1',
      status: 'CANCELLED',
      updatedAt: 5,
      detail: 'cancelled by the trader',
    });
    expect(() => repo.setStatus('s1', 'PAUSED' as never, 6)).toThrow(/CHECK/);
    expect(() => repo.add('nope', -1, [result(0, 1)])).toThrow(/FOREIGN KEY/);
  });
});
