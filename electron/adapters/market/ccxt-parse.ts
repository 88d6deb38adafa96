import type { Market, OHLCV, OrderBook, Ticker as CcxtTicker } from 'ccxt';
import type { BookTop, Candle, MarketInfo, Ticker } from '../../../shared/domain/market.js';
import { MarketDataError } from './market-errors.js';

/**
 * Every answer from ccxt is validated here before it enters the engine: ccxt turns a truncated or
 * empty body into undefined fields rather than an error, so a ticker without prices, a book with a
 * NaN or a candle with a missing close is rejected with a message, never passed on.
 */

/** ccxt's precision modes (ccxt.DECIMAL_PLACES = 2, ccxt.SIGNIFICANT_DIGITS = 3, ccxt.TICK_SIZE = 4). */
const DECIMAL_PLACES = 2;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function step(value: unknown, precisionMode: number): number | null {
  if (!finite(value) || value <= 0) return null;
  return precisionMode === DECIMAL_PLACES ? 10 ** -value : value;
}

/** A ccxt market as MarketInfo; null for markets that are not active spot markets with known steps. */
export function toMarketInfo(m: Market, precisionMode: number): MarketInfo | null {
  if (!m || m.spot !== true || m.active === false || !m.symbol || !m.base || !m.quote) return null;
  const priceStep = step(m.precision?.price, precisionMode);
  const amountStep = step(m.precision?.amount, precisionMode);
  if (priceStep === null || amountStep === null) return null;
  const min = (v: unknown) => (finite(v) && v >= 0 ? v : 0);
  return {
    symbol: m.symbol,
    base: m.base,
    quote: m.quote,
    priceStep,
    amountStep,
    minAmount: min(m.limits?.amount?.min),
    minCost: min(m.limits?.cost?.min),
  };
}

function badData(exchange: string, what: string, why: string): MarketDataError {
  return new MarketDataError('bad-data', `${exchange} sent ${what} that was rejected: ${why}.`);
}

/** A ccxt ticker as Ticker; throws bad-data when a price is missing, NaN or not positive. */
export function toTicker(t: CcxtTicker | undefined, exchange: string, symbol: string, now: number): Ticker {
  const what = `a ticker for ${symbol}`;
  if (!t) throw badData(exchange, what, 'the answer was empty');
  const missing = (['last', 'bid', 'ask', 'high', 'low'] as const).filter(
    (k) => !finite(t[k]) || (t[k] as number) <= 0,
  );
  if (missing.length > 0)
    throw badData(exchange, what, `no valid ${missing.join(', ')} (a ticker without prices is no ticker)`);
  const volume = t.baseVolume;
  if (!finite(volume) || volume < 0) throw badData(exchange, what, 'no valid 24h volume');
  const change: number | null = finite(t.percentage)
    ? t.percentage
    : finite(t.open) && t.open > 0
      ? ((t.last! - t.open) / t.open) * 100
      : null;
  if (change === null || !finite(change)) throw badData(exchange, what, 'no 24h change or opening price');
  return {
    symbol,
    time: finite(t.timestamp) ? Math.trunc(t.timestamp) : now,
    last: t.last!,
    bid: t.bid!,
    ask: t.ask!,
    high24h: t.high!,
    low24h: t.low!,
    change24hPercent: change,
    volume24h: volume,
  };
}

/** The top `depth` levels of a ccxt order book; throws bad-data on NaN, non-positive or misordered levels. */
export function toBook(
  ob: OrderBook | undefined,
  exchange: string,
  symbol: string,
  depth: number,
  now: number,
): BookTop {
  const what = `an order book for ${symbol}`;
  if (!ob || !Array.isArray(ob.bids) || !Array.isArray(ob.asks)) throw badData(exchange, what, 'the answer was empty');
  const side = (levels: readonly (readonly unknown[])[], name: string, descending: boolean): [number, number][] =>
    levels.slice(0, depth).map((level, i, all) => {
      const [price, amount] = level;
      if (!finite(price) || price <= 0 || !finite(amount) || amount < 0) {
        throw badData(exchange, what, `${name} level ${i + 1} is [${String(price)}, ${String(amount)}]`);
      }
      const prev = i > 0 ? (all[i - 1]![0] as number) : null;
      if (prev !== null && (descending ? price > prev : price < prev)) {
        throw badData(exchange, what, `${name} are not in price order at level ${i + 1}`);
      }
      return [price, amount];
    });
  const bids = side(ob.bids, 'bids', true);
  const asks = side(ob.asks, 'asks', false);
  if (bids.length === 0 && asks.length === 0) throw badData(exchange, what, 'it has no bids and no asks');
  if (bids[0] && asks[0] && bids[0][0] >= asks[0][0]) {
    throw badData(exchange, what, `the best bid ${bids[0][0]} is not below the best ask ${asks[0][0]}`);
  }
  return { symbol, time: finite(ob.timestamp) ? Math.trunc(ob.timestamp) : now, bids, asks };
}

/** ccxt OHLCV rows as candles (oldest first, de-duplicated); throws bad-data naming the first bad row. */
export function toCandles(rows: readonly OHLCV[] | undefined, exchange: string, symbol: string): Candle[] {
  const what = `candles for ${symbol}`;
  if (!Array.isArray(rows)) throw badData(exchange, what, 'the answer was not a list');
  const byTime = new Map<number, Candle>();
  rows.forEach((row, i) => {
    const [time, open, high, low, close, volume] = Array.isArray(row) ? row : [];
    const values = { open, high, low, close, volume };
    if (!finite(time) || !Number.isSafeInteger(time) || time < 0)
      throw badData(exchange, what, `row ${i + 1} has no valid time`);
    for (const [k, v] of Object.entries(values)) {
      if (!finite(v))
        throw badData(exchange, what, `row ${i + 1} (${new Date(time).toISOString()}) has ${k} ${String(v)}`);
    }
    const c = { time, open: open!, high: high!, low: low!, close: close!, volume: volume! };
    if (c.volume < 0 || c.high < c.low)
      throw badData(exchange, what, `row ${i + 1} (${new Date(time).toISOString()}) is inconsistent`);
    byTime.set(time, c);
  });
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}
