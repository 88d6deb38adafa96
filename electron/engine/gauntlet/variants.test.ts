import { describe, expect, it } from 'vitest';
import { testStrategy } from '../backtest/test-helpers.js';
import { expandNamed } from './condition-numbers.js';
import { moveValue, strategyVariants } from './variants.js';

const labels = (overrides: Parameters<typeof testStrategy>[0]) =>
  strategyVariants(testStrategy(overrides)).map((v) => `${v.change} ${v.parameter}`);

describe('parameter stability variants', () => {
  it('moves the RSI period and the threshold of "RSI(14) < 30" by -20 % and +20 %', () => {
    const out = labels({ entryConditions: ['RSI(14) < 30'], exitConditions: [] });
    expect(out).toContain('-20% entryConditions[0]: RSI(14) < 30 -> RSI(11) < 30');
    expect(out).toContain('+20% entryConditions[0]: RSI(14) < 30 -> RSI(17) < 30');
    expect(out).toContain('-20% entryConditions[0]: RSI(14) < 30 -> RSI(14) < 24');
    expect(out).toContain('+20% entryConditions[0]: RSI(14) < 30 -> RSI(14) < 36');
  });

  it('moves the risk parameters, clamped to the strategy limits', () => {
    const out = labels({ stopLossPercent: 2, takeProfitPercent: 4, positionSizePercent: 20, trailingStopPercent: 1 });
    expect(out).toContain('-20% stopLossPercent: 2 -> 1.6');
    expect(out).toContain('+20% takeProfitPercent: 4 -> 4.8');
    expect(out).toContain('-20% positionSizePercent: 20 -> 16');
    // 20 % is the largest position size allowed: +20 % clamps back to 20, so it is no variant.
    expect(out.some((l) => l.startsWith('+20% positionSizePercent'))).toBe(false);
    expect(out).toContain('+20% trailingStopPercent: 1 -> 1.2');
  });

  it('skips a variant the schema refuses: a stop loss above the take profit', () => {
    const out = labels({ stopLossPercent: 4, takeProfitPercent: 4 });
    expect(out).toContain('-20% stopLossPercent: 4 -> 3.2');
    expect(out.some((l) => l.startsWith('+20% stopLossPercent'))).toBe(false);
    expect(out.some((l) => l.startsWith('-20% takeProfitPercent'))).toBe(false);
  });

  it('writes out named conditions and default parameters so their numbers move too', () => {
    expect(expandNamed('RSI_oversold')).toBe('RSI(14) < 30');
    expect(expandNamed('RSI_oversold AND Price > SMA(50)')).toBe('(RSI(14) < 30) AND Price > SMA(50)');
    const out = labels({ entryConditions: ['RSI_oversold', 'Volume > average'], exitConditions: [] });
    expect(out).toContain('-20% entryConditions[0]: RSI_oversold -> RSI(11) < 30');
    expect(out).toContain('+20% entryConditions[1]: Volume > average -> Volume > average(24)');
  });

  it('moves one indicator period everywhere it appears, suffix spellings and percents included', () => {
    const out = labels({
      entryConditions: ['SMA(20) crosses above SMA_50', 'Momentum > 3%'],
      exitConditions: ['SMA_20_crossover_SMA_50'],
    });
    expect(out).toContain(
      '-20% entryConditions[0]: SMA(20) crosses above SMA_50 -> SMA(16) crosses above SMA_50 (and 1 more condition)',
    );
    expect(out).toContain(
      '+20% entryConditions[0]: SMA(20) crosses above SMA_50 -> SMA(20) crosses above SMA_60 (and 1 more condition)',
    );
    expect(out).toContain('+20% entryConditions[1]: Momentum > 3% -> Momentum > 3.6%');
    const sma16 = strategyVariants(
      testStrategy({ entryConditions: ['SMA(20) crosses above SMA_50'], exitConditions: ['SMA_20_crossover_SMA_50'] }),
    ).find((v) => v.parameter.includes('SMA(16)'))!;
    expect(sma16.program.strategy.exitConditions).toEqual(['SMA_16_crossover_SMA_50']);
  });

  it('leaves zero thresholds alone and skips conditions that stop making sense', () => {
    const out = labels({ entryConditions: ['MACD > 0', 'RSI(14) < 90'], exitConditions: [] });
    expect(out.some((l) => l.includes('MACD > 0 -> MACD >'))).toBe(false);
    expect(out).toContain('-20% entryConditions[0]: MACD > 0 -> MACD(10, 26, 9) > 0');
    expect(out).toContain('-20% entryConditions[1]: RSI(14) < 90 -> RSI(14) < 72');
    // RSI < 108 is refused by the condition checker (RSI is at most 100): not a variant.
    expect(out.some((l) => l.includes('RSI(14) < 108'))).toBe(false);
  });

  it('rounds periods to whole numbers of at least 2', () => {
    expect(moveValue(14, 0.8, { integer: true, min: 2, max: 200 })).toBe(11);
    expect(moveValue(2, 0.8, { integer: true, min: 2, max: 200 })).toBeNull();
    expect(moveValue(3, 0.8, { integer: true, min: 2, max: 200 })).toBe(2);
    expect(moveValue(-5, 1.2, { integer: false, min: -Infinity, max: Infinity })).toBe(-6);
  });
});
