/**
 * Every live subscription to a market source, whoever made it (the charts through market.watch,
 * the strategy runs' candle feed, the order service's quotes), for the system status: each
 * symbol and timeframe with its subscribers, its last closed candle and its state. The tracked
 * source is the source itself with `subscribe` counted; everything else passes through.
 */
import { TIMEFRAME_MS, type Timeframe } from '../../../shared/domain/market.js';
import type { FeedState } from '../../../shared/domain/system-status.js';
import type { MarketDataSource } from '../../engine/market/market-data-port.js';

export type TrackedFeed = {
  symbol: string;
  timeframe: Timeframe;
  /** Open time of the last closed candle received, UTC ms; null before the first. */
  lastCandleTime: number | null;
  state: FeedState;
  subscribers: number;
};

type Entry = { symbol: string; timeframe: Timeframe; subscribers: number; lastCandleTime: number | null };

/** A feed whose last closed candle closed more than this many candles ago is stale. */
const STALE_AFTER_CANDLES = 2;

export function trackFeeds(
  raw: MarketDataSource,
  clockNow: () => number,
): { source: MarketDataSource; feeds(): TrackedFeed[] } {
  const entries = new Map<string, Entry>();

  function subscribe(...[symbol, timeframe, listener]: Parameters<MarketDataSource['subscribe']>): () => void {
    const key = `${symbol}|${timeframe}`;
    const entry = entries.get(key) ?? { symbol, timeframe, subscribers: 0, lastCandleTime: null };
    entries.set(key, entry);
    entry.subscribers++;
    const release = () => {
      entry.subscribers--;
      if (entry.subscribers <= 0 && entries.get(key) === entry) entries.delete(key);
    };
    let stop: () => void;
    try {
      stop = raw.subscribe(symbol, timeframe, (event) => {
        if (event.type === 'candle' && event.closed) {
          entry.lastCandleTime = Math.max(entry.lastCandleTime ?? event.candle.time, event.candle.time);
        }
        listener(event);
      });
    } catch (error) {
      release();
      throw error;
    }
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      stop();
      release();
    };
  }

  const source = new Proxy(raw, {
    get(target, prop) {
      if (prop === 'subscribe') return subscribe;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });

  function stateOf(e: Entry): FeedState {
    const sourceState = raw.status().state;
    if (sourceState !== 'live') return sourceState;
    if (e.lastCandleTime === null) return 'waiting';
    const span = TIMEFRAME_MS[e.timeframe];
    const now = raw.now?.() ?? clockNow();
    return now - (e.lastCandleTime + span) > STALE_AFTER_CANDLES * span ? 'stale' : 'live';
  }

  return {
    source,
    feeds: () =>
      [...entries.values()]
        .sort((a, b) => a.symbol.localeCompare(b.symbol) || TIMEFRAME_MS[a.timeframe] - TIMEFRAME_MS[b.timeframe])
        .map((e) => ({
          symbol: e.symbol,
          timeframe: e.timeframe,
          lastCandleTime: e.lastCandleTime,
          state: stateOf(e),
          subscribers: e.subscribers,
        })),
  };
}
