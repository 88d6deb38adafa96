/**
 * What a sweep maximises and which sets it may pick. Objectives (higher is better):
 * - netProfit: final equity - starting capital;
 * - sharpe, sortino: annualised, as in a single backtest (a Sortino without a losing candle counts
 *   as unbounded when the set made money, else 0);
 * - calmar: compound annual growth % / max drawdown % (unbounded without a drawdown and with growth);
 * - profitFactor: gross profit / gross loss (unbounded without a losing trade);
 * - expectancy: mean profit per trade.
 * Constraints: at least `minTrades` trades; a max drawdown of at most `maxDrawdownPercent`.
 */
import type { BacktestMetrics } from '../backtest/types.js';
import type { SetResult } from './evaluate.js';

export const OBJECTIVES = ['netProfit', 'sharpe', 'sortino', 'calmar', 'profitFactor', 'expectancy'] as const;
export type Objective = (typeof OBJECTIVES)[number];

export type Constraints = { minTrades?: number | undefined; maxDrawdownPercent?: number | undefined };

export function objectiveValue(m: BacktestMetrics, objective: Objective): number {
  switch (objective) {
    case 'netProfit':
      return m.netProfit;
    case 'sharpe':
      return m.sharpe;
    case 'sortino':
      return m.sortino ?? (m.netProfit > 0 ? Number.POSITIVE_INFINITY : 0);
    case 'calmar':
      if (m.maxDrawdownPercent > 0) return m.cagrPercent / m.maxDrawdownPercent;
      return m.cagrPercent > 0 ? Number.POSITIVE_INFINITY : 0;
    case 'profitFactor':
      return m.profitFactor ?? (m.trades > 0 ? Number.POSITIVE_INFINITY : 0);
    case 'expectancy':
      return m.expectancy;
  }
}

/** Why a set breaks the constraints, or null. */
export function constraintFailure(m: BacktestMetrics, c: Constraints): string | null {
  if (c.minTrades !== undefined && m.trades < c.minTrades) return `${m.trades} trades, fewer than ${c.minTrades}`;
  if (c.maxDrawdownPercent !== undefined && m.maxDrawdownPercent > c.maxDrawdownPercent) {
    return `max drawdown ${m.maxDrawdownPercent.toFixed(2)} % above ${c.maxDrawdownPercent} %`;
  }
  return null;
}

export type RankedSet = SetResult & { score: number; rejected: string | null };

/**
 * Every set with its score, best first: valid sets within the constraints by score (ties: the
 * earlier set), then sets outside the constraints, then invalid ones.
 */
export function rankSets(results: readonly SetResult[], objective: Objective, constraints: Constraints): RankedSet[] {
  const ranked = results.map((r): RankedSet => {
    if (!r.metrics) return { ...r, score: Number.NEGATIVE_INFINITY, rejected: r.invalid ?? 'invalid' };
    return { ...r, score: objectiveValue(r.metrics, objective), rejected: constraintFailure(r.metrics, constraints) };
  });
  const tier = (r: RankedSet) => (r.metrics === null ? 2 : r.rejected !== null ? 1 : 0);
  return ranked.sort((a, b) => tier(a) - tier(b) || cmp(b.score, a.score) || a.index - b.index);
}

function cmp(a: number, b: number): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The best set within the constraints, or null when none qualifies. */
export function bestSet(
  results: readonly SetResult[],
  objective: Objective,
  constraints: Constraints,
): RankedSet | null {
  const [first] = rankSets(results, objective, constraints);
  return first && first.metrics && first.rejected === null ? first : null;
}
