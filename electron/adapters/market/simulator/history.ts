import type { Candle } from '../../../../shared/domain/market.js';
import type { CandleStore } from '../../../engine/market/candle-store-port.js';
import { allocateCandleArrays, arraysToCandles } from '../../../engine/simulator/candle-arrays.js';
import { createPriceProcess, MINUTE_MS, type PriceProcess } from '../../../engine/simulator/price-process.js';

export const SIMULATOR_SOURCE = 'simulator';
/** Candles are generated and written this many at a time (one transaction each). */
const WRITE_CHUNK = 43_200;

export type PreparedHistory = {
  /** Positioned at the minute after the last stored one: the first minute to run live. */
  process: PriceProcess;
  /** Candles generated and stored now (0 when the store was already up to date). */
  generated: number;
};

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Generates `count` minutes from the process and stores them, a chunk per transaction, letting
 * the event loop run between chunks (the first start writes about 2 s of candles; IPC stays live).
 */
async function generateInto(store: CandleStore, process: PriceProcess, count: number): Promise<Candle | null> {
  let last: Candle | null = null;
  for (let done = 0; done < count; done += WRITE_CHUNK) {
    if (done > 0) await yieldToEventLoop();
    const n = Math.min(WRITE_CHUNK, count - done);
    const arrays = allocateCandleArrays(n);
    process.fill(arrays, 0, n);
    const candles = arraysToCandles(arrays);
    store.upsert(SIMULATOR_SOURCE, process.market.symbol, '1m', candles);
    last = candles[n - 1] ?? last;
  }
  return last;
}

/**
 * Brings the stored 1-minute history of one simulated market up to `lastClosed` (the open time of
 * the last closed minute):
 * - nothing stored: `historyDays` of candles ending at `lastClosed`;
 * - stored up to an earlier minute: continues from the last stored close up to `lastClosed` (the
 *   first new open is that close). A gap longer than `historyDays` is not filled minute by minute:
 *   the new candles cover the last `historyDays` and still start from the stored close;
 * - stored up to `lastClosed` or later (an earlier run at speed > 1): nothing to do.
 */
export async function prepareHistory(options: {
  store: CandleStore;
  seed: number;
  symbol: string;
  lastClosed: number;
  historyDays: number;
}): Promise<PreparedHistory> {
  const { store, seed, symbol, lastClosed, historyDays } = options;
  const historyMinutes = Math.round(historyDays * 1440);
  const latest = store.latest(SIMULATOR_SOURCE, symbol, '1m');
  if (!latest) {
    const start = lastClosed - (historyMinutes - 1) * MINUTE_MS;
    const process = createPriceProcess({ seed, symbol, start });
    await generateInto(store, process, historyMinutes);
    return { process, generated: historyMinutes };
  }
  const next = latest.time + MINUTE_MS;
  const missing = Math.max(0, Math.round((lastClosed - latest.time) / MINUTE_MS));
  const count = Math.min(missing, historyMinutes);
  const start = count < missing ? lastClosed - (count - 1) * MINUTE_MS : next;
  const process = createPriceProcess({ seed, symbol, start, startPrice: latest.close });
  await generateInto(store, process, count);
  return { process, generated: count };
}
