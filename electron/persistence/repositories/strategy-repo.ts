import type { Database } from 'better-sqlite3';
import type { QualityGrade } from '../../../shared/domain/strategy.js';

/**
 * The strategy library's rows in workstation.db (migration 006). Raw JSON in and out: the strategy
 * service validates definitions and summaries.
 */
export type StrategyRow = {
  id: string;
  name: string;
  definition: unknown;
  createdAt: number;
  updatedAt: number;
};

export type BacktestSummaryRow = {
  strategyId: string;
  symbol: string;
  timeframe: string;
  grade: QualityGrade;
  summary: unknown;
  ranAt: number;
};

export type StrategyRepo = {
  list(): StrategyRow[];
  get(id: string): StrategyRow | null;
  insert(row: StrategyRow): void;
  /** False when there is no such strategy. */
  update(id: string, name: string, definition: unknown, now: number): boolean;
  /** Removes the strategy and its backtest summaries; false when there was none. */
  delete(id: string): boolean;
  saveBacktest(row: BacktestSummaryRow): void;
  backtests(strategyId: string): BacktestSummaryRow[];
  backtest(strategyId: string, symbol: string, timeframe: string): BacktestSummaryRow | null;
};

type Raw = { id: string; name: string; definition: string; created_at: number; updated_at: number };
type RawBacktest = {
  strategy_id: string;
  symbol: string;
  timeframe: string;
  grade: QualityGrade;
  summary: string;
  ran_at: number;
};

const toRow = (r: Raw): StrategyRow => ({
  id: r.id,
  name: r.name,
  definition: JSON.parse(r.definition) as unknown,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toBacktest = (r: RawBacktest): BacktestSummaryRow => ({
  strategyId: r.strategy_id,
  symbol: r.symbol,
  timeframe: r.timeframe,
  grade: r.grade,
  summary: JSON.parse(r.summary) as unknown,
  ranAt: r.ran_at,
});

export function createStrategyRepo(db: Database): StrategyRepo {
  const list = db.prepare<[], Raw>('SELECT * FROM strategies ORDER BY updated_at DESC, id');
  const get = db.prepare<[string], Raw>('SELECT * FROM strategies WHERE id = ?');
  const insert = db.prepare<[string, string, string, number, number]>(
    'INSERT INTO strategies (id, name, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  );
  const update = db.prepare<[string, string, number, string]>(
    'UPDATE strategies SET name = ?, definition = ?, updated_at = ? WHERE id = ?',
  );
  const deleteBacktests = db.prepare<[string]>('DELETE FROM strategy_backtests WHERE strategy_id = ?');
  const remove = db.prepare<[string]>('DELETE FROM strategies WHERE id = ?');
  const saveBacktest = db.prepare<[string, string, string, string, string, number]>(
    `INSERT INTO strategy_backtests (strategy_id, symbol, timeframe, grade, summary, ran_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (strategy_id, symbol, timeframe) DO UPDATE SET grade = excluded.grade, summary = excluded.summary,
       ran_at = excluded.ran_at`,
  );
  const backtests = db.prepare<[string], RawBacktest>(
    'SELECT * FROM strategy_backtests WHERE strategy_id = ? ORDER BY ran_at DESC, symbol, timeframe',
  );
  const backtest = db.prepare<[string, string, string], RawBacktest>(
    'SELECT * FROM strategy_backtests WHERE strategy_id = ? AND symbol = ? AND timeframe = ?',
  );
  const deleteAll = db.transaction((id: string) => {
    deleteBacktests.run(id);
    return remove.run(id).changes > 0;
  });

  return {
    list: () => list.all().map(toRow),
    get(id) {
      const r = get.get(id);
      return r ? toRow(r) : null;
    },
    insert(row) {
      insert.run(row.id, row.name, JSON.stringify(row.definition), row.createdAt, row.updatedAt);
    },
    update: (id, name, definition, now) => update.run(name, JSON.stringify(definition), now, id).changes > 0,
    delete: (id) => deleteAll(id),
    saveBacktest(row) {
      saveBacktest.run(row.strategyId, row.symbol, row.timeframe, row.grade, JSON.stringify(row.summary), row.ranAt);
    },
    backtests: (strategyId) => backtests.all(strategyId).map(toBacktest),
    backtest(strategyId, symbol, timeframe) {
      const r = backtest.get(strategyId, symbol, timeframe);
      return r ? toBacktest(r) : null;
    },
  };
}
