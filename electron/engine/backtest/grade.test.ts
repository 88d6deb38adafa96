import { describe, expect, it } from 'vitest';
import { gradeBacktest } from './grade.js';
import type { BacktestMetrics } from './types.js';

function metrics(m: Partial<BacktestMetrics>): BacktestMetrics {
  return {
    initialCapital: 10_000,
    finalEquity: 11_000,
    netProfit: 1_000,
    netProfitPercent: 10,
    cagrPercent: 20,
    buyAndHoldPercent: 5,
    trades: 20,
    winRatePercent: 52,
    profitFactor: 1.3,
    expectancy: 50,
    averageWin: 100,
    averageLoss: -60,
    bestTrade: 300,
    worstTrade: -120,
    maxDrawdownPercent: 18,
    maxDrawdownDurationMs: 0,
    maxDrawdownDurationCandles: 0,
    maxDrawdownRecovered: true,
    sharpe: 1,
    sortino: 1.5,
    exposurePercent: 30,
    feesPaid: 20,
    averageCandlesInTrade: 5,
    ...m,
  };
}

describe('gradeBacktest', () => {
  it('FAILED lists every check that failed', () => {
    const g = gradeBacktest(metrics({ trades: 8, winRatePercent: 45, profitFactor: 1.1, maxDrawdownPercent: 25 }));
    expect(g.grade).toBe('FAILED');
    expect(g.reasons).toEqual([
      '8 trades: at least 10 are needed to judge a strategy',
      'win rate 45.0 % is below 50 %',
      'profit factor 1.10 is below 1.2',
      'max drawdown 25.0 % is above 20 %',
    ]);
  });

  it('ACCEPTABLE at the minimum thresholds exactly, with what GOOD would need', () => {
    const g = gradeBacktest(metrics({ trades: 10, winRatePercent: 50, profitFactor: 1.2, maxDrawdownPercent: 20 }));
    expect(g.grade).toBe('ACCEPTABLE');
    expect(g.reasons[1]).toBe(
      'GOOD needs a win rate of 55 % (has 50.0 %), a profit factor of 1.5 (has 1.20), a drawdown of at most 15 % (has 20.0 %)',
    );
  });

  it('GOOD: win rate >= 55 %, profit factor >= 1.5, drawdown <= 15 %', () => {
    const g = gradeBacktest(metrics({ winRatePercent: 55, profitFactor: 1.5, maxDrawdownPercent: 15, sharpe: 2 }));
    expect(g.grade).toBe('GOOD');
    expect(g.reasons[1]).toBe(
      'EXCELLENT needs a win rate of 60 % (has 55.0 %), a profit factor of 2 (has 1.50), a drawdown of at most 10 % (has 15.0 %)',
    );
  });

  it('EXCELLENT also needs a Sharpe ratio of 1.5', () => {
    const strong = { winRatePercent: 60, profitFactor: 2, maxDrawdownPercent: 10 };
    expect(gradeBacktest(metrics({ ...strong, sharpe: 1.5 })).grade).toBe('EXCELLENT');
    const g = gradeBacktest(metrics({ ...strong, sharpe: 1.4 }));
    expect(g.grade).toBe('GOOD');
    expect(g.reasons[1]).toBe('EXCELLENT needs a Sharpe ratio of 1.5 (has 1.40)');
  });

  it('a strategy without losing trades (profit factor null) is not failed for it', () => {
    const g = gradeBacktest(metrics({ winRatePercent: 100, profitFactor: null, maxDrawdownPercent: 2, sharpe: 3 }));
    expect(g.grade).toBe('EXCELLENT');
    expect(g.reasons[0]).toContain('no losing trade');
  });

  it('says when the strategy made less than buying and holding over the same range', () => {
    const grid = { winRatePercent: 100, profitFactor: null, maxDrawdownPercent: 2, sharpe: 3 };
    const g = gradeBacktest(metrics({ ...grid, netProfitPercent: 2.7, buyAndHoldPercent: 33.6 }));
    expect(g.grade).toBe('EXCELLENT');
    expect(g.reasons).toContain('made +2.70 % while buying and holding over the same range made +33.60 %');
    const failed = gradeBacktest(metrics({ trades: 3, netProfitPercent: -4, buyAndHoldPercent: -1.5 }));
    expect(failed.reasons.at(-1)).toBe('made -4.00 % while buying and holding over the same range made -1.50 %');
    // Beating buy-and-hold needs no word.
    expect(gradeBacktest(metrics({ netProfitPercent: 10, buyAndHoldPercent: 5 })).reasons.join(' ')).not.toContain(
      'holding',
    );
  });
});
