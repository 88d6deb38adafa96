import { z } from 'zod';

/** Market data types that cross the contract. Prices here are display/analysis numbers (floats);
 * order, fill and balance accounting uses exact decimals elsewhere. */
export const TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d'] as const;
export const Timeframe = z.enum(TIMEFRAMES);
export type Timeframe = z.infer<typeof Timeframe>;

export const TIMEFRAME_MS: Record<Timeframe, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
};

const SYMBOL_RULE = 'a symbol is BASE/QUOTE in capitals, e.g. "BTC/USD"';
export const MarketSymbol = z
  .string()
  .regex(/^[A-Z0-9]{2,12}\/[A-Z0-9]{2,12}$/, SYMBOL_RULE)
  .max(25, SYMBOL_RULE);

const finite = z.number().finite();

/** One OHLCV candle; `time` is its open time in UTC ms. */
export const Candle = z.object({
  time: z.number().int().nonnegative(),
  open: finite,
  high: finite,
  low: finite,
  close: finite,
  volume: finite.nonnegative(),
});
export type Candle = z.infer<typeof Candle>;

export const Ticker = z.object({
  symbol: z.string(),
  time: z.number().int(),
  last: finite,
  bid: finite,
  ask: finite,
  high24h: finite,
  low24h: finite,
  change24hPercent: finite,
  volume24h: finite,
});
export type Ticker = z.infer<typeof Ticker>;

export const BookLevel = z.tuple([finite, finite]);
export const BookTop = z.object({
  symbol: z.string(),
  time: z.number().int(),
  bids: z.array(BookLevel),
  asks: z.array(BookLevel),
});
export type BookTop = z.infer<typeof BookTop>;

export const MarketInfo = z.object({
  symbol: z.string(),
  base: z.string(),
  quote: z.string(),
  /** Smallest price step and amount step, as decimals (e.g. 0.1, 0.00000001). */
  priceStep: finite.positive(),
  amountStep: finite.positive(),
  minAmount: finite.nonnegative(),
  minCost: finite.nonnegative(),
});
export type MarketInfo = z.infer<typeof MarketInfo>;

export const FEED_STATES = ['connecting', 'live', 'stale', 'reconnecting', 'down', 'maintenance'] as const;
export const FeedStatus = z.object({
  source: z.string(),
  state: z.enum(FEED_STATES),
  message: z.string().nullable(),
  /** Time of the last data received, UTC ms. */
  lastUpdate: z.number().int().nullable(),
});
export type FeedStatus = z.infer<typeof FeedStatus>;

/** Where market data comes from: the built-in simulator (default), an exchange via ccxt, or a replay. */
export const MarketSourceConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('simulator') }).strict(),
  z
    .object({
      kind: z.literal('exchange'),
      exchangeId: z.string().regex(/^[a-z][a-z0-9]{1,31}$/, 'an exchange id is a ccxt id such as "kraken"'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('replay'),
      /** The stored candles to play: 'simulator' or an exchange id. */
      source: z.string().min(1).max(32),
      symbol: MarketSymbol,
      timeframe: Timeframe,
      from: z.number().int().nonnegative(),
      /** Candles per second. */
      speed: z.number().min(0.1).max(1000),
    })
    .strict(),
]);
export type MarketSourceConfig = z.infer<typeof MarketSourceConfig>;

/** Candles as columns: compact on the wire for 200,000 candles. Times are open times, UTC ms. */
export const CandleColumns = z.object({
  time: z.array(z.number()),
  open: z.array(z.number()),
  high: z.array(z.number()),
  low: z.array(z.number()),
  close: z.array(z.number()),
  volume: z.array(z.number()),
});
export type CandleColumns = z.infer<typeof CandleColumns>;

export const CandlesQuery = z
  .object({
    symbol: MarketSymbol,
    timeframe: Timeframe,
    /** Open time range in UTC ms; default: the latest `limit` candles. */
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
    limit: z.number().int().min(1).max(300_000).default(5_000),
  })
  .strict();
export type CandlesQuery = z.input<typeof CandlesQuery>;

export const CandlesResult = z.object({
  source: z.string(),
  symbol: z.string(),
  timeframe: Timeframe,
  candles: CandleColumns,
});
export type CandlesResult = z.infer<typeof CandlesResult>;

export const MarketCandleEvent = z.object({
  source: z.string(),
  symbol: z.string(),
  timeframe: Timeframe,
  candle: Candle,
  closed: z.boolean(),
});
export type MarketCandleEvent = z.infer<typeof MarketCandleEvent>;

export const MarketOverview = z.object({
  source: MarketSourceConfig,
  status: FeedStatus,
  markets: z.array(MarketInfo),
});
export type MarketOverview = z.infer<typeof MarketOverview>;
