import type { Timeframe } from '../../../../shared/domain/market.js';
import type { MarketEvent } from '../../../engine/market/market-data-port.js';
import type { LiveBucket } from './live-bucket.js';

export type Listener = (event: MarketEvent) => void;

/** Everyone listening to one (symbol, timeframe); `bucket` builds its candles when coarser than the feed's own. */
export type Subscription = {
  symbol: string;
  timeframe: Timeframe;
  listeners: Set<Listener>;
  bucket: LiveBucket | null;
};

export type Subscriptions = {
  /** Adds a listener; `bucket` is called once when the (symbol, timeframe) gets its first listener. */
  add(symbol: string, timeframe: Timeframe, listener: Listener, bucket: () => LiveBucket | null): () => void;
  all(): IterableIterator<Subscription>;
  /** Delivers to each listener of `sub`; a listener that throws is reported and does not stop the others. */
  emit(sub: Subscription, event: MarketEvent): void;
  broadcast(event: MarketEvent): void;
  clear(): void;
};

export function createSubscriptions(onListenerError: (error: unknown) => void): Subscriptions {
  const subs = new Map<string, Subscription>();

  function emit(sub: Subscription, event: MarketEvent): void {
    for (const listener of sub.listeners) {
      try {
        listener(event);
      } catch (error) {
        onListenerError(error);
      }
    }
  }

  return {
    add(symbol, timeframe, listener, bucket) {
      const key = `${symbol}|${timeframe}`;
      let sub = subs.get(key);
      if (!sub) {
        sub = { symbol, timeframe, listeners: new Set(), bucket: bucket() };
        subs.set(key, sub);
      }
      sub.listeners.add(listener);
      const own = sub;
      return () => {
        own.listeners.delete(listener);
        if (own.listeners.size === 0 && subs.get(key) === own) subs.delete(key);
      };
    },
    all: () => subs.values(),
    emit,
    broadcast(event) {
      for (const sub of subs.values()) emit(sub, event);
    },
    clear: () => subs.clear(),
  };
}
