import { describe, expect, it } from 'vitest';
import { testStrategy } from '../backtest/test-helpers.js';
import { entryFraction, TradeReturns } from './sizing.js';

describe('entry sizing', () => {
  it('fixed: positionSizePercent of equity', () => {
    expect(entryFraction(testStrategy({ positionSizePercent: 15 }), Number.NaN, null)).toEqual({ fraction: 0.15 });
  });

  it('volatility: riskPercent / (atrMultiple x ATR%), capped at the position size', () => {
    const s = testStrategy({
      positionSizePercent: 20,
      sizing: { method: 'volatility', riskPercent: 1, atrMultiple: 2 },
    });
    // ATR 2.5 % of the close: 1 / (2 x 2.5) = 0.2 -> capped... exactly at 20 %; ATR 5 %: 0.1.
    expect(entryFraction(s, 5, null).fraction).toBeCloseTo(0.1, 12);
    expect(entryFraction(s, 2.5, null).fraction).toBeCloseTo(0.2, 12);
    expect(entryFraction(s, 1, null).fraction).toBe(0.2);
  });

  it('kelly: fraction x (W - (1 - W) / R) over the last trades; fixed before minTrades; none when not above zero', () => {
    const s = testStrategy({
      positionSizePercent: 20,
      sizing: { method: 'kelly', fraction: 0.5, lookbackTrades: 10, minTrades: 5 },
    });
    const history = new TradeReturns(10);
    for (const r of [0.04, -0.02, 0.04, -0.02]) history.push(r);
    expect(entryFraction(s, Number.NaN, history)).toEqual({ fraction: 0.2 }); // 4 < minTrades
    history.push(0.04);
    // W = 3/5 = 0.6, R = 0.04 / 0.02 = 2: Kelly = 0.6 - 0.4 / 2 = 0.4; half Kelly = 0.2.
    expect(entryFraction(s, Number.NaN, history).fraction).toBeCloseTo(0.2, 12);
    for (let i = 0; i < 10; i++) history.push(i < 3 ? 0.01 : -0.02);
    // The window keeps the last 10: W = 0.3, R = 0.5: Kelly = 0.3 - 0.7 / 0.5 = -1.1: no entry.
    expect(entryFraction(s, Number.NaN, history)).toMatchObject({ fraction: 0, rule: 'SIZING_KELLY' });
  });
});
