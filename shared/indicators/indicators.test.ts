import { ATR, BollingerBands, EMA, MACD, RSI, SMA } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { atr, bollinger, ema, macd, rsi, sma } from './index.js';

/** A deterministic wandering price series with highs and lows around it. */
function series(n: number) {
  const close: number[] = [];
  const high: number[] = [];
  const low: number[] = [];
  let p = 100;
  for (let i = 0; i < n; i++) {
    p += Math.sin(i * 0.37) * 1.3 + Math.cos(i * 0.11) * 0.7;
    close.push(p);
    high.push(p + 0.5 + Math.abs(Math.sin(i)));
    low.push(p - 0.5 - Math.abs(Math.cos(i)));
  }
  return { close, high, low };
}

/** Compares our tail (after warm-up) with another implementation's output aligned to the end. */
function expectTailClose(ours: Float64Array, theirs: number[], tol = 1e-9) {
  expect(theirs.length).toBeGreaterThan(10);
  const offset = ours.length - theirs.length;
  for (let i = 0; i < theirs.length; i++) expect(ours[offset + i]).toBeCloseTo(theirs[i]!, -Math.log10(tol));
}

const { close, high, low } = series(400);

describe('indicators (TA-Lib definitions)', () => {
  it('SMA: NaN during warm-up, then the mean of the last n values', () => {
    const out = sma([1, 2, 3, 4, 5], 3);
    expect(Number.isNaN(out[1])).toBe(true);
    expect(Array.from(out.slice(2))).toEqual([2, 3, 4]);
    expectTailClose(sma(close, 20), SMA.calculate({ period: 20, values: close }));
  });

  it('EMA is seeded with the SMA of its first n values', () => {
    const out = ema([2, 4, 6, 8, 10], 3);
    expect(out[2]).toBe(4);
    expect(out[3]).toBeCloseTo(4 + (8 - 4) * 0.5);
    expectTailClose(ema(close, 12), EMA.calculate({ period: 12, values: close }));
  });

  it("RSI uses Wilder's smoothing, first value at index n", () => {
    const out = rsi(close, 14);
    expect(Number.isNaN(out[13])).toBe(true);
    expect(Number.isNaN(out[14])).toBe(false);
    expectTailClose(out, RSI.calculate({ period: 14, values: close }), 1e-2);
    expect(rsi([1, 2, 3, 4, 5, 6], 3)[5]).toBe(100);
  });

  it('ATR: mean of the first n true ranges, then Wilder smoothing', () => {
    expectTailClose(atr(high, low, close, 14), ATR.calculate({ period: 14, high, low, close }), 1e-6);
  });

  it('Bollinger bands use the population standard deviation', () => {
    const b = bollinger([1, 2, 3, 4], 4, 2);
    const sd = Math.sqrt(((1.5 ** 2 + 0.5 ** 2) * 2) / 4);
    expect(b.middle[3]).toBe(2.5);
    expect(b.upper[3]).toBeCloseTo(2.5 + 2 * sd, 12);
    const theirs = BollingerBands.calculate({ period: 20, stdDev: 2, values: close });
    expectTailClose(
      bollinger(close, 20, 2).upper,
      theirs.map((x) => x.upper),
      1e-6,
    );
  });

  it('MACD 12/26/9: the fast EMA starts where the slow one does', () => {
    const m = macd(close);
    expect(Number.isNaN(m.macd[24])).toBe(true);
    expect(Number.isNaN(m.macd[25])).toBe(false);
    expect(Number.isNaN(m.signal[32])).toBe(true);
    expect(Number.isNaN(m.signal[33])).toBe(false);
    // the fast EMA at index 25 is the SMA of values 14..25
    const fastSeed = close.slice(14, 26).reduce((a, b) => a + b, 0) / 12;
    const slowSeed = close.slice(0, 26).reduce((a, b) => a + b, 0) / 26;
    expect(m.macd[25]).toBeCloseTo(fastSeed - slowSeed, 10);
    const theirs = MACD.calculate({
      values: close,
      fastPeriod: 12,
      slowPeriod: 26,
      signalPeriod: 9,
      SimpleMAOscillator: false,
      SimpleMASignal: false,
    });
    // technicalindicators seeds the fast EMA from the first 12 values, so only far from the start do they agree
    const last = theirs.at(-1)!;
    expect(m.macd.at(-1)).toBeCloseTo(last.MACD!, 4);
  });
});
