import type { BookTop, Candle, FeedStatus, MarketInfo, Ticker, Timeframe } from '../../../shared/domain/market.js';

/** A live or replayed update from a market data source. */
export type MarketEvent =
  | { type: 'candle'; symbol: string; timeframe: Timeframe; candle: Candle; closed: boolean }
  | { type: 'ticker'; ticker: Ticker }
  | { type: 'status'; status: FeedStatus };

export type CandleRange = { symbol: string; timeframe: Timeframe; from: number; to: number };

/**
 * The one market-data port. The simulator, a replay of stored candles and a ccxt exchange all
 * implement it; the engine and the market service see nothing else.
 */
export type MarketDataSource = {
  /** 'simulator', 'replay' or a ccxt exchange id. */
  readonly id: string;
  markets(): Promise<MarketInfo[]>;
  /** Closed candles with open time in [from, to], oldest first. */
  fetchCandles(range: CandleRange): Promise<Candle[]>;
  fetchTicker(symbol: string): Promise<Ticker>;
  fetchBook(symbol: string, depth: number): Promise<BookTop>;
  /** Live updates for one symbol and timeframe: forming candles (closed=false), closed ones, tickers. */
  subscribe(symbol: string, timeframe: Timeframe, listener: (event: MarketEvent) => void): () => void;
  status(): FeedStatus;
  /** The source's own time; the simulator runs ahead of the wall clock at speed > 1. */
  now?(): number;
  /** Prepares the source (e.g. the simulator generates its history); called once before use. */
  start?(): Promise<unknown>;
  close(): Promise<void>;
};
