import { describe, expect, it } from 'vitest';
import { BacktestSettings } from '../../../shared/domain/strategy.js';
import { testStrategy } from '../backtest/test-helpers.js';
import { compileStrategy, evaluateSignals } from '../strategy/program.js';
import { oosWindow, outOfSample } from './out-of-sample.js';
import { simulatedHistory, TEST_START } from './test-candles.js';
import { DAY_MS } from './windows.js';

const strategy = testStrategy({
  entryConditions: ['RSI(14) < 40'],
  exitConditions: ['RSI(14) > 60'],
  stopLossPercent: 2,
  takeProfitPercent: 3,
});
const program = (() => {
  const c = compileStrategy(strategy);
  if (!c.ok) throw new Error('does not compile');
  return c.program;
})();
const settings = BacktestSettings.parse({});
const to = TEST_START + 90 * DAY_MS;

describe('out-of-sample check', () => {
  it('splits the 90-day window by time at 70 %', () => {
    const candles = simulatedHistory(90, '1h');
    const w = oosWindow(candles, to);
    expect(w.from).toBe(TEST_START);
    expect(w.split).toBe(TEST_START + 63 * DAY_MS);
    expect(candles.time[w.middle]).toBe(w.split);
    expect(w.end).toBe(candles.length);
  });

  it('judges the in-sample part without looking at the later candles', () => {
    const candles = simulatedHistory(90, '1h');
    const base = { strategy: program, settings, accounting: 'float' as const };
    const first = outOfSample(candles, evaluateSignals(program, candles), to, base);
    // A crash after the split changes the out-of-sample figures, never the in-sample ones.
    const w = oosWindow(candles, to);
    const crashed = {
      ...candles,
      open: candles.open.slice(),
      high: candles.high.slice(),
      low: candles.low.slice(),
      close: candles.close.slice(),
    };
    for (let i = w.middle; i < candles.length; i++) {
      const f = 1 - (0.3 * (i - w.middle)) / (candles.length - w.middle);
      crashed.open[i]! *= f;
      crashed.high[i]! *= f;
      crashed.low[i]! *= f;
      crashed.close[i]! *= f;
    }
    const second = outOfSample(crashed, evaluateSignals(program, crashed), to, base);
    expect(second.inSample).toEqual(first.inSample);
    expect(second.outOfSample).not.toEqual(first.outOfSample);
    expect(second.gapPercent).toBeGreaterThan(first.gapPercent);
  });

  it('flags overfitting when the in-sample profit per 30 days is far above the out-of-sample one', () => {
    const candles = simulatedHistory(90, '1h');
    const r = outOfSample(candles, evaluateSignals(program, candles), to, { strategy: program, settings });
    expect(r.overfitting).toBe(r.gapPercent > 5 || (r.inSample.grade !== 'FAILED' && r.outOfSample.grade === 'FAILED'));
  });
});
