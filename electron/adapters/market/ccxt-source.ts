import type { Exchange } from 'ccxt';
import type { BookTop, Candle, MarketInfo, Ticker } from '../../../shared/domain/market.js';
import { DEFAULT_BACKOFF, type BackoffPolicy } from '../../engine/backoff.js';
import type { Clock } from '../../engine/clock.js';
import type { CandleCache } from '../../engine/market/candle-cache-port.js';
import { loadCandles } from '../../engine/market/load-candles.js';
import type { CandleRange, MarketDataSource, MarketEvent } from '../../engine/market/market-data-port.js';
import type { Scheduler, TimerHandle } from '../../engine/scheduler.js';
import type { Logger } from '../../logging/types.js';
import { systemScheduler } from '../clock/system-scheduler.js';
import { fetchCandlePages, withRetry, type RetryOptions } from './ccxt-candles.js';
import { createCcxtExchange, hasProClass, loadMarkets } from './ccxt-exchange.js';
import { toBook, toMarketInfo, toTicker } from './ccxt-parse.js';
import { startPolling, startWatching, type SubscriptionContext } from './ccxt-subscription.js';
import { createFeedStatus } from './feed-status.js';
import { MarketDataError, stateFor, type MarketErrorKind } from './market-errors.js';

/** Read failures that say something about the feed (not about the request, like an unknown symbol). */
const FEED_FAILURES: ReadonlySet<MarketErrorKind> = new Set([
  'network',
  'timeout',
  'unavailable',
  'maintenance',
  'rate-limit',
]);

export type CcxtSourceOptions = {
  /** A ccxt exchange id; default 'kraken'. Public data only: no keys are used. */
  exchangeId?: string;
  /** Replace the exchange's API roots with scheme://host:port (a test server, a proxy). */
  baseUrl?: string;
  sandbox?: boolean;
  /** The fetch for REST calls (certificate pinning); with it, 'auto' polls (WebSockets are not pinned). */
  fetch?: typeof fetch;
  /** Poll interval of subscribe() without WebSocket, ms (default 10 s). */
  pollMs?: number;
  /** Per-request timeout, ms (default 10 s). */
  timeoutMs?: number;
  clock: Clock;
  scheduler?: Scheduler;
  logger?: Logger;
  /** Candle cache: fetchCandles asks it first and stores what it fetches; live closed candles go in too. */
  store?: CandleCache;
  /** 'watch' uses ccxt.pro WebSockets, 'poll' REST; 'auto' (default): watch when ccxt.pro has the exchange and no baseUrl is set. */
  transport?: 'auto' | 'poll' | 'watch';
  /** Minimum ms between requests (default: the exchange's own, e.g. Kraken 1 s). */
  rateLimitMs?: number;
  /** Retries of a failed read (default 2), with `backoff` (default 1 s doubling to 30 s, with jitter). */
  retries?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** No data for this long makes a live feed stale (default 3 x pollMs). */
  staleAfterMs?: number;
  /** Consecutive failures before the feed is reported down (default 5). */
  downAfterFailures?: number;
  /** For tests: use this exchange instance instead of building one. */
  exchange?: Exchange;
};

export type CcxtMarketSource = MarketDataSource & {
  readonly exchange: Exchange;
  readonly transport: 'poll' | 'watch';
};

/** A MarketDataSource over any ccxt exchange's public market data (Kraken by default). */
export function createCcxtSource(options: CcxtSourceOptions): CcxtMarketSource {
  const exchangeId = options.exchangeId ?? 'kraken';
  const transport =
    options.transport === 'poll' || options.transport === 'watch'
      ? options.transport
      : options.baseUrl === undefined && options.fetch === undefined && hasProClass(exchangeId)
        ? 'watch'
        : 'poll';
  const pollMs = options.pollMs ?? 10_000;
  const { clock, logger, store } = options;
  const scheduler = options.scheduler ?? systemScheduler;
  const ex =
    options.exchange ??
    createCcxtExchange({
      exchangeId,
      timeoutMs: options.timeoutMs ?? 10_000,
      pro: transport === 'watch',
      ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
      ...(options.sandbox ? { sandbox: true } : {}),
      ...(options.fetch !== undefined ? { fetch: options.fetch } : {}),
      ...(options.rateLimitMs !== undefined ? { rateLimitMs: options.rateLimitMs } : {}),
    });
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  const retry: RetryOptions = {
    retries: options.retries ?? 2,
    backoff,
    scheduler,
    random,
    onRetry: (error, delay) =>
      logger?.warn('exchange', `${error.message} Retrying in ${delay} ms.`, { exchange: ex.id }),
  };
  const status = createFeedStatus({ source: ex.id, clock, staleAfterMs: options.staleAfterMs ?? 3 * pollMs, logger });
  const subscriptions = new Set<() => void>();
  const listeners = new Set<(event: MarketEvent) => void>();
  status.onChange((s) => {
    for (const l of listeners) l({ type: 'status', status: s });
  });
  let watchdog: TimerHandle | null = null;
  const watch = () => {
    watchdog = scheduler.setTimeout(
      () => {
        status.checkStale();
        watch();
      },
      Math.max(1, Math.min(pollMs, options.staleAfterMs ?? pollMs)),
    );
  };
  let closed = false;
  const ensureOpen = () => {
    if (closed) throw new MarketDataError('unavailable', `the ${ex.id} market-data source is closed.`);
  };
  /**
   * While no subscription runs, reads keep the status honest: live after an answer, reconnecting /
   * maintenance after a network-type failure. (With subscriptions, they own the status.)
   */
  const track = async <T>(read: () => Promise<T>): Promise<T> => {
    try {
      const value = await read();
      if (subscriptions.size === 0 && !closed) status.received();
      return value;
    } catch (error) {
      if (subscriptions.size === 0 && error instanceof MarketDataError && FEED_FAILURES.has(error.kind)) {
        status.set(stateFor(error), error.message);
      }
      throw error;
    }
  };
  const markets = () => withRetry(() => loadMarkets(ex), { exchange: ex.id, what: 'the market list' }, retry);
  const fetchRaw = async (range: CandleRange): Promise<Candle[]> => {
    ensureOpen();
    await markets();
    return fetchCandlePages(ex, range, clock.now(), retry);
  };

  const source: CcxtMarketSource = {
    id: ex.id,
    exchange: ex,
    transport,
    markets: () =>
      track(async (): Promise<MarketInfo[]> => {
        ensureOpen();
        const all = Object.values(await markets());
        const infos = all.flatMap((m) => (m ? [toMarketInfo(m, ex.precisionMode ?? 4)] : [])).filter((m) => m !== null);
        if (infos.length === 0) throw new MarketDataError('bad-data', `${ex.id} listed no usable spot markets.`);
        return infos.sort((a, b) => a.symbol.localeCompare(b.symbol));
      }),
    fetchCandles: (range) =>
      track(async () => {
        if (!store) return fetchRaw(range);
        return loadCandles({ id: ex.id, fetchCandles: fetchRaw }, store, range, { now: clock.now() });
      }),
    fetchTicker: (symbol) =>
      track(async (): Promise<Ticker> => {
        ensureOpen();
        await markets();
        const t = await withRetry(() => ex.fetchTicker(symbol), { exchange: ex.id, what: 'the ticker', symbol }, retry);
        return toTicker(t, ex.id, symbol, clock.now());
      }),
    fetchBook: (symbol, depth) =>
      track(async (): Promise<BookTop> => {
        ensureOpen();
        await markets();
        const n = Math.max(1, Math.min(500, Math.trunc(depth)));
        const ob = await withRetry(
          () => ex.fetchOrderBook(symbol, n),
          { exchange: ex.id, what: 'the order book', symbol },
          retry,
        );
        return toBook(ob, ex.id, symbol, n, clock.now());
      }),
    subscribe(symbol, timeframe, listener) {
      ensureOpen();
      listeners.add(listener);
      const ctx: SubscriptionContext = {
        ex,
        symbol,
        timeframe,
        emit: listener,
        status,
        clock,
        scheduler,
        pollMs,
        backoff,
        random,
        downAfterFailures: options.downAfterFailures ?? 5,
        closeGraceMs: Math.min(2_000, pollMs),
        store,
        logger,
      };
      const stop = transport === 'watch' ? startWatching(ctx) : startPolling(ctx);
      if (watchdog === null) watch();
      const unsubscribe = () => {
        if (!subscriptions.delete(unsubscribe)) return;
        stop();
        listeners.delete(listener);
        if (subscriptions.size === 0 && watchdog !== null) {
          scheduler.clearTimeout(watchdog);
          watchdog = null;
        }
      };
      subscriptions.add(unsubscribe);
      return unsubscribe;
    },
    status: () => status.get(),
    async close() {
      if (closed) return;
      closed = true;
      for (const unsubscribe of [...subscriptions]) unsubscribe();
      await ex.close();
    },
  };
  return source;
}
