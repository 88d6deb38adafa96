/**
 * Market data from the local Kraken-compatible server as the order and risk tests (and benches)
 * use it: ccxt polling its REST API with no rate limit or retries, and the order service's price feed over it.
 */
import { systemClock } from '../../../../adapters/clock/system-clock.js';
import { systemScheduler } from '../../../../adapters/clock/system-scheduler.js';
import { createCcxtSource, type CcxtMarketSource } from '../../../../adapters/market/ccxt-source.js';
import { createMarketFeed, type MarketFeed } from '../market-feed.js';
import { createMemoryLogger } from './memory-logger.js';

export function pollingKrakenFeed(baseUrl: string): { source: CcxtMarketSource; feed: MarketFeed } {
  const source = createCcxtSource({
    exchangeId: 'kraken',
    baseUrl,
    clock: systemClock,
    transport: 'poll',
    rateLimitMs: 1,
    retries: 0,
  });
  const feed = createMarketFeed(
    { source: () => source, book: (s, d) => source.fetchBook(s, d) },
    systemScheduler,
    createMemoryLogger(),
  );
  return { source, feed };
}
