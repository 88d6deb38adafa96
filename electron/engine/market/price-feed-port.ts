import type { BookTop, MarketInfo } from '../../../shared/domain/market.js';

/** The best bid and ask (and last trade) of a market at a moment: what triggers and resting orders watch. */
export type FeedQuote = Readonly<{ symbol: string; bid: number; ask: number; last: number; time: number }>;

/**
 * Prices as order execution needs them: the book to fill against, quotes as they arrive, and the
 * markets' trading rules. In the app it is the active market-data source (the simulator, or an
 * exchange through ccxt); in tests and benchmarks a book model.
 */
export type PriceFeed = {
  /** Which source answers now: 'simulator' or a ccxt exchange id. */
  sourceId(): string;
  book(symbol: string, depth: number): Promise<BookTop>;
  /** Quotes for one symbol as they arrive; returns the unsubscribe function. */
  onQuote(symbol: string, listener: (quote: FeedQuote) => void): () => void;
  markets(): Promise<MarketInfo[]>;
};
