import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../migration.js';
import { MIGRATIONS } from '../migrations/index.js';
import { createStrategyRepo, type StrategyRepo } from './strategy-repo.js';

let repo: StrategyRepo;
let db: BetterSqlite3.Database;
beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS);
  repo = createStrategyRepo(db);
});

describe('migration 006 and the strategy repo', () => {
  it('migration 006 creates the strategy tables (user_version 6)', () => {
    const fresh = new BetterSqlite3(':memory:');
    expect(migrate(fresh, MIGRATIONS.slice(0, 6))).toEqual({ from: 0, to: 6 });
    expect(fresh.pragma('user_version', { simple: true })).toBe(6);
    expect(() =>
      fresh.prepare("INSERT INTO strategy_backtests VALUES ('x', 'BTC/USD', '1h', 'SUPERB', '{}', 1)").run(),
    ).toThrow(/CHECK/);
  });

  it('inserts, lists newest first, updates and deletes with the backtest summaries', () => {
    repo.insert({ id: 'a', name: 'A', definition: { name: 'A', n: 1 }, createdAt: 1, updatedAt: 1 });
    repo.insert({ id: 'b', name: 'B', definition: { name: 'B' }, createdAt: 2, updatedAt: 2 });
    expect(repo.list().map((r) => r.id)).toEqual(['b', 'a']);
    expect(repo.get('a')).toEqual({ id: 'a', name: 'A', definition: { name: 'A', n: 1 }, createdAt: 1, updatedAt: 1 });
    expect(repo.update('a', 'A2', { name: 'A2' }, 5)).toBe(true);
    expect(repo.update('zzz', 'Z', {}, 5)).toBe(false);
    expect(repo.list().map((r) => [r.id, r.name, r.updatedAt])).toEqual([
      ['a', 'A2', 5],
      ['b', 'B', 2],
    ]);

    const summary = { strategyId: 'a', symbol: 'BTC/USD', timeframe: '1h', grade: 'FAILED' as const, ranAt: 6 };
    repo.saveBacktest({ ...summary, summary: { trades: 3 } });
    repo.saveBacktest({ ...summary, grade: 'GOOD', summary: { trades: 30 }, ranAt: 7 });
    repo.saveBacktest({ ...summary, timeframe: '4h', summary: { trades: 1 }, ranAt: 8 });
    expect(repo.backtest('a', 'BTC/USD', '1h')).toMatchObject({ grade: 'GOOD', summary: { trades: 30 }, ranAt: 7 });
    expect(repo.backtests('a').map((b) => b.timeframe)).toEqual(['4h', '1h']);
    expect(repo.backtest('a', 'ETH/USD', '1h')).toBeNull();

    expect(repo.delete('a')).toBe(true);
    expect(repo.delete('a')).toBe(false);
    expect(repo.get('a')).toBeNull();
    expect(repo.backtests('a')).toEqual([]);
  });
});
