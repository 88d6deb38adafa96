import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../../shared/domain/market.js';
import type { Clock } from '../../../engine/clock.js';
import type { KrakenReply, KrakenRequest, KrakenServer } from './kraken-server.js';

/**
 * The public half of the Kraken test server: an in-memory market (assets, pairs, candle series,
 * tickers, books, system status) and the /0/public/* routes in Kraken's response shapes, as ccxt
 * 4.5's kraken.js reads them (fetchCurrencies, fetchMarkets, parseTicker, fetchOrderBook, parseOHLCV).
 */

export type KrakenAsset = { id: string; altname: string; decimals: number };
export type KrakenPair = {
  /** ccxt's unified symbol, e.g. 'BTC/USD'. */
  symbol: string;
  id: string;
  altname: string;
  wsname: string;
  base: string;
  quote: string;
  pairDecimals: number;
  lotDecimals: number;
  ordermin: string;
  costmin: string;
};
export type KrakenTickerState = {
  last: number;
  bid: number;
  ask: number;
  high: number;
  low: number;
  volume: number;
  open: number;
};
export type KrakenBookState = { bids: [number, number][]; asks: [number, number][] };

/** Kraken's OHLC endpoint serves only this many of the latest candles of an interval. */
export const KRAKEN_OHLC_LIMIT = 720;

export const DEFAULT_ASSETS: KrakenAsset[] = [
  { id: 'XXBT', altname: 'XBT', decimals: 10 },
  { id: 'XETH', altname: 'ETH', decimals: 10 },
  { id: 'ZUSD', altname: 'USD', decimals: 4 },
];

export const DEFAULT_PAIRS: KrakenPair[] = [
  {
    symbol: 'BTC/USD',
    id: 'XXBTZUSD',
    altname: 'XBTUSD',
    wsname: 'XBT/USD',
    base: 'XXBT',
    quote: 'ZUSD',
    pairDecimals: 1,
    lotDecimals: 8,
    ordermin: '0.00005',
    costmin: '0.5',
  },
  {
    symbol: 'ETH/USD',
    id: 'XETHZUSD',
    altname: 'ETHUSD',
    wsname: 'ETH/USD',
    base: 'XETH',
    quote: 'ZUSD',
    pairDecimals: 2,
    lotDecimals: 8,
    ordermin: '0.002',
    costmin: '0.5',
  },
];

export type KrakenMarket = {
  assets: KrakenAsset[];
  pairs: KrakenPair[];
  /** 'online', 'maintenance', 'cancel_only' or 'post_only' (SystemStatus). */
  systemStatus: string;
  /** Sets the candle series of a pair for one timeframe; candles open after `now` are not served yet. */
  setCandles(symbol: string, timeframe: Timeframe, candles: readonly Candle[]): void;
  setTicker(symbol: string, ticker: KrakenTickerState | null): void;
  setBook(symbol: string, book: KrakenBookState | null): void;
  removePair(symbol: string): void;
  pair(symbol: string): KrakenPair;
  /** Started candles (open time <= now), oldest first; the last one may still be forming. */
  served(pairId: string, timeframe: Timeframe): Candle[];
  ticker(pairId: string): KrakenTickerState;
  book(pairId: string): KrakenBookState;
};

export function createKrakenMarket(clock: Clock): KrakenMarket {
  const candles = new Map<string, Candle[]>();
  const tickers = new Map<string, KrakenTickerState>();
  const books = new Map<string, KrakenBookState>();
  const market: KrakenMarket = {
    assets: DEFAULT_ASSETS.map((a) => ({ ...a })),
    pairs: DEFAULT_PAIRS.map((p) => ({ ...p })),
    systemStatus: 'online',
    pair(symbol) {
      const p = market.pairs.find((x) => x.symbol === symbol || x.id === symbol || x.altname === symbol);
      if (!p) throw new Error(`the test server has no pair ${symbol}`);
      return p;
    },
    setCandles(symbol, timeframe, series) {
      candles.set(
        `${market.pair(symbol).id}:${timeframe}`,
        [...series].sort((a, b) => a.time - b.time),
      );
    },
    setTicker(symbol, ticker) {
      if (ticker) tickers.set(market.pair(symbol).id, ticker);
      else tickers.delete(market.pair(symbol).id);
    },
    setBook(symbol, book) {
      if (book) books.set(market.pair(symbol).id, book);
      else books.delete(market.pair(symbol).id);
    },
    removePair(symbol) {
      const id = market.pair(symbol).id;
      market.pairs = market.pairs.filter((p) => p.id !== id);
    },
    served(pairId, timeframe) {
      const now = clock.now();
      return (candles.get(`${pairId}:${timeframe}`) ?? []).filter((c) => c.time <= now);
    },
    ticker(pairId) {
      const set = tickers.get(pairId);
      if (set) return set;
      const series = market.served(pairId, '1m');
      const last = series[series.length - 1];
      if (!last)
        return { last: 50_000, bid: 49_999.9, ask: 50_000.1, high: 51_000, low: 49_000, volume: 1234.5, open: 49_500 };
      const day = series.filter((c) => c.time > last.time - 86_400_000);
      return {
        last: last.close,
        bid: last.close - 0.1,
        ask: last.close + 0.1,
        high: Math.max(...day.map((c) => c.high)),
        low: Math.min(...day.map((c) => c.low)),
        volume: day.reduce((s, c) => s + c.volume, 0),
        open: day[0]!.open,
      };
    },
    book(pairId) {
      const set = books.get(pairId);
      if (set) return set;
      const t = market.ticker(pairId);
      const levels = Array.from({ length: 25 }, (_, i) => i);
      return {
        bids: levels.map((i) => [t.bid - i * 0.1, 0.5 + i] as [number, number]),
        asks: levels.map((i) => [t.ask + i * 0.1, 0.4 + i] as [number, number]),
      };
    },
  };
  return market;
}

const TIMEFRAME_BY_MINUTES = new Map<number, Timeframe>(
  (Object.entries(TIMEFRAME_MS) as [Timeframe, number][]).map(([tf, ms]) => [ms / 60_000, tf]),
);
const UNKNOWN_PAIR: KrakenReply = { error: ['EQuery:Unknown asset pair'] };
const str = (n: number) => String(n);

function findPair(market: KrakenMarket, param: string | undefined): KrakenPair | null {
  if (!param) return null;
  return market.pairs.find((p) => p.id === param || p.altname === param || p.wsname === param) ?? null;
}

function ohlc(market: KrakenMarket, req: KrakenRequest, now: number): KrakenReply {
  const pair = findPair(market, req.params.pair);
  if (!pair) return UNKNOWN_PAIR;
  const timeframe = TIMEFRAME_BY_MINUTES.get(Number(req.params.interval ?? '1'));
  if (!timeframe) return { error: ['EGeneral:Invalid arguments'] };
  const step = TIMEFRAME_MS[timeframe];
  const since = req.params.since === undefined ? -Infinity : Number(req.params.since) * 1000;
  const latest = market.served(pair.id, timeframe).slice(-KRAKEN_OHLC_LIMIT);
  const rows = latest
    .filter((c) => c.time > since)
    .map((c) => [c.time / 1000, str(c.open), str(c.high), str(c.low), str(c.close), str(c.close), str(c.volume), 1]);
  const closed = latest.filter((c) => c.time + step <= now);
  const last = closed.length > 0 ? closed[closed.length - 1]!.time / 1000 : Math.floor(now / 1000);
  return { result: { [pair.id]: rows, last } };
}

function ticker(market: KrakenMarket, req: KrakenRequest): KrakenReply {
  const ids = (req.params.pair ?? '').split(',').filter(Boolean);
  const pairs = ids.length === 0 ? market.pairs : ids.map((id) => findPair(market, id));
  if (pairs.some((p) => p === null)) return UNKNOWN_PAIR;
  const result: Record<string, unknown> = {};
  for (const p of pairs as KrakenPair[]) {
    const t = market.ticker(p.id);
    result[p.id] = {
      a: [str(t.ask), '1', '1.000'],
      b: [str(t.bid), '2', '2.000'],
      c: [str(t.last), '0.01'],
      v: [str(t.volume / 2), str(t.volume)],
      p: [str(t.last), str(t.last)],
      t: [100, 200],
      l: [str(t.low), str(t.low)],
      h: [str(t.high), str(t.high)],
      o: str(t.open),
    };
  }
  return { result };
}

function depth(market: KrakenMarket, req: KrakenRequest, now: number): KrakenReply {
  const pair = findPair(market, req.params.pair);
  if (!pair) return UNKNOWN_PAIR;
  const count = Number(req.params.count ?? '100');
  const book = market.book(pair.id);
  const side = (levels: [number, number][]) =>
    levels.slice(0, count).map(([price, volume]) => [str(price), str(volume), Math.floor(now / 1000)]);
  return { result: { [pair.id]: { asks: side(book.asks), bids: side(book.bids) } } };
}

/** Registers GET /0/public/{Time,SystemStatus,Assets,AssetPairs,Ticker,Depth,OHLC} on `server`. */
export function registerPublicRoutes(server: Pick<KrakenServer, 'route'>, market: KrakenMarket, clock: Clock): void {
  const get = (name: string, handler: (req: KrakenRequest) => KrakenReply) =>
    server.route('GET', `/0/public/${name}`, handler);
  get('Time', () => {
    const now = clock.now();
    return { result: { unixtime: Math.floor(now / 1000), rfc1123: new Date(now).toUTCString() } };
  });
  get('SystemStatus', () => ({
    result: { status: market.systemStatus, timestamp: new Date(clock.now()).toISOString() },
  }));
  get('Assets', () => ({
    result: Object.fromEntries(
      market.assets.map((a) => [
        a.id,
        {
          aclass: 'currency',
          altname: a.altname,
          decimals: a.decimals,
          display_decimals: Math.min(a.decimals, 5),
          status: 'enabled',
        },
      ]),
    ),
  }));
  get('AssetPairs', () => ({
    result: Object.fromEntries(
      market.pairs.map((p) => [
        p.id,
        {
          altname: p.altname,
          wsname: p.wsname,
          aclass_base: 'currency',
          base: p.base,
          aclass_quote: 'currency',
          quote: p.quote,
          lot: 'unit',
          cost_decimals: 5,
          pair_decimals: p.pairDecimals,
          lot_decimals: p.lotDecimals,
          lot_multiplier: 1,
          leverage_buy: [],
          leverage_sell: [],
          fees: [[0, 0.26]],
          fees_maker: [[0, 0.16]],
          fee_volume_currency: 'ZUSD',
          margin_call: 80,
          margin_stop: 40,
          ordermin: p.ordermin,
          costmin: p.costmin,
          tick_size: (10 ** -p.pairDecimals).toFixed(p.pairDecimals),
          status: 'online',
        },
      ]),
    ),
  }));
  get('Ticker', (req) => ticker(market, req));
  get('Depth', (req) => depth(market, req, clock.now()));
  get('OHLC', (req) => ohlc(market, req, clock.now()));
}
