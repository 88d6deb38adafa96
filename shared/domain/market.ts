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

export const Symbol = z
  .string()
  .regex(/^[A-Z0-9]{2,12}\/[A-Z0-9]{2,12}$/, 'a symbol is BASE/QUOTE in capitals, e.g. "BTC/USD"');

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
