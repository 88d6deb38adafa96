import type { Exchange } from 'ccxt';
import { TIMEFRAME_MS, type Candle } from '../../../shared/domain/market.js';
import { backoffDelay, type BackoffPolicy } from '../../engine/backoff.js';
import { alignUp, lastClosedSlot } from '../../engine/market/candle-gaps.js';
import type { CandleRange } from '../../engine/market/market-data-port.js';
import { sleep, type Scheduler } from '../../engine/scheduler.js';
import { ohlcvPageLimit } from './ccxt-exchange.js';
import { toCandles } from './ccxt-parse.js';
import { classifyError, MarketDataError, type ErrorContext } from './market-errors.js';

export type RetryOptions = {
  /** Attempts after the first for retryable failures (network, timeout, 5xx, rate limit, bad data). */
  retries: number;
  backoff: BackoffPolicy;
  scheduler: Scheduler;
  random: () => number;
  onRetry?: (error: MarketDataError, delayMs: number) => void;
};

/** Runs a read with bounded retries and exponential backoff; throws the last MarketDataError. */
export async function withRetry<T>(call: () => Promise<T>, ctx: ErrorContext, options: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (raw) {
      const error = classifyError(raw, ctx);
      if (!error.retryable || attempt >= options.retries) throw error;
      const delay = backoffDelay(attempt, options.random, options.backoff);
      options.onRetry?.(error, delay);
      await sleep(options.scheduler, delay);
    }
  }
}

/**
 * Closed candles of `range` from the exchange, paging fetchOHLCV forward from `from` in pages of
 * the exchange's limit. It stops when `to` is reached, or when the exchange returns nothing newer
 * (Kraken serves only its latest 720 candles per interval: older history simply is not there), and
 * never loops forever: a page that does not move forward ends it, and more pages than the range
 * can need is an error. The forming candle is dropped.
 */
export async function fetchCandlePages(
  ex: Pick<Exchange, 'id' | 'fetchOHLCV' | 'features' | 'timeframes'>,
  range: CandleRange,
  now: number,
  retry: RetryOptions,
): Promise<Candle[]> {
  const { symbol, timeframe } = range;
  if (ex.timeframes && !(timeframe in ex.timeframes)) {
    throw new MarketDataError('unsupported', `${ex.id} has no ${timeframe} candles.`);
  }
  const step = TIMEFRAME_MS[timeframe];
  const from = alignUp(Math.max(0, range.from), step);
  const to = Math.min(range.to, lastClosedSlot(now, step));
  if (to < from) return [];
  const limit = ohlcvPageLimit(ex);
  const maxPages = Math.ceil((Math.floor((to - from) / step) + 1) / limit) + 3;
  const ctx: ErrorContext = { exchange: ex.id, what: `${timeframe} candles`, symbol };
  const collected = new Map<number, Candle>();
  let cursor = from;
  for (let page = 1; ; page++) {
    if (page > maxPages) {
      throw new MarketDataError(
        'bad-data',
        `${ex.id} kept answering ${timeframe} candles for ${symbol} without reaching the end of the range; stopped after ${maxPages} requests.`,
      );
    }
    const since = cursor;
    const rows = await withRetry(() => ex.fetchOHLCV(symbol, timeframe, since, limit), ctx, retry);
    const fresh = toCandles(rows, ex.id, symbol).filter((c) => c.time >= since);
    for (const c of fresh) if (c.time >= from && c.time <= to) collected.set(c.time, c);
    const newest = fresh[fresh.length - 1];
    if (!newest || newest.time >= to) break; // nothing newer, or the range is covered
    const next = newest.time + step;
    if (next <= cursor) break;
    cursor = next;
  }
  return [...collected.values()].sort((a, b) => a.time - b.time);
}
