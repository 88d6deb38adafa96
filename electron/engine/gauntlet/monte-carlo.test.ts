import { describe, expect, it } from 'vitest';
import { monteCarloDrawdowns, percentile, sequenceDrawdown } from './monte-carlo.js';

const pnl = [120, -80, 45, -200, 310, -60, -90, 150, 30, -40, 75, -130];

describe('Monte Carlo of the trade order', () => {
  it('measures the drawdown of one sequence from the starting capital', () => {
    // 1000 -> 900 (10 %) -> 1100 (new peak) -> 825 (25 %)
    expect(sequenceDrawdown(1000, [-100, 200, -275])).toBeCloseTo(25, 9);
    expect(sequenceDrawdown(1000, [10, 20, 30])).toBe(0);
  });

  it('gives the same figures for the same seed and other figures for another seed', () => {
    const a = monteCarloDrawdowns(1000, pnl, 'seed-1');
    const b = monteCarloDrawdowns(1000, pnl, 'seed-1');
    const c = monteCarloDrawdowns(1000, pnl, 'seed-2', 1000);
    expect(a).toEqual(b);
    expect(a.runs).toBe(1000);
    expect(c.p95DrawdownPercent === a.p95DrawdownPercent && c.medianDrawdownPercent === a.medianDrawdownPercent).toBe(
      false,
    );
  });

  it('reports a p95 at least the median, within the worst possible order', () => {
    const r = monteCarloDrawdowns(1000, pnl, 'x');
    const losses = pnl.filter((p) => p < 0).reduce((s, p) => s - p, 0);
    const gains = pnl.filter((p) => p > 0).reduce((s, p) => s + p, 0);
    expect(r.p95DrawdownPercent).toBeGreaterThanOrEqual(r.medianDrawdownPercent);
    expect(r.p95DrawdownPercent).toBeLessThanOrEqual((losses / (1000 + gains)) * 100 + 1e-9 + (losses / 1000) * 100);
    expect(r.medianDrawdownPercent).toBeGreaterThan(0);
  });

  it('is zero without trades', () => {
    expect(monteCarloDrawdowns(1000, [], 's')).toEqual({ runs: 1000, p95DrawdownPercent: 0, medianDrawdownPercent: 0 });
  });

  it('takes nearest-rank percentiles', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 95)).toBe(4);
  });
});
