/**
 * The few figures of a backtest that the gauntlet stages compare (StageFigures of the contract):
 * its grade and the headline figures (shared/domain/gauntlet.ts headlineFigures).
 */
import { headlineFigures, type StageFigures } from '../../../shared/domain/gauntlet.js';
import type { QualityGrade } from '../../../shared/domain/strategy.js';
import type { BacktestResult } from '../backtest/types.js';

export function stageFigures(r: BacktestResult): StageFigures {
  return { grade: r.grade.grade, ...headlineFigures(r.metrics) };
}

/** A stage "passes" when its grade is not FAILED. */
export const passes = (grade: QualityGrade): boolean => grade !== 'FAILED';
