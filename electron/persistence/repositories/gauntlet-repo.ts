import type { Database } from 'better-sqlite3';
import { GauntletReport } from '../../../shared/domain/gauntlet.js';
import type { Timeframe } from '../../../shared/domain/market.js';
import type { QualityGrade } from '../../../shared/domain/strategy.js';

/**
 * Gauntlet results in workstation.db (migration 008): every completed gauntlet of a saved strategy,
 * its verdict and its whole report. `latest` answers the newest per strategy, symbol and timeframe;
 * `verdict` only its grade and time, for the activation rules.
 */
export type GauntletVerdictRow = { grade: QualityGrade; ranAt: number };

export type GauntletRepo = {
  insert(report: GauntletReport): void;
  latest(strategyId: string, symbol: string, timeframe: Timeframe): GauntletReport | null;
  verdict(strategyId: string, symbol: string, timeframe: Timeframe): GauntletVerdictRow | null;
};

export function createGauntletRepo(db: Database): GauntletRepo {
  const insert = db.prepare<[string, string, string, string, string, number]>(
    `INSERT INTO gauntlet_results (strategy_id, symbol, timeframe, verdict, report, ran_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const newest = `FROM gauntlet_results WHERE strategy_id = ? AND symbol = ? AND timeframe = ?
    ORDER BY ran_at DESC, id DESC LIMIT 1`;
  const latest = db.prepare<[string, string, string], { report: string }>(`SELECT report ${newest}`);
  const verdict = db.prepare<[string, string, string], { verdict: QualityGrade; ran_at: number }>(
    `SELECT verdict, ran_at ${newest}`,
  );
  return {
    insert(report) {
      const r = GauntletReport.parse(report);
      insert.run(r.strategyId, r.symbol, r.timeframe, r.verdict.grade, JSON.stringify(r), r.ranAt);
    },
    latest(strategyId, symbol, timeframe) {
      const row = latest.get(strategyId, symbol, timeframe);
      return row ? GauntletReport.parse(JSON.parse(row.report)) : null;
    },
    verdict(strategyId, symbol, timeframe) {
      const row = verdict.get(strategyId, symbol, timeframe);
      return row ? { grade: row.verdict, ranAt: row.ran_at } : null;
    },
  };
}
