import type { Candle } from '../../../../shared/domain/market.js';
import { createManualScheduler, type ManualScheduler } from '../../../engine/scheduler.js';
import { createCcxtSource, type CcxtMarketSource, type CcxtSourceOptions } from '../ccxt-source.js';
import { startKrakenServer, type KrakenServer } from './kraken-server.js';

/** Test kit: a Kraken test server and ccxt sources pointed at it, on one virtual clock. */

export const MINUTE = 60_000;

/** `count` 1m candles whose last one opens at `lastOpen`; prices rise by 1 per minute from `base`. */
export function minuteSeries(lastOpen: number, count: number, base = 100): Candle[] {
  return Array.from({ length: count }, (_, i) => {
    const time = lastOpen - (count - 1 - i) * MINUTE;
    const open = base + i;
    return { time, open, high: open + 2, low: open - 1, close: open + 1, volume: 1 + (i % 5) };
  });
}

/**
 * Awaits `promise` while running the virtual timers it waits on (retry backoff), so tests of
 * bounded retries take milliseconds. Only for tests without a running subscription.
 */
export async function drive<T>(promise: Promise<T>, scheduler: ManualScheduler): Promise<T> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    if (!settled) scheduler.runNext();
  }
  return promise;
}

export type KrakenFixture = {
  server: KrakenServer;
  scheduler: ManualScheduler;
  /** A ccxt kraken source on the test server: polling, 1 ms rate limit, short timeouts. */
  source(options?: Partial<CcxtSourceOptions>): CcxtMarketSource;
  close(): Promise<void>;
};

export async function startKrakenFixture(start: number): Promise<KrakenFixture> {
  const scheduler = createManualScheduler(start);
  const server = await startKrakenServer({ clock: scheduler.clock });
  const sources: CcxtMarketSource[] = [];
  return {
    server,
    scheduler,
    source(options = {}) {
      const source = createCcxtSource({
        exchangeId: 'kraken',
        baseUrl: server.url,
        clock: scheduler.clock,
        scheduler,
        transport: 'poll',
        rateLimitMs: 1,
        timeoutMs: 2_000,
        pollMs: 10_000,
        random: () => 0,
        ...options,
      });
      sources.push(source);
      return source;
    },
    async close() {
      await Promise.all(sources.map((s) => s.close()));
      await server.close();
    },
  };
}
