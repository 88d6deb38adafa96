/**
 * Replay: plays stored candles (any source, symbol and timeframe) from the candle store as a live
 * feed, at a chosen speed, with pause, resume and seek. Each candle is emitted closed, in order;
 * a subscriber to a coarser timeframe gets the forming and closed buckets built from them. Reaching
 * the end emits a final status. fetchCandles never looks ahead: it answers as of the replay's now
 * (the close of the last candle played), so a strategy sees what it would have seen live.
 */
import {
  TIMEFRAME_MS,
  type Candle,
  type FeedStatus,
  type Ticker,
  type Timeframe,
} from '../../../shared/domain/market.js';
import type { Clock } from '../../engine/clock.js';
import type { Scheduler, TimerHandle } from '../../engine/scheduler.js';
import { slotStart } from '../../engine/market/candle-gaps.js';
import type { CandleStore } from '../../engine/market/candle-store-port.js';
import type { MarketDataSource } from '../../engine/market/market-data-port.js';
import { bookProfile, createBookModel } from '../../engine/simulator/order-book.js';
import { findSimMarket, toMarketInfo } from '../../engine/simulator/sim-markets.js';
import type { Logger } from '../../logging/types.js';
import { systemScheduler } from '../clock/system-scheduler.js';
import { createLiveBucket, type LiveBucket } from './simulator/live-bucket.js';
import { readCandles } from './simulator/stored-candles.js';
import { createSubscriptions } from './simulator/subscriptions.js';
import { createTickerWindow, DAY_MS } from './simulator/ticker-window.js';

/** Candles per real second, or replayed time per real time (60 = an hour of candles per real minute). */
export type ReplaySpeed = { candlesPerSecond: number } | { multiplier: number };
export type ReplayState = 'idle' | 'playing' | 'paused' | 'finished' | 'closed';

export type ReplayOptions = {
  store: CandleStore;
  clock: Clock;
  /** Where the candles were stored from: 'simulator' or an exchange id. */
  source: string;
  symbol: string;
  timeframe: Timeframe;
  /** First and last open times to play (default: everything stored). */
  from?: number;
  to?: number;
  /** A number is candles per second. */
  speed: number | ReplaySpeed;
  scheduler?: Scheduler;
  logger?: Logger;
  /** Seed of the synthetic order book quoted around the replayed price (default 0). */
  seed?: number;
};

export type ReplaySource = Omit<MarketDataSource, 'start' | 'now'> & {
  /** Checks there is something to play and starts playing; rejects with what to do if nothing is stored. */
  start(): Promise<{ candles: number; from: number; to: number }>;
  pause(): void;
  resume(): void;
  /** Moves to the first candle at or after `time` (back or forth); playing goes on, paused stays paused. */
  seek(time: number): void;
  setSpeed(speed: number | ReplaySpeed): void;
  state(): ReplayState;
  /** Open time of the last candle played, null before the first. */
  position(): number | null;
  /** The replay's time: the close of the last candle played (the start point before the first). */
  now(): number;
};

const PAGE = 2_000;
const MAX_PER_TICK = 10_000;
const MIN_TICK_MS = 16;
const VOL_WINDOW = 30;

function checkSpeed(speed: number | ReplaySpeed): ReplaySpeed {
  const s = typeof speed === 'number' ? { candlesPerSecond: speed } : speed;
  const value = 'candlesPerSecond' in s ? s.candlesPerSecond : s.multiplier;
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`replay speed must be above 0, not ${value}`);
  return s;
}

export function createReplaySource(options: ReplayOptions): ReplaySource {
  const { store, clock, source, symbol, timeframe, logger } = options;
  const span = TIMEFRAME_MS[timeframe];
  const scheduler = options.scheduler ?? systemScheduler;
  const book = createBookModel(options.seed ?? 0);
  const subscriptions = createSubscriptions((error) => logger?.warn('exchange', 'a replay listener failed', { error }));
  /** What was played in the last 24 hours (and at least VOL_WINDOW candles): tickers and volatility. */
  const keepMs = Math.max(DAY_MS, (VOL_WINDOW + 1) * span);
  const played = createTickerWindow(keepMs);
  let speed = checkSpeed(options.speed);
  let state: ReplayState = 'idle';
  let from = 0;
  let to = 0;
  let origin = 0; // where playing began (start or the last seek): now() before a candle is played
  let cursor = 0; // the next page is read from here
  let page: Candle[] = [];
  let pageIndex = 0;
  let last: Candle | null = null;
  let anchorReal = 0;
  let anchorTime = 0;
  let playedSinceAnchor = 0;
  let timer: TimerHandle | null = null;

  const now = () => (last ? last.time + span : origin);
  const tickMs = () =>
    Math.min(
      1000,
      Math.max(MIN_TICK_MS, 'candlesPerSecond' in speed ? 1000 / speed.candlesPerSecond : span / speed.multiplier),
    );
  const volatility = () => played.minuteSigma(span, VOL_WINDOW);

  function status(): FeedStatus {
    const states: Record<ReplayState, [FeedStatus['state'], string | null]> = {
      idle: ['connecting', 'replay not started'],
      playing: ['live', null],
      paused: ['stale', 'replay paused'],
      finished: ['stale', `replay finished: played up to ${new Date(to).toISOString()}`],
      closed: ['down', 'replay stopped'],
    };
    const [feed, message] = states[state];
    return { source: 'replay', state: feed, message, lastUpdate: last ? now() : null };
  }
  const broadcastStatus = () => subscriptions.broadcast({ type: 'status', status: status() });

  function lastPlayed(): Candle {
    if (!last) throw new Error('the replay has not played a candle yet: start() it and wait for the first');
    return last;
  }

  function ticker(): Ticker {
    const current = lastPlayed();
    const top = book.bookAt(symbol, now(), current.close, volatility(), 1);
    const [bid, ask] = [top.bids[0]?.[0] ?? current.close, top.asks[0]?.[0] ?? current.close];
    return played.ticker({ symbol, time: now(), current, bid, ask });
  }

  /** The next candle to play (not consumed), paging through the store; null at the end. */
  function nextCandle(): Candle | null {
    while (pageIndex >= page.length) {
      if (cursor > to) return null;
      const pageEnd = Math.min(to, cursor + PAGE * span - 1);
      page = store.range(source, symbol, timeframe, cursor, pageEnd);
      pageIndex = 0;
      cursor = pageEnd + 1;
    }
    return page[pageIndex]!;
  }

  function bucketFor(tf: Timeframe): LiveBucket | null {
    if (tf === timeframe) return null;
    const sofar = last ? store.range(source, symbol, timeframe, slotStart(last.time, TIMEFRAME_MS[tf]), last.time) : [];
    return createLiveBucket(tf, sofar, span);
  }

  function play(candle: Candle): void {
    pageIndex++;
    last = candle;
    played.push([candle]);
    for (const sub of subscriptions.all()) {
      for (const c of sub.bucket ? sub.bucket.addClosed(candle) : [candle]) {
        subscriptions.emit(sub, { type: 'candle', symbol, timeframe: sub.timeframe, candle: c, closed: true });
      }
      const tfSpan = TIMEFRAME_MS[sub.timeframe];
      if (sub.bucket && slotStart(candle.time + span, tfSpan) === slotStart(candle.time, tfSpan)) {
        // The bucket goes on: show it as it stands (a flat, empty base candle adds nothing to it).
        const c = candle.close;
        const forming = sub.bucket.forming({ time: candle.time + span, open: c, high: c, low: c, close: c, volume: 0 });
        subscriptions.emit(sub, { type: 'candle', symbol, timeframe: sub.timeframe, candle: forming, closed: false });
      }
    }
  }

  function due(candle: Candle): boolean {
    const elapsed = clock.now() - anchorReal;
    if ('candlesPerSecond' in speed) return playedSinceAnchor < Math.floor((elapsed * speed.candlesPerSecond) / 1000);
    return candle.time + span <= anchorTime + elapsed * speed.multiplier;
  }

  function tick(): void {
    timer = null;
    if (state !== 'playing') return;
    let count = 0;
    for (let candle = nextCandle(); candle && count < MAX_PER_TICK && due(candle); candle = nextCandle()) {
      play(candle);
      count++;
      playedSinceAnchor++;
    }
    if (count > 0) subscriptions.broadcast({ type: 'ticker', ticker: ticker() });
    if (nextCandle()) {
      timer = scheduler.setTimeout(tick, tickMs());
      return;
    }
    state = 'finished';
    logger?.info('exchange', 'replay finished', { source, symbol, timeframe, last: last?.time ?? null });
    broadcastStatus();
  }

  function stopTimer(): void {
    if (timer !== null) scheduler.clearTimeout(timer);
    timer = null;
  }

  /** Playing (re)starts from here: the speed counts from this moment and this position. */
  function schedule(): void {
    stopTimer();
    anchorReal = clock.now();
    anchorTime = now();
    playedSinceAnchor = 0;
    timer = scheduler.setTimeout(tick, tickMs());
  }

  function checkSymbol(s: string): void {
    if (s !== symbol) throw new RangeError(`this replay plays ${symbol}, not ${s}`);
  }

  return {
    id: 'replay',
    async start() {
      if (state !== 'idle') throw new Error(`the replay is ${state}; start() runs once`);
      const earliest = store.earliest(source, symbol, timeframe);
      const latest = store.latest(source, symbol, timeframe);
      if (!earliest || !latest) {
        throw new Error(
          `no stored ${timeframe} candles of ${symbol} from ${source} to replay: fetch or import some first`,
        );
      }
      from = Math.max(options.from ?? earliest.time, earliest.time);
      to = Math.min(options.to ?? latest.time, latest.time);
      const candles = to >= from ? store.count(source, symbol, timeframe, from, to) : 0;
      if (candles === 0)
        throw new Error(`no stored ${timeframe} candles of ${symbol} from ${source} in that time range`);
      origin = cursor = from;
      state = 'playing';
      logger?.info('exchange', 'replay started', { source, symbol, timeframe, from, to, candles });
      broadcastStatus();
      schedule();
      return { candles, from, to };
    },
    pause() {
      if (state !== 'playing') return;
      stopTimer();
      state = 'paused';
      broadcastStatus();
    },
    resume() {
      if (state !== 'paused') return;
      state = 'playing';
      broadcastStatus();
      schedule();
    },
    seek(time) {
      if (state === 'idle' || state === 'closed') throw new Error(`cannot seek a replay that is ${state}`);
      if (!Number.isFinite(time)) throw new RangeError(`seek needs a time in UTC ms, not ${time}`);
      const target = Math.min(Math.max(time, from), to + 1);
      played.clear();
      played.push(store.range(source, symbol, timeframe, Math.max(from, target - keepMs), target - 1));
      last = played.last();
      origin = cursor = target;
      page = [];
      pageIndex = 0;
      for (const sub of subscriptions.all()) sub.bucket = bucketFor(sub.timeframe);
      if (state === 'finished') state = 'paused';
      if (state === 'playing') schedule();
      broadcastStatus();
    },
    setSpeed(next) {
      speed = checkSpeed(next);
      if (state === 'playing') schedule();
    },
    state: () => state,
    position: () => last?.time ?? null,
    now,
    async markets() {
      const known = findSimMarket(symbol);
      if (known) return [toMarketInfo(known)];
      const [base = symbol, quote = ''] = symbol.split('/');
      const price = (last ?? store.latest(source, symbol, timeframe))?.close ?? 1;
      const { priceStep, amountStep, minAmount } = bookProfile(symbol, price);
      return [{ symbol, base, quote, priceStep, amountStep, minAmount, minCost: 0 }];
    },
    async fetchCandles(range) {
      checkSymbol(range.symbol);
      const { timeframe: tf, from: a, to: b } = range;
      return readCandles({ store, source, symbol, base: timeframe, timeframe: tf, from: a, to: b, asOf: now() });
    },
    async fetchTicker(s) {
      checkSymbol(s);
      return ticker();
    },
    async fetchBook(s, depth) {
      checkSymbol(s);
      return book.bookAt(s, now(), lastPlayed().close, volatility(), depth);
    },
    subscribe(s, tf, listener) {
      checkSymbol(s);
      if (TIMEFRAME_MS[tf] < span || TIMEFRAME_MS[tf] % span !== 0) {
        throw new RangeError(
          `this replay plays ${timeframe} candles: subscribe to ${timeframe} or a coarser timeframe`,
        );
      }
      return subscriptions.add(symbol, tf, listener, () => bucketFor(tf));
    },
    status,
    async close() {
      if (state === 'closed') return;
      stopTimer();
      state = 'closed';
      broadcastStatus();
      subscriptions.clear();
    },
  };
}
