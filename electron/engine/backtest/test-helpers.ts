import { Strategy, type StrategyInput } from '../../../shared/domain/strategy.js';
import { allocateColumns, type OhlcvColumns } from '../strategy/columns.js';
import type { Signals } from '../strategy/program.js';

/** Helpers for tests: hand-made candles and signals. */

export const HOUR = 3_600_000;
export const T0 = Date.UTC(2024, 0, 1);

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

/** Signals given by candle index: entries at `entries`, exits at `exits`, every candle ready. */
export function signalsAt(length: number, entries: readonly number[], exits: readonly number[] = []): Signals {
  const entry = new Uint8Array(length);
  const exit = new Uint8Array(length);
  for (const i of entries) entry[i] = 1;
  for (const i of exits) exit[i] = 1;
  return { length, entry, exit, ready: new Uint8Array(length).fill(1), firstReady: 0, regime: null, atrPercent: null };
}

/** A valid 1h strategy (its conditions do not matter when signals are given). */
export function testStrategy(overrides: Partial<StrategyInput> = {}): Strategy {
  return Strategy.parse({
    name: 'test',
    symbols: ['BTC/USD'],
    timeframe: '1h',
    entryConditions: ['Price > SMA(2)'],
    exitConditions: ['Price < SMA(2)'],
    stopLossPercent: 2,
    takeProfitPercent: 4,
    positionSizePercent: 10,
    riskLevel: 'MEDIUM',
    ...overrides,
  });
}
