/**
 * Backtest candles from the market service's active source: the simulator answers from the
 * history it generated, an exchange source from its candle cache, fetching and storing what is
 * missing. Only closed candles with open times in [from, to) are kept; an unknown symbol is
 * invalid_input naming the field.
 */
import { TIMEFRAME_MS } from '../../../../shared/domain/market.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import type { Clock } from '../../../engine/clock.js';
import { columnsFromArrays } from '../../../engine/backtest/candles.js';
import type { OhlcvColumns } from '../../../engine/strategy/columns.js';
import type { MarketService } from '../market-service.js';
import { MAX_BACKTEST_CANDLES, type CandleQuery } from './backtest-run.js';

/** The market's now: simulated time for the simulator, else the clock. */
export function marketNow(market: MarketService, clock: Clock): () => number {
  return () => market.source().now?.() ?? clock.now();
}

export function marketCandles(market: MarketService, clock: Clock): (query: CandleQuery) => Promise<OhlcvColumns> {
  const now = marketNow(market, clock);
  return async ({ symbol, timeframe, from, to }) => {
    let result;
    try {
      result = await market.candles({ symbol, timeframe, from, to, limit: MAX_BACKTEST_CANDLES });
    } catch (error) {
      if (error instanceof RangeError) throw new AppError('invalid_input', `symbol: ${error.message}`);
      throw error;
    }
    const c = result.candles;
    const end = Math.min(to, now() - TIMEFRAME_MS[timeframe] + 1);
    let first = 0;
    while (first < c.time.length && c.time[first]! < from) first++;
    let last = c.time.length;
    while (last > first && c.time[last - 1]! >= end) last--;
    const pick = (a: number[]) => a.slice(first, last);
    return columnsFromArrays({
      time: pick(c.time),
      open: pick(c.open),
      high: pick(c.high),
      low: pick(c.low),
      close: pick(c.close),
      volume: pick(c.volume),
    });
  };
}
