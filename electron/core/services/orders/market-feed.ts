/**
 * The PriceFeed order execution uses in the app: the market service's active source (the
 * simulator, or an exchange through ccxt). Quote subscriptions follow the source: when the user
 * switches it, they move to the new one (checked every few seconds), so resting simulated orders
 * and armed stops keep watching.
 */
import type { FeedQuote, PriceFeed } from '../../../engine/market/price-feed-port.js';
import type { MarketDataSource } from '../../../engine/market/market-data-port.js';
import type { Scheduler, TimerHandle } from '../../../engine/scheduler.js';
import type { Logger } from '../../../logging/types.js';
import type { MarketService } from '../market-service.js';

const RECHECK_MS = 3_000;

type Watch = { listeners: Set<(q: FeedQuote) => void>; source: MarketDataSource | null; stop: () => void };

export type MarketFeed = PriceFeed & { close(): void };

export function createMarketFeed(
  market: Pick<MarketService, 'source' | 'book'>,
  scheduler: Scheduler,
  logger: Logger,
): MarketFeed {
  const watches = new Map<string, Watch>();
  let timer: TimerHandle | null = null;

  function attach(symbol: string, watch: Watch): void {
    watch.stop();
    const source = market.source();
    watch.source = source;
    try {
      watch.stop = source.subscribe(symbol, '1m', (event) => {
        if (event.type !== 'ticker') return;
        const t = event.ticker;
        const quote: FeedQuote = { symbol, bid: t.bid, ask: t.ask, last: t.last, time: t.time };
        for (const listener of [...watch.listeners]) listener(quote);
      });
    } catch (error) {
      watch.stop = () => undefined;
      logger.warn('orders', `quotes for ${symbol} are not available from ${source.id}`, { error, symbol });
    }
  }

  function recheck(): void {
    timer = null;
    for (const [symbol, watch] of watches) if (watch.source !== market.source()) attach(symbol, watch);
    if (watches.size > 0) timer = scheduler.setTimeout(recheck, RECHECK_MS);
  }

  return {
    sourceId: () => market.source().id,
    book: (symbol, depth) => market.book(symbol, depth),
    markets: () => market.source().markets(),
    onQuote(symbol, listener) {
      let watch = watches.get(symbol);
      if (!watch) {
        watch = { listeners: new Set(), source: null, stop: () => undefined };
        watches.set(symbol, watch);
        attach(symbol, watch);
      }
      watch.listeners.add(listener);
      if (timer === null) timer = scheduler.setTimeout(recheck, RECHECK_MS);
      const owned = watch;
      return () => {
        owned.listeners.delete(listener);
        if (owned.listeners.size > 0) return;
        owned.stop();
        watches.delete(symbol);
      };
    },
    close() {
      for (const watch of watches.values()) watch.stop();
      watches.clear();
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
    },
  };
}
