import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/market.js';
import { Strategy } from '../../../shared/domain/strategy.js';
import { columnsFromCandles } from '../backtest/candles.js';
import { resampleClosed } from '../market/resample.js';
import { arraysToCandles } from '../simulator/candle-arrays.js';
import { generateCandles } from '../simulator/price-process.js';
import { sliceColumns, type OhlcvColumns } from './columns.js';
import { alignToBase, closedIndexMap, resampleColumns } from './confirm-timeframe.js';
import { compileStrategy, evaluateSignals } from './program.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const START = Date.UTC(2024, 2, 1, 0, 0);

function toCandles(c: OhlcvColumns): Candle[] {
  return Array.from({ length: c.length }, (_, i) => ({
    time: c.time[i]!,
    open: c.open[i]!,
    high: c.high[i]!,
    low: c.low[i]!,
    close: c.close[i]!,
    volume: c.volume[i]!,
  }));
}

describe('confirm timeframes', () => {
  // Three days of simulated 1m candles, with an outage (minutes 500-700 missing) and scattered holes.
  const minutes = arraysToCandles(
    generateCandles({ seed: 7, symbol: 'BTC/USD', start: START, count: 3 * 1440 + 37 }),
  ).filter((_, i) => !(i >= 500 && i < 700) && i % 97 !== 5);
  const base = columnsFromCandles(minutes);

  it.each([
    ['5m', 5 * MIN],
    ['1h', HOUR],
    ['4h', 4 * HOUR],
    ['1d', 24 * HOUR],
  ])('resampling to %s agrees with market/resample.ts (closed buckets only, gaps stay gaps)', (_, ms) => {
    const asOf = base.time[base.length - 1]! + MIN;
    expect(toCandles(resampleColumns(base, MIN, ms))).toEqual(resampleClosed(minutes, { from: '1m', to: ms, asOf }));
  });

  it('maps each base candle to the last coarse candle closed at or before its close', () => {
    const hours = Float64Array.from({ length: 16 }, (_, i) => START + i * HOUR);
    const fourHours = Float64Array.from([START, START + 4 * HOUR, START + 8 * HOUR]);
    const map = closedIndexMap(hours, HOUR, fourHours, 4 * HOUR);
    // 1h candles closing at 01:00..03:00 see nothing; 04:00 to 07:00 the 00:00-04:00 candle; the one
    // closing at 10:00 (09:00-10:00) sees 04:00-08:00; at 12:00 the 08:00-12:00 candle has just closed.
    expect(Array.from(map)).toEqual([-1, -1, -1, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
    expect(Array.from(alignToBase(map, Float64Array.from([7, 8, 9])).slice(0, 5))).toEqual([NaN, NaN, NaN, 7, 7]);
  });

  it('no lookahead: a signal at candle k is the same whatever comes after k', () => {
    const strategy = Strategy.parse({
      name: 'mtf',
      symbols: ['BTC/USD'],
      timeframe: '1m',
      confirmTimeframes: ['15m', '1h'],
      entryConditions: ['RSI@15m > 50', 'Price > SMA(5)@1h'],
      exitConditions: ['RSI_overbought@15m', 'EMA(3)@1h crosses below SMA(3)@1h'],
      stopLossPercent: 2,
      takeProfitPercent: 4,
      positionSizePercent: 10,
      riskLevel: 'LOW',
    });
    const compiled = compileStrategy(strategy);
    if (!compiled.ok) throw new Error('does not compile');
    const full = evaluateSignals(compiled.program, base);
    expect(full.entry.includes(1) && full.exit.includes(1)).toBe(true);
    for (const k of [400, 1000, 1234, 2500, base.length - 1]) {
      const partial = evaluateSignals(compiled.program, sliceColumns(base, k));
      expect(Array.from(partial.entry)).toEqual(Array.from(full.entry.subarray(0, k)));
      expect(Array.from(partial.exit)).toEqual(Array.from(full.exit.subarray(0, k)));
    }
  });
});
