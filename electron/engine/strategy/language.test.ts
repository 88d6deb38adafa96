import { describe, expect, it } from 'vitest';
import { checkCondition, type CheckContext } from './check.js';
import { formatCond } from './cond.js';
import { formatConditionError } from './errors.js';
import { parseCondition } from './parser.js';
import { tokenize } from './tokenizer.js';

const context: CheckContext = { timeframe: '1h', confirmTimeframes: ['4h'] };

function meaning(text: string): string {
  const r = checkCondition(text, context);
  if (!r.ok) throw new Error(`${text}: ${r.errors.map((e) => e.message).join('; ')}`);
  return formatCond(r.cond);
}

function firstError(text: string, ctx = context) {
  const r = checkCondition(text, ctx);
  if (r.ok) throw new Error(`${text} was accepted`);
  return r.errors[0]!;
}

describe('the strategy language accepts every form of the issue, with its meaning', () => {
  it.each([
    ['RSI < 30', 'RSI(14) < 30'],
    ['RSI > 70', 'RSI(14) > 70'],
    ['RSI(7) < 25', 'RSI(7) < 25'],
    ['RSI_oversold', 'RSI(14) < 30'],
    ['RSI_overbought', 'RSI(14) > 70'],
    ['SMA_20 > SMA_50', 'SMA(20) > SMA(50)'],
    ['EMA_12 > EMA_26', 'EMA(12) > EMA(26)'],
    ['Price > SMA_200', 'PRICE > SMA(200)'],
    ['SMA_50_crossover_SMA_200', 'SMA(50) crosses above SMA(200)'],
    ['SMA(50) crosses above SMA(200)', 'SMA(50) crosses above SMA(200)'],
    ['EMA(12) crosses below EMA(26)', 'EMA(12) crosses below EMA(26)'],
    ['MACD > 0', 'MACD(12,26,9) > 0'],
    ['MACD_positive', 'MACD(12,26,9) > 0'],
    ['MACD_crossover', 'MACD(12,26,9) crosses above MACD_SIGNAL(12,26,9)'],
    ['Price < Bollinger_lower', 'PRICE < BB_LOWER(20,2)'],
    ['Price > Bollinger_upper', 'PRICE > BB_UPPER(20,2)'],
    ['ATR > 2.0', 'ATR(14) > 2'],
    ['ATR < 1.0', 'ATR(14) < 1'],
    ['Volume > average', 'VOLUME > VOLUME_AVG(20)'],
    ['Volume_high', 'VOLUME > 2 * VOLUME_AVG(20)'],
    ['Momentum > 3%', 'MOMENTUM(10) > 3'],
    ['Price_near_high', 'PRICE >= 0.99 * HIGH_24H'],
    ['RSI@4h > 50', 'RSI(14)@4h > 50'],
    ['RSI_oversold@4h', 'RSI(14)@4h < 30'],
    ['rsi(7) < 25 and not macd_negative', '(RSI(7) < 25) AND (NOT (MACD(12,26,9) < 0))'],
    ['Bollinger_upper(20, 2.5) < Price', 'BB_UPPER(20,2.5) < PRICE'],
    ['MACD > -5', 'MACD(12,26,9) > -5'],
  ])('%s', (text, expected) => expect(meaning(text)).toBe(expected));

  it('NOT binds tighter than AND, AND tighter than OR; parentheses group', () => {
    expect(meaning('RSI < 30 OR RSI > 70 AND MACD > 0')).toBe(
      '(RSI(14) < 30) OR ((RSI(14) > 70) AND (MACD(12,26,9) > 0))',
    );
    expect(meaning('(RSI < 30 OR RSI > 70) AND MACD > 0')).toBe(
      '((RSI(14) < 30) OR (RSI(14) > 70)) AND (MACD(12,26,9) > 0)',
    );
    expect(meaning('NOT RSI < 30 AND MACD > 0')).toBe('(NOT (RSI(14) < 30)) AND (MACD(12,26,9) > 0)');
    expect(meaning('RSI < 30 && (Volume > average || NOT Volume_high)')).toBe(
      '(RSI(14) < 30) AND ((VOLUME > VOLUME_AVG(20)) OR (NOT (VOLUME > 2 * VOLUME_AVG(20))))',
    );
  });

  it('tokenizes with positions', () => {
    expect(tokenize('RSI@4h >= 2.5%').map((t) => [t.kind, t.text, t.start])).toEqual([
      ['word', 'RSI', 0],
      ['at', '@', 3],
      ['timeframe', '4h', 4],
      ['compare', '>=', 7],
      ['number', '2.5', 10],
      ['percent', '%', 13],
      ['end', '', 14],
    ]);
  });

  it('parses into a tree with spans', () => {
    const r = parseCondition('SMA(20) crosses above SMA(50)');
    expect(r.ok && r.ast).toMatchObject({
      type: 'cross',
      direction: 'above',
      left: { type: 'ref', name: 'SMA', args: [{ value: 20 }], span: { start: 0, end: 7 } },
      right: { type: 'ref', name: 'SMA', span: { start: 22, end: 29 } },
    });
  });
});

describe('errors give the position and a suggestion', () => {
  it('an unknown indicator: the nearest known name', () => {
    expect(firstError('Price > SAM_20')).toMatchObject({
      offset: 8,
      length: 6,
      line: 1,
      column: 9,
      suggestion: 'SMA_20',
    });
    expect(firstError('RSX < 30')).toMatchObject({ message: 'unknown indicator or value "RSX"', suggestion: 'RSI' });
    expect(firstError('RSI_ovresold')).toMatchObject({ suggestion: 'RSI_oversold' });
    expect(firstError('Bolinger_lower > Price')).toMatchObject({ suggestion: 'Bollinger_lower' });
  });

  it('lines and columns in multi-line conditions', () => {
    const text = 'Volume > average AND\n  RSX > 2';
    const e = firstError(text);
    expect(e).toMatchObject({ offset: 23, line: 2, column: 3 });
    expect(formatConditionError(text, e)).toBe(
      '2:3: unknown indicator or value "RSX" (did you mean "RSI"?)\n    RSX > 2\n    ^^^',
    );
  });

  it.each([
    ['RSI < 3O', 'is neither a number nor a name', 6, '30'],
    ['(RSI < 30', 'missing ")"', 0, undefined],
    ['RSI < 30 70', 'join conditions with AND or OR', 9, undefined],
    ['RSI = 30', 'compare with <, <=, > or >=', 4, undefined],
    ['SMA(50) crossover SMA(200)', 'crosses above', 8, 'crosses above'],
    ['RSI crosses abve 30', '"crosses" is followed by "above" or "below"', 12, 'above'],
    ['Price $ 3', 'unexpected character "$"', 6, undefined],
    ['RSI <', 'the condition ends too early', 5, undefined],
    ['', 'the condition is empty', 0, undefined],
    ['RSI', 'RSI is a value, not a condition', 0, 'RSI < 30'],
    ['30 < 70', 'not two numbers', 5, undefined],
  ])('%s', (text, message, offset, suggestion) => {
    const e = firstError(text);
    expect(e.message).toContain(message);
    expect(e.offset).toBe(offset);
    expect(e.suggestion).toBe(suggestion);
  });

  it('checks parameters against their ranges', () => {
    expect(firstError('SMA > Price').message).toBe('SMA needs a period: e.g. SMA(20) or SMA_20');
    expect(firstError('SMA(2.5) > Price').message).toBe('the period of SMA is a whole number from 2 to 1000, not 2.5');
    expect(firstError('RSI(1) < 30').message).toBe('the period of RSI is a whole number from 2 to 200, not 1');
    expect(firstError('MACD(26, 12) > 0').message).toContain('fast period of MACD must be shorter');
    expect(firstError('Price(3) > 1').message).toBe('Price takes no parameters');
    expect(firstError('SMA_20(5) > Price').message).toContain('give the parameters once');
    expect(firstError('Bollinger_upper_20 > Price')).toMatchObject({ suggestion: 'Bollinger_upper(20, 2)' });
  });

  it('checks units and value ranges of comparisons', () => {
    expect(firstError('Price > RSI').message).toBe(
      'cannot compare Price (a price) with RSI (an oscillator from 0 to 100)',
    );
    expect(firstError('Volume > SMA(20)').message).toContain('cannot compare Volume (a volume)');
    expect(firstError('Price > 3%').message).toContain('drop the %');
    expect(firstError('RSI > 120').message).toContain('RSI is between 0 and 100');
    expect(firstError('ATR < -1').message).toContain('ATR is at least 0');
    expect(meaning('2 * ATR < Momentum')).toBe('2 * ATR(14) < MOMENTUM(10)');
  });

  it('allows @tf only for declared confirm timeframes coarser than the base', () => {
    expect(firstError('RSI@1d > 50').message).toBe('to read values @1d, add "1d" to the strategy\'s confirmTimeframes');
    expect(firstError('RSI@15m > 50').message).toContain('finer than the strategy');
    expect(firstError('RSI@1h > 50').message).toContain("the strategy's own timeframe");
    expect(firstError('RSI@4x > 50')).toMatchObject({ offset: 4, length: 2, suggestion: '4h' });
    expect(firstError('RSI_oversold@1d')).toMatchObject({ offset: 0, length: 15 });
  });

  it('reports every error of a condition at once', () => {
    const r = checkCondition('RSX < 30 AND SAM_20 > Price', context);
    expect(r.ok ? [] : r.errors.map((e) => e.suggestion)).toEqual(['RSI', 'SMA_20']);
  });
});
