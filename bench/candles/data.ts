/**
 * Data and helpers for bench/candles.ts: realistic 1-minute BTC candles from the simulator's generator
 * (prices on the 0.1 USD step, amounts on 1e-8 BTC, as Kraken quotes them)
 * and a timer (the old row table is filled by electron/persistence/testing/row-table.ts).
 */
import { performance } from 'node:perf_hooks';
import type { CandleColumnArrays } from '../../electron/engine/market/candle-cache-port.js';
import { arraysToCandles, type CandleArrays } from '../../electron/engine/simulator/candle-arrays.js';
import { generateCandles } from '../../electron/engine/simulator/price-process.js';
import type { Candle } from '../../shared/domain/market.js';

export const START = Date.UTC(2022, 0, 1);
export const M = 60_000;

export function simulatedMinutes(count: number, start = START, seed = 1): CandleArrays {
  return generateCandles({ seed, symbol: 'BTC/USD', start, count });
}

export function simulatedCandles(count: number, start = START, seed = 1): Candle[] {
  return arraysToCandles(simulatedMinutes(count, start, seed));
}

/** Prices that are on no decimal grid (a sine wave in float64): the block store's exact fallback. */
export function offGridCandles(count: number): Candle[] {
  const out = new Array<Candle>(count);
  let price = 30_000;
  for (let i = 0; i < count; i++) {
    const open = price;
    price = Math.max(1, price + Math.sin(i / 37) * 5 + ((i * 7919) % 13) - 6);
    const high = Math.max(open, price) + (i % 5);
    const low = Math.min(open, price) - (i % 3);
    out[i] = { time: START + i * M, open, high, low, close: price, volume: (i % 17) + 0.5 };
  }
  return out;
}

/** Wall time and this process's CPU time of `fn` (on a busy machine the CPU time shows the cost of the code). */
export function time<T>(fn: () => T): { ms: number; cpuMs: number; value: T } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}

/** Whether two column sets hold the same candles, value for value. */
export function sameColumns(a: CandleColumnArrays, b: CandleColumnArrays): boolean {
  if (a.time.length !== b.time.length) return false;
  for (const k of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    for (let i = 0; i < a.time.length; i++) if (!Object.is(a[k][i], b[k][i])) return false;
  }
  return true;
}
