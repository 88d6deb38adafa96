/**
 * The few figures of a backtest that the gauntlet stages compare (StageFigures of the contract),
 * and the headline figures they share with a saved strategy's backtest summary (summaryOf).
 */
import type { StageFigures } from '../../../shared/domain/gauntlet.js';
import type { QualityGrade } from '../../../shared/domain/strategy.js';
import type { BacktestMetrics, BacktestResult } from '../backtest/types.js';

type Headline = 'trades' | 'netProfitPercent' | 'winRatePercent' | 'profitFactor' | 'maxDrawdownPercent' | 'sharpe';

/** A backtest's headline figures, picked from its metrics. */
export function headlineFigures(m: Pick<BacktestMetrics, Headline>): Pick<BacktestMetrics, Headline> {
  return {
    trades: m.trades,
    netProfitPercent: m.netProfitPercent,
    winRatePercent: m.winRatePercent,
    profitFactor: m.profitFactor,
    maxDrawdownPercent: m.maxDrawdownPercent,
    sharpe: m.sharpe,
  };
}

export function stageFigures(r: BacktestResult): StageFigures {
  return { grade: r.grade.grade, ...headlineFigures(r.metrics) };
}

/** A stage "passes" when its grade is not FAILED. */
export const passes = (grade: QualityGrade): boolean => grade !== 'FAILED';
