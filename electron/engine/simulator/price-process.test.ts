import { describe, expect, it } from 'vitest';
import { allocateCandleArrays, arraysToCandles, type CandleArrays } from './candle-arrays.js';
import { createPriceProcess, generateCandles, MINUTE_MS } from './price-process.js';
import { REGIMES } from './regimes.js';
import { MINUTES_PER_YEAR, SIM_MARKETS } from './sim-markets.js';

const START = Date.UTC(2024, 0, 1);
const NINETY_DAYS = 90 * 1440;

const history = new Map<string, CandleArrays>(
  SIM_MARKETS.map((m) => [m.symbol, generateCandles({ seed: 7, symbol: m.symbol, start: START, count: NINETY_DAYS })]),
);

function logReturns(a: CandleArrays): Float64Array {
  const r = new Float64Array(a.length - 1);
  for (let i = 1; i < a.length; i++) r[i - 1] = Math.log(a.close[i]! / a.close[i - 1]!);
  return r;
}

function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let sx = 0,
    sy = 0,
    sxx = 0,
    syy = 0,
    sxy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i]!;
    sy += y[i]!;
    sxx += x[i]! * x[i]!;
    syy += y[i]! * y[i]!;
    sxy += x[i]! * y[i]!;
  }
  return (sxy / n - (sx / n) * (sy / n)) / Math.sqrt((sxx / n - (sx / n) ** 2) * (syy / n - (sy / n) ** 2));
}

describe('generateCandles: determinism', () => {
  it('gives identical arrays for the same seed, symbol and start', () => {
    const a = generateCandles({ seed: 1, symbol: 'BTC/USD', start: START, count: 5_000 });
    const b = generateCandles({ seed: 1, symbol: 'BTC/USD', start: START, count: 5_000 });
    expect(b).toEqual(a);
  });

  it('gives different candles for a different seed, symbol or start', () => {
    const base = generateCandles({ seed: 1, symbol: 'BTC/USD', start: START, count: 1_000 });
    const otherSeed = generateCandles({ seed: 2, symbol: 'BTC/USD', start: START, count: 1_000 });
    const otherStart = generateCandles({ seed: 1, symbol: 'BTC/USD', start: START + MINUTE_MS, count: 1_000 });
    expect(otherSeed.close).not.toEqual(base.close);
    expect(otherStart.close).not.toEqual(base.close);
  });

  it('writes the same candles in one call or in many small ones', () => {
    const whole = generateCandles({ seed: 3, symbol: 'ETH/USD', start: START, count: 300 });
    const process = createPriceProcess({ seed: 3, symbol: 'ETH/USD', start: START });
    const out = allocateCandleArrays(300);
    for (let i = 0; i < 300; i += 7) process.fill(out, i, Math.min(7, 300 - i));
    expect(out).toEqual(whole);
    expect(process.nextTime()).toBe(START + 300 * MINUTE_MS);
    expect(process.lastClose()).toBe(whole.close[299]);
  });

  it('refuses an unknown market, a bad seed or start price with a message that says what to do', () => {
    expect(() => createPriceProcess({ seed: 1, symbol: 'DOGE/USD', start: START })).toThrow(
      /BTC\/USD, ETH\/USD, SOL\/USD/,
    );
    expect(() => createPriceProcess({ seed: Number.NaN, symbol: 'BTC/USD', start: START })).toThrow(/seed/);
    expect(() => createPriceProcess({ seed: 1, symbol: 'BTC/USD', start: START, startPrice: -1 })).toThrow(/positive/);
  });
});

describe('generateCandles: 90 days of 1-minute candles per market', () => {
  it.each(SIM_MARKETS.map((m) => [m.symbol, m] as const))(
    '%s: consistent OHLC, whole minutes, positive prices',
    (symbol) => {
      const a = history.get(symbol)!;
      expect(a.length).toBe(NINETY_DAYS);
      let bad = 0;
      for (let i = 0; i < a.length; i++) {
        const o = a.open[i]!,
          h = a.high[i]!,
          l = a.low[i]!,
          c = a.close[i]!;
        if (!(h >= Math.max(o, c) && l <= Math.min(o, c) && l > 0 && a.volume[i]! >= 0)) bad++;
        if (a.time[i] !== START + i * MINUTE_MS) bad++;
      }
      expect(bad).toBe(0);
    },
  );

  it.each(SIM_MARKETS.map((m) => [m.symbol, m] as const))('%s: starts near its reference price', (_symbol, market) => {
    const a = history.get(market.symbol)!;
    expect(a.open[0]).toBe(market.referencePrice);
    let min = Infinity,
      max = 0;
    for (let i = 0; i < a.length; i++) {
      min = Math.min(min, a.low[i]!);
      max = Math.max(max, a.high[i]!);
    }
    expect(min).toBeGreaterThan(market.referencePrice / 4);
    expect(max).toBeLessThan(market.referencePrice * 4);
  });

  it.each(SIM_MARKETS.map((m) => [m.symbol, m] as const))('%s: annualised volatility near its target', (_s, market) => {
    const r = logReturns(history.get(market.symbol)!);
    let s = 0,
      s2 = 0;
    for (const x of r) {
      s += x;
      s2 += x * x;
    }
    const sd = Math.sqrt(s2 / r.length - (s / r.length) ** 2);
    const annual = sd * Math.sqrt(MINUTES_PER_YEAR);
    expect(annual).toBeGreaterThan(market.annualVol * 0.75);
    expect(annual).toBeLessThan(market.annualVol * 1.3);
  });

  it.each(SIM_MARKETS.map((m) => [m.symbol] as const))(
    '%s: visits every regime; bursts are the most volatile',
    (symbol) => {
      const a = history.get(symbol)!;
      const minutes = REGIMES.map(() => 0);
      const sigma = REGIMES.map(() => 0);
      for (let i = 0; i < a.length; i++) {
        minutes[a.regime[i]!]!++;
        sigma[a.regime[i]!]! += a.sigma[i]!;
      }
      for (const count of minutes) expect(count).toBeGreaterThan(a.length * 0.005);
      const meanSigma = sigma.map((s, r) => s / minutes[r]!);
      const burst = REGIMES.indexOf('burst');
      const range = REGIMES.indexOf('range');
      expect(meanSigma[burst]).toBeGreaterThan(2 * meanSigma[range]!);
    },
  );

  it.each(SIM_MARKETS.map((m) => [m.symbol] as const))('%s: trends drift their way', (symbol) => {
    const a = history.get(symbol)!;
    const drift = REGIMES.map(() => 0);
    for (let i = 1; i < a.length; i++) drift[a.regime[i]!]! += Math.log(a.close[i]! / a.open[i]!);
    expect(drift[REGIMES.indexOf('trend_up')]).toBeGreaterThan(0);
    expect(drift[REGIMES.indexOf('trend_down')]).toBeLessThan(0);
  });

  it.each(SIM_MARKETS.map((m) => [m.symbol] as const))('%s: has occasional gaps, mostly in bursts', (symbol) => {
    const a = history.get(symbol)!;
    let gaps = 0;
    for (let i = 1; i < a.length; i++) if (a.open[i] !== a.close[i - 1]) gaps++;
    expect(gaps).toBeGreaterThan(10);
    expect(gaps).toBeLessThan(a.length * 0.01);
  });

  it.each(SIM_MARKETS.map((m) => [m.symbol] as const))('%s: volume rises with absolute returns', (symbol) => {
    const a = history.get(symbol)!;
    const r = logReturns(a);
    expect(correlation(r.map(Math.abs), a.volume.subarray(1))).toBeGreaterThan(0.3);
  });

  it('has intraday seasonality: 15:00 UTC trades more than 03:00 UTC', () => {
    const a = history.get('BTC/USD')!;
    const byHour = new Float64Array(24);
    for (let i = 0; i < a.length; i++) byHour[new Date(a.time[i]!).getUTCHours()]! += a.volume[i]!;
    expect(byHour[15]).toBeGreaterThan(1.5 * byHour[3]!);
  });

  it('continues from a stored close: the next open is that close unless the minute gaps', () => {
    const first = generateCandles({ seed: 9, symbol: 'SOL/USD', start: START, count: 100 });
    const last = arraysToCandles(first).at(-1)!;
    const next = generateCandles({
      seed: 9,
      symbol: 'SOL/USD',
      start: last.time + MINUTE_MS,
      count: 10,
      startPrice: last.close,
    });
    expect(Math.abs(next.open[0]! / last.close - 1)).toBeLessThan(0.01);
    expect(next.time[0]).toBe(last.time + MINUTE_MS);
  });
});
