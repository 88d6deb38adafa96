/**
 * Data and helpers for bench/candles.ts: realistic 1-minute BTC candles from the simulator's generator
 * (prices on the 0.1 USD step, amounts on 1e-8 BTC, as Kraken quotes them), the old row table filled
 * straight from typed arrays, and a timer.
 */
import { performance } from 'node:perf_hooks';
import type { Database } from '../../electron/persistence/database.js';
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

const BATCH = 64;

/** Writes `count` simulated minutes of one series into the old `candles` table (schema 3..11), in one transaction. */
export function fillRowTable(db: Database, symbol: string, count: number, seed: number): void {
  const sql = `INSERT INTO candles (source, symbol, timeframe, time, open, high, low, close, volume) VALUES ${Array.from(
    { length: BATCH },
    () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).join(', ')}`;
  const batch = db.prepare<unknown[]>(sql);
  const args = new Array<unknown>(BATCH * 9);
  const CHUNK = 1_048_576; // a multiple of BATCH: generated this many at a time
  db.transaction(() => {
    for (let done = 0; done < count; done += CHUNK) {
      const n = Math.min(CHUNK, count - done);
      const a = simulatedMinutes(n, START + done * M, seed);
      for (let i = 0; i + BATCH <= n; i += BATCH) {
        for (let k = 0, j = 0; k < BATCH; k++) {
          args[j++] = 'bench';
          args[j++] = symbol;
          args[j++] = '1m';
          args[j++] = a.time[i + k];
          args[j++] = a.open[i + k];
          args[j++] = a.high[i + k];
          args[j++] = a.low[i + k];
          args[j++] = a.close[i + k];
          args[j++] = a.volume[i + k];
        }
        batch.run(args);
      }
      if (n % BATCH !== 0) throw new Error('fillRowTable needs a count that is a multiple of 64');
    }
  })();
}

/** Whether two column sets hold the same candles, value for value. */
export function sameColumns(a: CandleColumnArrays, b: CandleColumnArrays): boolean {
  if (a.time.length !== b.time.length) return false;
  for (const k of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    for (let i = 0; i < a.time.length; i++) if (!Object.is(a[k][i], b[k][i])) return false;
  }
  return true;
}
