/**
 * What the advisor tells Claude about the market, the portfolio and the open orders: for each
 * watched symbol the recent candles of the chosen timeframe and indicator values computed with
 * shared/indicators (RSI 14, SMA 20/50, MACD 12/26/9, ATR 14 as a percent of the price, Bollinger
 * %B, the change over the window); the equity, balances and positions; the working orders.
 * Numbers are rounded so the request stays small; a series that cannot be read is reported as such.
 */
import type { CandlesResult, Timeframe } from '../../../../../shared/domain/market.js';
import type { OrderListQuery } from '../../../../../shared/domain/order-queries.js';
import type { OrderView, PortfolioView } from '../../../../../shared/domain/orders.js';
import { atr, bollinger, macd, rsi, sma } from '../../../../../shared/indicators/index.js';

/** Candles fetched per symbol (enough for SMA 50 and MACD); the last RECENT_CANDLES are sent. */
export const CANDLES_FETCHED = 120;
export const RECENT_CANDLES = 24;

export type AdvisorMarket = {
  candles(query: { symbol: string; timeframe: Timeframe; limit: number }): Promise<CandlesResult>;
};
export type AdvisorOrders = {
  portfolio(): Promise<PortfolioView>;
  list(query: OrderListQuery): OrderView[];
};

export type SymbolState =
  | {
      symbol: string;
      timeframe: Timeframe;
      price: number;
      indicators: Record<string, number | null>;
      /** Oldest first: [open time ISO, open, high, low, close, volume]. */
      recentCandles: Array<[string, number, number, number, number, number]>;
    }
  | { symbol: string; timeframe: Timeframe; unavailable: string };

export type MarketState = {
  at: string;
  symbols: SymbolState[];
  portfolio: {
    quoteCurrency: string;
    equity: string;
    balances: Array<{ currency: string; total: string; available: string }>;
    positions: Array<{ symbol: string; quantity: string; averageEntry: string; unrealizedPnl: string }>;
  };
  openOrders: Array<{ symbol: string; side: string; type: string; quantity: string; price: string | null }>;
};

/** Rounds to a few significant digits; NaN (not enough candles yet) becomes null. */
function round(value: number | undefined, digits = 6): number | null {
  if (value === undefined || !Number.isFinite(value)) return null;
  return Number(value.toPrecision(digits));
}

const last = (series: Float64Array): number | undefined => series[series.length - 1];

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function symbolState(symbol: string, timeframe: Timeframe, result: CandlesResult): SymbolState {
  const c = result.candles;
  const n = c.close.length;
  if (n === 0) return { symbol, timeframe, unavailable: 'no candles yet' };
  const price = c.close[n - 1]!;
  const m = macd(c.close);
  const bands = bollinger(c.close);
  const width = (last(bands.upper) ?? NaN) - (last(bands.lower) ?? NaN);
  const atrValue = last(atr(c.high, c.low, c.close, 14));
  const first = Math.max(0, n - RECENT_CANDLES);
  return {
    symbol,
    timeframe,
    price,
    indicators: {
      rsi14: round(last(rsi(c.close, 14)), 4),
      sma20: round(last(sma(c.close, 20))),
      sma50: round(last(sma(c.close, 50))),
      macd: round(last(m.macd)),
      macdSignal: round(last(m.signal)),
      macdHistogram: round(last(m.histogram)),
      atr14Percent: atrValue === undefined ? null : round((100 * atrValue) / price, 4),
      bollingerPercentB: width > 0 ? round((price - last(bands.lower)!) / width, 4) : null,
      changePercentOverWindow: round((100 * (price - c.close[0]!)) / c.close[0]!, 4),
      candlesInWindow: n,
    },
    recentCandles: c.time.slice(first).map((t, k) => {
      const i = first + k;
      return [
        new Date(t).toISOString(),
        round(c.open[i])!,
        round(c.high[i])!,
        round(c.low[i])!,
        round(c.close[i])!,
        round(c.volume[i])!,
      ];
    }),
  };
}

export async function buildMarketState(
  d: { market: AdvisorMarket; orders: AdvisorOrders; now: number },
  symbols: readonly string[],
  timeframe: Timeframe,
): Promise<MarketState> {
  const perSymbol = await Promise.all(
    symbols.map(async (symbol): Promise<SymbolState> => {
      try {
        return symbolState(symbol, timeframe, await d.market.candles({ symbol, timeframe, limit: CANDLES_FETCHED }));
      } catch (error) {
        return { symbol, timeframe, unavailable: `the candles could not be read: ${errorText(error)}` };
      }
    }),
  );
  const p = await d.orders.portfolio();
  return {
    at: new Date(d.now).toISOString(),
    symbols: perSymbol,
    portfolio: {
      quoteCurrency: p.quoteCurrency,
      equity: p.equity,
      balances: p.balances.map((b) => ({ currency: b.currency, total: b.total, available: b.available })),
      positions: p.positions
        .filter((x) => Number(x.quantity) !== 0)
        .map((x) => ({
          symbol: x.symbol,
          quantity: x.quantity,
          averageEntry: x.averageEntry,
          unrealizedPnl: x.unrealizedPnl,
        })),
    },
    openOrders: d.orders.list({ scope: 'open', limit: 50 }).map((o) => ({
      symbol: o.symbol,
      side: o.side,
      type: o.type,
      quantity: o.quantity,
      price: o.price,
    })),
  };
}
