import { describe, expect, it } from 'vitest';
import {
  GridStrategy,
  parseStrategyDefinition,
  STRATEGY_LIMITS,
  STRATEGY_TEMPLATES,
  Strategy,
  type StrategyInput,
} from '../../../shared/domain/strategy.js';

/** The strategy JSON schema of shared/domain/strategy.ts. */
const good: StrategyInput = {
  name: 'RSI dip',
  description: 'buy dips',
  symbols: ['BTC/USD'],
  timeframe: '1h',
  confirmTimeframes: ['4h'],
  entryConditions: ['RSI < 30'],
  exitConditions: ['RSI > 70'],
  stopLossPercent: 2,
  takeProfitPercent: 5,
  trailingStopPercent: 1.5,
  positionSizePercent: 10,
  sizing: { method: 'kelly', fraction: 0.5 },
  regimeFilter: ['RANGING'],
  riskLevel: 'HIGH',
};

const messages = (input: unknown) => {
  const r = Strategy.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('Strategy schema', () => {
  it('accepts a full strategy and fills defaults', () => {
    const s = Strategy.parse(good);
    expect(s.sizing).toEqual({ method: 'kelly', fraction: 0.5, lookbackTrades: 50, minTrades: 20 });
    expect(Strategy.parse({ ...good, description: undefined, exitConditions: undefined })).toMatchObject({
      description: '',
      exitConditions: [],
    });
  });

  it('enforces the risk ranges of STRATEGY_LIMITS with clear messages', () => {
    expect(STRATEGY_LIMITS.stopLossPercent).toEqual({ min: 1, max: 10 });
    expect(messages({ ...good, stopLossPercent: 0.5, takeProfitPercent: 25, positionSizePercent: 4 })).toEqual([
      'stopLossPercent: the stop loss is at least 1 %',
      'takeProfitPercent: the take profit is at most 20 %',
      'positionSizePercent: the position size is at least 5 %',
    ]);
    expect(messages({ ...good, stopLossPercent: 'two' })).toEqual([
      'stopLossPercent: the stop loss is a number of percent, e.g. 1',
    ]);
  });

  it('requires reward/risk >= 1', () => {
    expect(messages({ ...good, stopLossPercent: 5, takeProfitPercent: 4 })).toEqual([
      'takeProfitPercent: the take profit (4 %) must be at least 1 x the stop loss (5 %): reward/risk is 0.80',
    ]);
    expect(messages({ ...good, stopLossPercent: 4, takeProfitPercent: 4 })).toEqual([]);
  });

  it('confirm timeframes must be coarser than the strategy timeframe', () => {
    expect(messages({ ...good, confirmTimeframes: ['15m', '1h'] })).toEqual([
      "confirmTimeframes.0: a confirm timeframe must be coarser than the strategy's 1h (e.g. 4h for 1h): 15m is not",
      "confirmTimeframes.1: a confirm timeframe must be coarser than the strategy's 1h (e.g. 4h for 1h): 1h is not",
    ]);
  });

  it('refuses unknown fields, bad symbols, empty entry lists and duplicate regimes', () => {
    expect(messages({ ...good, stopLoss: 2 })).toEqual([': Unrecognized key: "stopLoss"']);
    expect(messages({ ...good, symbols: ['XXBTZUSD'] })[0]).toContain('a symbol is BASE/QUOTE in capitals');
    expect(messages({ ...good, entryConditions: [] })).toEqual(['entryConditions: give at least one entry condition']);
    expect(messages({ ...good, regimeFilter: ['RANGING', 'RANGING'] })).toEqual([
      'regimeFilter: a regime is listed twice',
    ]);
  });
});

describe('Grid strategy schema and templates', () => {
  it('defines ATR-spaced levels, the EMA20/EMA50 trend filter and capital per symbol', () => {
    const grid = GridStrategy.parse({
      kind: 'grid',
      name: 'grid',
      symbols: ['ETH/USD'],
      timeframe: '15m',
      levelsPerSide: 4,
      spacingAtrMultiple: 0.75,
      capitalPerSymbolPercent: 15,
      riskLevel: 'LOW',
    });
    expect(grid).toMatchObject({ atrPeriod: 14, trendFilter: { fastEma: 20, slowEma: 50 }, atrSpikePercent: 30 });
    const bad = GridStrategy.safeParse({
      ...grid,
      capitalPerSymbolPercent: 30,
      trendFilter: { fastEma: 50, slowEma: 20 },
    });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual([
      'the fast EMA must be shorter than the slow EMA',
      'the capital per symbol is at most 20 %',
    ]);
  });

  it('parseStrategyDefinition picks the schema by kind', () => {
    expect(parseStrategyDefinition(good).success).toBe(true);
    const grid = STRATEGY_TEMPLATES.find((t) => t.id === 'atr-grid')!.strategy;
    expect(parseStrategyDefinition(grid).success).toBe(true);
    expect(STRATEGY_TEMPLATES.map((t) => t.id)).toEqual([
      'rsi-mean-reversion',
      'sma-trend-following',
      'macd-momentum',
      'bollinger-breakout',
      'atr-grid',
    ]);
  });
});
