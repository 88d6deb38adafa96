import { GridStrategy } from '../../../shared/domain/strategy.js';
import { approveAll, type OrderGate } from '../backtest/types.js';
import { allocateColumns, type OhlcvColumns } from '../strategy/columns.js';
import { Rng } from '../simulator/prng.js';
import type { GridContext, GridReading } from './types.js';

/** Helpers for the grid tests: a small grid strategy, readings and candles built by hand. */

export const HOUR = 3_600_000;
export const T0 = Date.UTC(2024, 0, 1);

/** The 1h ATR grid of the sweep tests: 3 levels a side, 1 ATR apart, ATR 14, EMA 20 / 50, 20 % of capital. */
export const ATR_GRID = GridStrategy.parse({
  kind: 'grid',
  name: 'ATR grid',
  symbols: ['BTC/USD'],
  timeframe: '1h',
  riskLevel: 'MEDIUM',
  levelsPerSide: 3,
  spacingAtrMultiple: 1,
  atrPeriod: 14,
  trendFilter: { fastEma: 20, slowEma: 50 },
  capitalPerSymbolPercent: 20,
});

/** Two levels a side, 1 ATR apart, 20 % of capital, fast indicators (ATR 2, EMA 2 / 3). */
export function smallGrid(overrides: Partial<GridStrategy> = {}): GridStrategy {
  return GridStrategy.parse({
    kind: 'grid',
    name: 'test grid',
    symbols: ['BTC/USD'],
    timeframe: '1h',
    riskLevel: 'MEDIUM',
    levelsPerSide: 2,
    spacingAtrMultiple: 1,
    atrPeriod: 2,
    trendFilter: { fastEma: 2, slowEma: 3 },
    capitalPerSymbolPercent: 20,
    ...overrides,
  });
}

export function context(strategy: GridStrategy, equity = 10_000, gate: OrderGate = approveAll): GridContext {
  return { strategy, symbol: 'BTC/USD', equity, gate };
}

/** A reading at close `index` (defaults: close 100, ATR 2 steady, EMAs equal). */
export function reading(index: number, values: Partial<GridReading> = {}): GridReading {
  return {
    index,
    time: T0 + (index + 1) * HOUR,
    close: 100,
    atr: 2,
    prevAtr: 2,
    emaFast: 100,
    emaSlow: 100,
    ...values,
  };
}

/** Hourly candles from [open, high, low, close] rows (volume 1), opening at T0, T0 + 1h, ... */
export function hourly(rows: ReadonlyArray<readonly [number, number, number, number]>): OhlcvColumns {
  const c = allocateColumns(rows.length);
  rows.forEach(([o, h, l, cl], i) => {
    c.time[i] = T0 + i * HOUR;
    c.open[i] = o;
    c.high[i] = h;
    c.low[i] = l;
    c.close[i] = cl;
    c.volume[i] = 1;
  });
  return c;
}

/** A seeded random walk of `count` candles of `candleMs` (about 0.3 % per candle, wicks included). */
export function randomWalk(seed: string, count: number, candleMs: number, start = 30_000): OhlcvColumns {
  const rng = new Rng(seed);
  const c = allocateColumns(count);
  let price = start;
  for (let i = 0; i < count; i++) {
    const open = price;
    const close = open * Math.exp(0.003 * rng.normal());
    const wick = () => Math.abs(0.0015 * rng.normal());
    c.time[i] = T0 + i * candleMs;
    c.open[i] = open;
    c.close[i] = close;
    c.high[i] = Math.max(open, close) * (1 + wick());
    c.low[i] = Math.min(open, close) * (1 - wick());
    c.volume[i] = 1;
    price = close;
  }
  return c;
}
