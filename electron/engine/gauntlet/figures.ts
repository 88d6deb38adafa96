/** The few figures of a backtest that the gauntlet stages compare (StageFigures of the contract). */
import type { StageFigures } from '../../../shared/domain/gauntlet.js';
import type { QualityGrade } from '../../../shared/domain/strategy.js';
import type { BacktestResult } from '../backtest/types.js';

export function stageFigures(r: BacktestResult): StageFigures {
  const m = r.metrics;
  return {
    grade: r.grade.grade,
    trades: m.trades,
    netProfitPercent: m.netProfitPercent,
    winRatePercent: m.winRatePercent,
    profitFactor: m.profitFactor,
    maxDrawdownPercent: m.maxDrawdownPercent,
    sharpe: m.sharpe,
  };
}

/** A stage "passes" when its grade is not FAILED. */
export const passes = (grade: QualityGrade): boolean => grade !== 'FAILED';
