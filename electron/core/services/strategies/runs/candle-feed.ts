/**
 * Closed candles for the runs, straight from the market service's active source (not through
 * market.watch, whose few slots the charts share and may take back). When the market source is
 * switched (a 'market.status' event follows), every subscription moves to the new source.
 */
import type { Candle, Timeframe } from '../../../../../shared/domain/market.js';
import type { MarketDataSource } from '../../../../engine/market/market-data-port.js';
import type { Logger } from '../../../../logging/types.js';

export type CandleFeed = {
  /** Calls `onClosed` with each closed candle of the series; returns the unsubscribe. */
  subscribe(symbol: string, timeframe: Timeframe, onClosed: (candle: Candle) => void): () => void;
  /** The market source may have changed: move the subscriptions. */
  refresh(): void;
  close(): void;
};

type Subscription = {
  symbol: string;
  timeframe: Timeframe;
  onClosed: (candle: Candle) => void;
  source: MarketDataSource | null;
  stop: (() => void) | null;
};

export function createCandleFeed(source: () => MarketDataSource, logger: Logger): CandleFeed {
  const subs = new Set<Subscription>();

  function attach(sub: Subscription): void {
    const current = source();
    if (sub.source === current && sub.stop) return;
    sub.stop?.();
    sub.source = current;
    try {
      sub.stop = current.subscribe(sub.symbol, sub.timeframe, (event) => {
        if (event.type === 'candle' && event.closed) sub.onClosed(event.candle);
      });
    } catch (error) {
      sub.stop = null;
      logger.error('strategy', `no candles for ${sub.symbol} ${sub.timeframe} from ${current.id}`, { error });
    }
  }

  return {
    subscribe(symbol, timeframe, onClosed) {
      const sub: Subscription = { symbol, timeframe, onClosed, source: null, stop: null };
      subs.add(sub);
      attach(sub);
      return () => {
        sub.stop?.();
        subs.delete(sub);
      };
    },
    refresh() {
      for (const sub of subs) attach(sub);
    },
    close() {
      for (const sub of subs) sub.stop?.();
      subs.clear();
    },
  };
}
