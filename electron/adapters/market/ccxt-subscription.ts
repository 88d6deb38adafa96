import type { Exchange } from 'ccxt';
import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../shared/domain/market.js';
import { backoffDelay, type BackoffPolicy } from '../../engine/backoff.js';
import type { Clock } from '../../engine/clock.js';
import { slotStart } from '../../engine/market/candle-gaps.js';
import type { CandleStore } from '../../engine/market/candle-store-port.js';
import type { MarketEvent } from '../../engine/market/market-data-port.js';
import type { Scheduler, TimerHandle } from '../../engine/scheduler.js';
import type { Logger } from '../../logging/types.js';
import { loadMarkets } from './ccxt-exchange.js';
import { toCandles, toTicker } from './ccxt-parse.js';
import type { FeedStatusTracker } from './feed-status.js';
import { classifyError, stateFor, type MarketDataError } from './market-errors.js';

export type SubscriptionContext = {
  ex: Exchange;
  symbol: string;
  timeframe: Timeframe;
  emit: (event: MarketEvent) => void;
  status: FeedStatusTracker;
  clock: Clock;
  scheduler: Scheduler;
  pollMs: number;
  backoff: BackoffPolicy;
  random: () => number;
  /** Consecutive failures after which the feed is reported down (it keeps retrying). */
  downAfterFailures: number;
  /** A candle without a newer one in the answer counts as closed only this long after its end. */
  closeGraceMs: number;
  store?: CandleStore | undefined;
  logger?: Logger | undefined;
};

/**
 * Sorting candles into closed and forming, remembering the last closed one emitted. Closed candles
 * are emitted once each, oldest first, and stored; the first answer only sets the baseline (the
 * history before a subscription comes from fetchCandles, not from the live feed).
 */
function createCandleTracker(ctx: SubscriptionContext) {
  const step = TIMEFRAME_MS[ctx.timeframe];
  let lastClosed: number | null = null;
  return {
    since(now: number): number {
      return lastClosed !== null ? lastClosed + step : slotStart(now, step) - 2 * step;
    },
    accept(candles: readonly Candle[], now: number, closedByNewer: boolean): void {
      const newest = candles[candles.length - 1];
      const isClosed = (c: Candle) =>
        (closedByNewer && c !== newest) || now >= c.time + step + (c === newest ? ctx.closeGraceMs : 0);
      const closed = candles.filter(isClosed);
      const fresh = closed.filter((c) => lastClosed !== null && c.time > lastClosed);
      if (closed.length > 0 && ctx.store) ctx.store.upsert(ctx.ex.id, ctx.symbol, ctx.timeframe, closed);
      if (lastClosed === null) lastClosed = closed[closed.length - 1]?.time ?? slotStart(now, step) - 2 * step;
      for (const c of fresh) {
        ctx.emit({ type: 'candle', symbol: ctx.symbol, timeframe: ctx.timeframe, candle: c, closed: true });
        lastClosed = c.time;
      }
      const forming = candles.find((c) => !isClosed(c) && c.time > (lastClosed ?? -1));
      if (forming)
        ctx.emit({ type: 'candle', symbol: ctx.symbol, timeframe: ctx.timeframe, candle: forming, closed: false });
    },
  };
}

/** Reports a failure on the status and returns the delay before the next attempt (null: give up). */
function failure(ctx: SubscriptionContext, error: MarketDataError, failures: number): number | null {
  if (error.kind === 'unknown-symbol' || error.kind === 'unsupported') {
    ctx.status.set('down', error.message);
    return null;
  }
  let delay = backoffDelay(failures - 1, ctx.random, ctx.backoff);
  if (error.kind === 'rate-limit') delay = Math.max(delay, ctx.pollMs);
  const down = failures >= ctx.downAfterFailures;
  const note = down ? ` ${failures} attempts in a row failed; still retrying.` : '';
  ctx.status.set(
    down ? 'down' : stateFor(error),
    `${error.message}${note} Next attempt in ${Math.ceil(delay / 1000)} s.`,
  );
  return delay;
}

/** Polls fetchOHLCV + fetchTicker every pollMs (ccxt's rate limiter spaces the requests). */
export function startPolling(ctx: SubscriptionContext): () => void {
  const tracker = createCandleTracker(ctx);
  const what = { exchange: ctx.ex.id, what: 'live data', symbol: ctx.symbol };
  let active = true;
  let timer: TimerHandle | null = null;
  let failures = 0;
  const schedule = (ms: number) => {
    timer = ctx.scheduler.setTimeout(() => {
      timer = null;
      void poll();
    }, ms);
  };
  const poll = async (): Promise<void> => {
    try {
      await loadMarkets(ctx.ex);
      const rows = await ctx.ex.fetchOHLCV(ctx.symbol, ctx.timeframe, tracker.since(ctx.clock.now()));
      const candles = toCandles(rows, ctx.ex.id, ctx.symbol);
      const ticker = toTicker(await ctx.ex.fetchTicker(ctx.symbol), ctx.ex.id, ctx.symbol, ctx.clock.now());
      if (!active) return;
      tracker.accept(candles, ctx.clock.now(), true);
      ctx.emit({ type: 'ticker', ticker });
      failures = 0;
      ctx.status.received();
      schedule(ctx.pollMs);
    } catch (raw) {
      if (!active) return;
      const delay = failure(ctx, classifyError(raw, what), ++failures);
      if (delay !== null) schedule(delay);
    }
  };
  void poll();
  return () => {
    active = false;
    if (timer !== null) ctx.scheduler.clearTimeout(timer);
  };
}

/** Streams with ccxt.pro's watchOHLCV / watchTicker, reconnecting with backoff after failures. */
export function startWatching(ctx: SubscriptionContext): () => void {
  const tracker = createCandleTracker(ctx);
  let active = true;
  const pending = new Set<TimerHandle>();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const handle = ctx.scheduler.setTimeout(() => {
        pending.delete(handle);
        resolve();
      }, ms);
      pending.add(handle);
    });
  const loop = async (what: string, step: () => Promise<void>) => {
    let failures = 0;
    while (active) {
      try {
        await step();
        failures = 0;
        if (active) ctx.status.received();
      } catch (raw) {
        if (!active) return;
        const delay = failure(ctx, classifyError(raw, { exchange: ctx.ex.id, what, symbol: ctx.symbol }), ++failures);
        if (delay === null) return;
        await pause(delay);
      }
    }
  };
  void loop('live candles', async () => {
    await loadMarkets(ctx.ex);
    const rows = await ctx.ex.watchOHLCV(ctx.symbol, ctx.timeframe);
    if (active) tracker.accept(toCandles(rows, ctx.ex.id, ctx.symbol), ctx.clock.now(), true);
  });
  void loop('live ticker', async () => {
    const t = await ctx.ex.watchTicker(ctx.symbol);
    if (active) ctx.emit({ type: 'ticker', ticker: toTicker(t, ctx.ex.id, ctx.symbol, ctx.clock.now()) });
  });
  return () => {
    active = false;
    for (const handle of pending) ctx.scheduler.clearTimeout(handle);
    ctx.logger?.debug('exchange', `stopped watching ${ctx.symbol} ${ctx.timeframe} on ${ctx.ex.id}`, {
      symbol: ctx.symbol,
    });
  };
}
