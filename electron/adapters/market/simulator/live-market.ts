import type { Candle, Ticker } from '../../../../shared/domain/market.js';
import type { CandleStore } from '../../../engine/market/candle-store-port.js';
import { allocateCandleArrays, arraysToCandles, candleAt } from '../../../engine/simulator/candle-arrays.js';
import { buildIntraMinutePath, formingCandle, type IntraMinutePath } from '../../../engine/simulator/intra-minute.js';
import type { BookModel } from '../../../engine/simulator/order-book.js';
import { MINUTE_MS, type PriceProcess } from '../../../engine/simulator/price-process.js';
import { SIMULATOR_SOURCE } from './history.js';
import { createTickerWindow, DAY_MS } from './ticker-window.js';

/**
 * One simulated market while it runs live: the minute being formed (its final candle is drawn
 * when the minute begins, and revealed second by second along an intra-minute path), the last
 * 24 hours of closed minutes for the ticker, and the process that draws the next minutes.
 */
export type LiveMarket = {
  readonly symbol: string;
  /** Open time of the minute being formed. */
  formingTime(): number;
  /** Closes every minute whose close time is <= `time` and returns them, oldest first (not yet stored). */
  closeUntil(time: number): Candle[];
  /** The forming candle at `time` (within the forming minute). */
  forming(time: number): Candle;
  /** The 1-minute sigma the process uses for the forming minute. */
  sigma(): number;
  ticker(time: number, book: BookModel): Ticker;
};

export function createLiveMarket(options: { process: PriceProcess; seed: number; store: CandleStore }): LiveMarket {
  const { process, seed, store } = options;
  const { symbol, priceStep } = process.market;
  const first = allocateCandleArrays(1);
  process.fill(first, 0, 1);
  let final: Candle = candleAt(first, 0);
  let sigma = first.sigma[0]!;
  let path: IntraMinutePath = buildIntraMinutePath(final, seed, symbol, priceStep);
  const day = createTickerWindow(
    DAY_MS,
    store.range(SIMULATOR_SOURCE, symbol, '1m', final.time - DAY_MS, final.time - 1),
  );

  function forming(time: number): Candle {
    return formingCandle(final, path, time - final.time);
  }

  return {
    symbol,
    formingTime: () => final.time,
    closeUntil(time) {
      const due = Math.floor((time - final.time) / MINUTE_MS);
      if (due < 1) return [];
      // The forming minute closes as drawn; `due - 1` more minutes passed entirely (a fast speed or
      // a sleeping machine) and are drawn in one batch; then the next minute starts forming.
      const more = allocateCandleArrays(due);
      process.fill(more, 0, due);
      const drawn = arraysToCandles(more);
      const closed = [final, ...drawn.slice(0, due - 1)];
      final = drawn[due - 1]!;
      sigma = more.sigma[due - 1]!;
      path = buildIntraMinutePath(final, seed, symbol, priceStep);
      day.push(closed);
      return closed;
    },
    forming,
    sigma: () => sigma,
    ticker(time, book) {
      const current = forming(time);
      const top = book.bookAt(symbol, time, current.close, sigma, 1);
      const bid = top.bids[0]?.[0] ?? current.close;
      const ask = top.asks[0]?.[0] ?? current.close;
      return day.ticker({ symbol, time, current, bid, ask });
    },
  };
}
