import { describe, expect, it } from 'vitest';
import { STRATEGY_TEMPLATES, Strategy, type StrategyInput } from '../../../shared/domain/strategy.js';
import { hourly } from '../backtest/test-helpers.js';
import { checkStrategy, compileStrategy, evaluateSignals } from './program.js';

const base: StrategyInput = {
  name: 'RSI dip',
  symbols: ['BTC/USD'],
  timeframe: '1h',
  entryConditions: ['RSI < 30'],
  exitConditions: ['RSI > 70'],
  stopLossPercent: 2,
  takeProfitPercent: 4,
  positionSizePercent: 10,
  riskLevel: 'MEDIUM',
};

describe('checkStrategy: schema and conditions, every problem with its path', () => {
  it('accepts a good strategy and compiles it', () => {
    const r = checkStrategy(base);
    expect(r.ok && r.program.series.map((s) => s.key)).toEqual(['RSI(14)']);
  });

  it('lists schema problems by field', () => {
    const r = checkStrategy({ ...base, stopLossPercent: 12, positionSizePercent: 50 });
    expect(r.ok ? [] : r.issues).toEqual([
      { path: ['stopLossPercent'], message: 'the stop loss is at most 10 %' },
      { path: ['positionSizePercent'], message: 'the position size is at most 20 %' },
      {
        path: ['takeProfitPercent'],
        message: 'the take profit (4 %) must be at least 1 x the stop loss (12 %): reward/risk is 0.33',
      },
    ]);
  });

  it('lists condition problems with their position and suggestion', () => {
    const r = checkStrategy({
      ...base,
      entryConditions: ['RSI < 30', 'Volume > averag'],
      exitConditions: ['RSI@4h > 70'],
    });
    expect(r.ok ? [] : r.issues).toEqual([
      {
        path: ['entryConditions', 1],
        message: 'unknown indicator or value "averag"',
        condition: {
          message: 'unknown indicator or value "averag"',
          offset: 9,
          length: 6,
          line: 1,
          column: 10,
          suggestion: 'average',
        },
      },
      {
        path: ['exitConditions', 0],
        message: 'to read values @4h, add "4h" to the strategy\'s confirmTimeframes',
        condition: expect.objectContaining({ offset: 4, length: 2 }),
      },
    ]);
  });

  it('lists condition problems even while the schema has a problem too', () => {
    const r = checkStrategy({ ...base, stopLossPercent: 12, entryConditions: ['RSI < 30', 'Volume > averag'] });
    expect(r.ok ? [] : r.issues.map((i) => [i.path, i.message, i.condition?.column])).toEqual([
      [['stopLossPercent'], 'the stop loss is at most 10 %', undefined],
      [
        ['takeProfitPercent'],
        'the take profit (4 %) must be at least 1 x the stop loss (12 %): reward/risk is 0.33',
        undefined,
      ],
      [['entryConditions', 1], 'unknown indicator or value "averag"', 10],
    ]);
  });

  it('every built-in template passes the schema and compiles', () => {
    for (const t of STRATEGY_TEMPLATES) {
      if (t.strategy.kind === 'grid') continue;
      const compiled = compileStrategy(Strategy.parse(t.strategy));
      expect(compiled.ok, t.id).toBe(true);
    }
  });

  it('warmupCandles is where the first signal can be on gap-free candles', () => {
    const candles = hourly(
      Array.from(
        { length: 400 },
        (_, i) => [100 + Math.sin(i), 102 + Math.sin(i), 98 + Math.sin(i), 100 + Math.cos(i)] as const,
      ),
    );
    const cases: Partial<StrategyInput>[] = [
      { entryConditions: ['RSI < 30'] },
      { entryConditions: ['MACD_crossover'] },
      { entryConditions: ['SMA(50) crosses above SMA(200)'] },
      { entryConditions: ['ADX > 20', 'Price_near_low'] },
      { entryConditions: ['Price > 0'], regimeFilter: ['RANGING'] },
      { entryConditions: ['RSI@4h > 10'], confirmTimeframes: ['4h'] },
      { entryConditions: ['Price > 0'], sizing: { method: 'volatility', riskPercent: 1, atrPeriod: 30 } },
    ];
    for (const c of cases) {
      const r = compileStrategy(Strategy.parse({ ...base, exitConditions: [], ...c }));
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      expect(evaluateSignals(r.program, candles).firstReady, JSON.stringify(c)).toBe(r.program.warmupCandles);
    }
  });
});
