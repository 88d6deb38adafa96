import { describe, expect, it } from 'vitest';
import type { StageFigures } from '../../../shared/domain/gauntlet.js';
import type { QualityGrade } from '../../../shared/domain/strategy.js';
import { gauntletVerdict, type VerdictInput } from './verdict.js';

const figures = (grade: QualityGrade, netProfitPercent = 5): StageFigures => ({
  grade,
  trades: 20,
  netProfitPercent,
  winRatePercent: 60,
  profitFactor: 2,
  maxDrawdownPercent: 5,
  sharpe: 2,
});

function input(patch: Partial<VerdictInput> = {}): VerdictInput {
  return {
    headline: { grade: 'EXCELLENT', reasons: ['fine'] },
    costStress: figures('GOOD'),
    outOfSample: { outOfSample: figures('GOOD'), gapPercent: 1, overfitting: false },
    stability: { passing: 8, total: 10, sharePercent: 80 },
    monteCarlo: { p95DrawdownPercent: 8 },
    ...patch,
  };
}

describe('the gauntlet verdict', () => {
  it('keeps the 30-day grade when every stage holds', () => {
    expect(gauntletVerdict(input()).grade).toBe('EXCELLENT');
  });

  it('FAILS when the 30-day backtest fails, with its reasons', () => {
    const v = gauntletVerdict(input({ headline: { grade: 'FAILED', reasons: ['3 trades'] } }));
    expect(v.grade).toBe('FAILED');
    expect(v.reasons[0]).toContain('3 trades');
  });

  it('FAILS when doubled costs fail', () => {
    const v = gauntletVerdict(input({ costStress: figures('FAILED', -2) }));
    expect(v.grade).toBe('FAILED');
    expect(v.reasons.join(' ')).toContain('fees and slippage doubled');
  });

  it('FAILS when the out-of-sample part fails', () => {
    const v = gauntletVerdict(
      input({ outOfSample: { outOfSample: figures('FAILED', -4), gapPercent: 9, overfitting: true } }),
    );
    expect(v.grade).toBe('FAILED');
    expect(v.reasons.join(' ')).toContain('out-of-sample');
    expect(v.reasons.join(' ')).toContain('overfitting');
  });

  it('FAILS when fewer than half of the parameter variants pass', () => {
    const v = gauntletVerdict(input({ stability: { passing: 4, total: 10, sharePercent: 40 } }));
    expect(v.grade).toBe('FAILED');
    expect(v.reasons[0]).toContain('4 of 10');
    expect(gauntletVerdict(input({ stability: { passing: 5, total: 10, sharePercent: 50 } })).grade).toBe('EXCELLENT');
  });

  it('caps at ACCEPTABLE when overfitting is flagged', () => {
    const v = gauntletVerdict(
      input({ outOfSample: { outOfSample: figures('ACCEPTABLE'), gapPercent: 12, overfitting: true } }),
    );
    expect(v.grade).toBe('ACCEPTABLE');
    expect(v.reasons.join(' ')).toContain('capped at ACCEPTABLE: likely overfitting');
  });

  it('caps at ACCEPTABLE when the Monte Carlo p95 drawdown is above 20 %', () => {
    const v = gauntletVerdict(input({ monteCarlo: { p95DrawdownPercent: 21 } }));
    expect(v.grade).toBe('ACCEPTABLE');
    expect(v.reasons.join(' ')).toContain('95th-percentile drawdown');
    expect(gauntletVerdict(input({ monteCarlo: { p95DrawdownPercent: 20 } })).grade).toBe('EXCELLENT');
  });

  it('does not judge stability when no parameter could move, and says so', () => {
    const v = gauntletVerdict(input({ stability: { passing: 0, total: 0, sharePercent: 0 } }));
    expect(v.grade).toBe('EXCELLENT');
    expect(v.reasons.join(' ')).toContain('stability was not judged');
  });
});
