import { describe, expect, it } from 'vitest';
import { Strategy, type StrategyInput } from '../../../shared/domain/strategy.js';
import { atr, macd, rsi, sma } from '../../../shared/indicators/index.js';
import { hourly } from '../backtest/test-helpers.js';
import type { OhlcvColumns } from './columns.js';
import { compileStrategy, evaluateSignals, signalAt, type StrategyProgram } from './program.js';

function program(overrides: Partial<StrategyInput>): StrategyProgram {
  const strategy = Strategy.parse({
    name: 't',
    symbols: ['BTC/USD'],
    timeframe: '1h',
    entryConditions: ['Price > 0'],
    exitConditions: [],
    stopLossPercent: 2,
    takeProfitPercent: 4,
    positionSizePercent: 10,
    riskLevel: 'LOW',
    ...overrides,
  });
  const r = compileStrategy(strategy);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.program;
}

/** Candles from closes (open = previous close, high/low 0.5 around, volume from `volumes`). */
function fromCloses(closes: readonly number[], volumes?: readonly number[]): OhlcvColumns {
  const c = hourly(
    closes.map((cl, i) => {
      const o = i === 0 ? cl : closes[i - 1]!;
      return [o, Math.max(o, cl) + 0.5, Math.min(o, cl) - 0.5, cl] as const;
    }),
  );
  if (volumes) c.volume.set(volumes);
  return c;
}

const entries = (p: StrategyProgram, c: OhlcvColumns) => Array.from(evaluateSignals(p, c).entry);
const indexes = (a: ArrayLike<number>) => Array.from(a).flatMap((v, i) => (v === 1 ? [i] : []));

/** A wavy series, long enough for every indicator. */
const wave = Array.from({ length: 300 }, (_, i) => 100 + 8 * Math.sin(i / 7) + 3 * Math.sin(i / 2.1) + i * 0.02);
const waveCandles = fromCloses(
  wave,
  wave.map((_, i) => 10 + 9 * Math.sin(i / 3) ** 2 + (i % 17 === 0 ? 60 : 0)),
);

describe('signals', () => {
  it('A crosses above B at i when A[i] > B[i] and A[i-1] <= B[i-1]; below the mirror image', () => {
    // SMA(2) of closes 10, 10, 10, 12, 8, 8, 8, 12: NaN, 10, 10, 11, 10, 8, 8, 10; SMA(3): NaN, NaN, 10, 10.67, 10, 9.33, 8, 9.33.
    const c = fromCloses([10, 10, 10, 12, 8, 8, 8, 12]);
    const above = program({
      entryConditions: ['SMA(2) crosses above SMA(3)'],
      exitConditions: ['SMA(2) crosses below SMA(3)'],
    });
    const s = evaluateSignals(above, c);
    // At 3: 11 > 10.67 and 10 <= 10 (equal before counts): cross above. At 5: 8 < 9.33 and 10 >= 10: cross below.
    // At 7: 10 > 9.33 and 8 <= 8: cross above. Candle 2 is not ready (SMA(3) at 1 is missing).
    expect(indexes(s.entry)).toEqual([3, 7]);
    expect(indexes(s.exit)).toEqual([5]);
    expect(s.firstReady).toBe(3);
    // The named form means the same.
    expect(entries(program({ entryConditions: ['SMA_2_crossover_SMA_3'] }), c)).toEqual(Array.from(s.entry));
  });

  it('no signal until every value the strategy reads is known, even through NOT', () => {
    const p = program({ entryConditions: ['NOT (RSI < 30)'], exitConditions: ['Price > SMA(50)'] });
    const s = evaluateSignals(p, waveCandles);
    // RSI(14) starts at index 14, SMA(50) at 49: nothing before 49, although NOT(RSI < 30) holds earlier.
    expect(s.firstReady).toBe(49);
    expect(indexes(s.entry)[0]).toBe(49);
    expect(p.warmupCandles).toBe(49);
  });

  it('each named condition means what it says, on real indicator values', () => {
    const close = waveCandles.close;
    const check = (text: string, expected: (i: number) => boolean) => {
      const s = evaluateSignals(program({ entryConditions: [text] }), waveCandles);
      for (let i = s.firstReady; i < s.length; i++) expect(s.entry[i] === 1, `${text} at ${i}`).toBe(expected(i));
      expect(s.entry.includes(1) && s.entry.includes(0), `${text} both holds and fails somewhere`).toBe(true);
    };
    const r14 = rsi(close, 14);
    check('RSI_oversold', (i) => r14[i]! < 30);
    check('RSI(7) > 65', (i) => rsi(close, 7)[i]! > 65);
    const m = macd(close);
    check('MACD_positive', (i) => m.macd[i]! > 0);
    check('MACD_crossover', (i) => m.macd[i]! > m.signal[i]! && m.macd[i - 1]! <= m.signal[i - 1]!);
    const a = atr(waveCandles.high, waveCandles.low, close, 14);
    check('ATR > 1.9', (i) => (a[i]! / close[i]!) * 100 > 1.9);
    check('Momentum > 3%', (i) => (close[i]! / close[i - 10]! - 1) * 100 > 3);
    const vAvg = sma(waveCandles.volume, 20);
    check('Volume > average', (i) => waveCandles.volume[i]! > vAvg[i]!);
    check('Volume_high', (i) => waveCandles.volume[i]! > 2 * vAvg[i]!);
    check('Price_near_high', (i) => {
      let hh = -Infinity;
      for (let j = i - 23; j <= i; j++) hh = Math.max(hh, waveCandles.high[j]!);
      return close[i]! >= 0.99 * hh;
    });
  });

  it('Price_near_high needs 24 hours of data: 24 hourly candles', () => {
    const s = evaluateSignals(program({ entryConditions: ['Price_near_high'] }), waveCandles);
    expect(s.firstReady).toBe(23);
  });

  it('a regime filter blocks entries outside the allowed regimes and during its warm-up', () => {
    const p = program({ entryConditions: ['Price > 0'], regimeFilter: ['TRENDING_BULLISH'] });
    const s = evaluateSignals(p, waveCandles);
    expect(s.firstReady).toBe(113);
    for (let i = 0; i < s.length; i++) expect(s.entry[i]).toBe(s.regime![i] === 0 ? 1 : 0);
  });

  it('signalAt reads the decision at the last closed candle, as live trading does', () => {
    const p = program({ entryConditions: ['RSI < 50'], exitConditions: ['RSI > 50'] });
    const s = evaluateSignals(p, waveCandles);
    const last = signalAt(s);
    expect(last).toEqual({ entry: s.entry.at(-1) === 1, exit: s.exit.at(-1) === 1, ready: true });
    expect(last.entry).not.toBe(last.exit);
  });
});
