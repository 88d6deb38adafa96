import { describe, expect, it } from 'vitest';
import { BacktestSettings } from '../../../shared/domain/strategy.js';
import { testStrategy } from '../backtest/test-helpers.js';
import { GauntletCancelledError, runGauntlet } from './run.js';
import { simulatedHistory, TEST_START } from './test-candles.js';
import { DAY_MS } from './windows.js';

const strategy = testStrategy({
  name: 'RSI dip',
  entryConditions: ['RSI(14) < 35'],
  exitConditions: ['RSI(14) > 65'],
  stopLossPercent: 2,
  takeProfitPercent: 3,
  positionSizePercent: 10,
});
const candles = simulatedHistory(90, '1h');
const to = TEST_START + 90 * DAY_MS;
const options = { strategy, candles, to, symbol: 'BTC/USD', settings: BacktestSettings.parse({}), monteCarloRuns: 200 };

describe('runGauntlet', () => {
  it('runs every stage, reports progress up to 1 and gives the same answer twice', () => {
    const seen: number[] = [];
    const r = runGauntlet(options, (f) => seen.push(f));
    expect(r.backtest.start).toBe(to - 30 * DAY_MS);
    expect(r.backtest.candles).toBe(30 * 24);
    expect(r.backtest.accounting).toBe('exact');
    expect(r.costStress.feeRate).toBeCloseTo(0.002, 12);
    expect(r.costStress.slippageBps).toBeCloseTo(10, 9);
    expect(r.costStress.figures.netProfitPercent).toBeLessThan(r.backtest.metrics.netProfitPercent);
    expect(r.stability.total).toBeGreaterThanOrEqual(8);
    expect(r.stability.variants.map((v) => v.parameter)).toContain(
      'entryConditions[0]: RSI(14) < 35 -> RSI(11) < 35 (and 1 more condition)',
    );
    expect(r.monteCarlo.runs).toBe(200);
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(r.verdict.reasons.length).toBeGreaterThan(0);
    expect(runGauntlet(options).verdict).toEqual(r.verdict);
  });

  it('stops when cancelled', () => {
    let calls = 0;
    expect(() =>
      runGauntlet(
        options,
        () => {},
        () => ++calls > 3,
      ),
    ).toThrow(GauntletCancelledError);
  });
});
