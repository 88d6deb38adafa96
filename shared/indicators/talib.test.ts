// The fixtures are files: this test (not shipped code) reads them with node:fs.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { atr, bollinger, directional, ema, macd, roc, rsi, sma } from './index.js';

/**
 * Our indicators against TA-Lib's own output (talib npm 1.1.6, the C library built from source) on
 * 2,000 generated hourly candles: fixtures/talib-input.csv and fixtures/talib-reference.json, made
 * by scripts/gen-talib-fixtures.mjs. Every value from TA-Lib's first output index on must agree
 * within 1e-6, and ours must be NaN before it (the same warm-up).
 */
type Reference = { begIndex: number; values: number[] };
const fixtureUrl = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const reference = JSON.parse(readFileSync(fixtureUrl('talib-reference.json'), 'utf8')) as {
  series: Record<string, Reference>;
};
const rows = readFileSync(fixtureUrl('talib-input.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',').map(Number));
const column = (c: number) => Float64Array.from(rows, (r) => r[c]!);
const [high, low, close, volume] = [2, 3, 4, 5].map(column) as [Float64Array, Float64Array, Float64Array, Float64Array];

const TOLERANCE = 1e-6;

function expectMatches(name: string, ours: Float64Array, compareFrom?: number) {
  const ref = reference.series[name];
  if (!ref) throw new Error(`no reference series ${name}`);
  expect(ref.begIndex + ref.values.length).toBe(ours.length);
  const from = compareFrom ?? ref.begIndex;
  if (compareFrom === undefined) {
    for (let i = 0; i < ref.begIndex; i++) expect(Number.isNaN(ours[i]), `${name}[${i}] is warm-up`).toBe(true);
  }
  let worst = 0;
  for (let i = from; i < ours.length; i++) {
    const diff = Math.abs(ours[i]! - ref.values[i - ref.begIndex]!);
    if (!(diff <= worst)) worst = diff;
  }
  expect(worst, `${name}: largest difference from TA-Lib`).toBeLessThanOrEqual(TOLERANCE);
}

describe('indicators match TA-Lib 1.1.6 within 1e-6 after warm-up', () => {
  it('has 2,000 candles of input', () => expect(rows).toHaveLength(2000));

  it('SMA(20), SMA(50) and SMA of volume', () => {
    expectMatches('SMA_20', sma(close, 20));
    expectMatches('SMA_50', sma(close, 50));
    expectMatches('VOLUME_SMA_20', sma(volume, 20));
  });

  it('EMA(12), EMA(26), EMA(50), seeded with an SMA', () => {
    for (const n of [12, 26, 50]) expectMatches(`EMA_${n}`, ema(close, n));
  });

  it("Wilder's RSI(14) and RSI(7)", () => {
    expectMatches('RSI_14', rsi(close, 14));
    expectMatches('RSI_7', rsi(close, 7));
  });

  it("Wilder's ATR(14)", () => expectMatches('ATR_14', atr(high, low, close, 14)));

  it('MACD 12/26/9: line, signal and histogram', () => {
    const m = macd(close, 12, 26, 9);
    // TA-Lib reports the line only from where the signal starts (33); ours has it from 25.
    expectMatches('MACD_line', m.macd, 33);
    expectMatches('MACD_signal', m.signal);
    expectMatches('MACD_hist', m.histogram);
  });

  it('Bollinger bands (20, 2) with the population standard deviation', () => {
    const b = bollinger(close, 20, 2);
    expectMatches('BBANDS_upper', b.upper);
    expectMatches('BBANDS_middle', b.middle);
    expectMatches('BBANDS_lower', b.lower);
  });

  it('+DI, -DI and ADX (14)', () => {
    const d = directional(high, low, close, 14);
    expectMatches('PLUS_DI_14', d.plusDi);
    expectMatches('MINUS_DI_14', d.minusDi);
    expectMatches('ADX_14', d.adx);
  });

  it('ROC(10): momentum in percent', () => expectMatches('ROC_10', roc(close, 10)));
});
