/**
 * A PriceFeed on the simulator's book model (engine/simulator/order-book.ts) around mids that a
 * test sets or that walk randomly: books and quotes without generating candle history. For
 * tests, the crash test and the benchmarks; the app uses the active market source instead.
 */
import { SIM_MARKETS, toMarketInfo } from '../../../engine/simulator/sim-markets.js';
import type { Clock } from '../../../engine/clock.js';
import type { FeedQuote, PriceFeed } from '../../../engine/market/price-feed-port.js';
import { createBookModel } from '../../../engine/simulator/order-book.js';
import { rngFor } from '../../../engine/simulator/prng.js';
import type { BookTop } from '../../../../shared/domain/market.js';

export type ModelFeed = PriceFeed & {
  setMid(symbol: string, mid: number): void;
  mid(symbol: string): number;
  /** Moves every walking mid one step and sends a quote to every listener. */
  tick(): void;
  /** How many symbols have listeners. */
  watched(): number;
};

export type ModelFeedOptions = {
  clock: Clock;
  seed?: number;
  /** 1-minute sigma used for the spread and the depth (default 0.0008). */
  vol?: number;
  /** Per-tick sigma of the random walk of the mids (default 0: mids move only by setMid). */
  walk?: number;
  /** Book a feed answers for a symbol it does not model (default: the simulator's markets only). */
  sourceId?: string;
};

export function createModelFeed(o: ModelFeedOptions): ModelFeed {
  const seed = o.seed ?? 1;
  const vol = o.vol ?? 0.0008;
  const model = createBookModel(seed);
  const rng = rngFor('model-feed', seed);
  const mids = new Map(SIM_MARKETS.map((m) => [m.symbol, m.referencePrice]));
  const listeners = new Map<string, Set<(q: FeedQuote) => void>>();

  const bookOf = (symbol: string, depth: number): BookTop => {
    const mid = mids.get(symbol);
    if (mid === undefined) throw new RangeError(`the model feed has no market "${symbol}"`);
    return model.bookAt(symbol, o.clock.now(), mid, vol, depth);
  };

  const quote = (symbol: string): FeedQuote => {
    const top = bookOf(symbol, 1);
    const bid = top.bids[0]?.[0] ?? mids.get(symbol)!;
    const ask = top.asks[0]?.[0] ?? mids.get(symbol)!;
    return { symbol, bid, ask, last: mids.get(symbol)!, time: o.clock.now() };
  };

  return {
    sourceId: () => o.sourceId ?? 'simulator',
    book: async (symbol, depth) => bookOf(symbol, depth),
    markets: async () => SIM_MARKETS.map(toMarketInfo),
    onQuote(symbol, listener) {
      const set = listeners.get(symbol) ?? new Set();
      set.add(listener);
      listeners.set(symbol, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(symbol);
      };
    },
    setMid(symbol, mid) {
      mids.set(symbol, mid);
    },
    mid: (symbol) => mids.get(symbol) ?? Number.NaN,
    tick() {
      if (o.walk) for (const [symbol, mid] of mids) mids.set(symbol, mid * Math.exp(o.walk * rng.normal()));
      for (const [symbol, set] of [...listeners]) {
        const q = quote(symbol);
        for (const listener of [...set]) listener(q);
      }
    },
    watched: () => listeners.size,
  };
}
