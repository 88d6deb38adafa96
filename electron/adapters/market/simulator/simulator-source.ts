/**
 * The built-in simulator as a market-data source: the app's default mode (works offline, no keys).
 *
 * start() generates `historyDays` of 1-minute candles per market into the candle store (or
 * continues from what is stored), then runs live: every tick the forming minute is revealed a
 * little further (closed: false), each minute boundary closes a candle that is stored once and
 * emitted (closed: true), and tickers follow the book.
 *
 * The simulator keeps its own clock: simulated time = anchor + (real elapsed) x speed. At
 * speed > 1 it runs ahead of the wall clock (speed 60 = one simulated minute per real second), and
 * after a restart it resumes from the last stored minute if that is later than the wall clock.
 */
import { performance } from 'node:perf_hooks';
import {
  TIMEFRAME_MS,
  type BookTop,
  type Candle,
  type FeedStatus,
  type Timeframe,
} from '../../../../shared/domain/market.js';
import type { Clock } from '../../../engine/clock.js';
import type { Scheduler, TimerHandle } from '../../../engine/scheduler.js';
import { slotStart } from '../../../engine/market/candle-gaps.js';
import type { CandleStore } from '../../../engine/market/candle-store-port.js';
import type { CandleRange, MarketDataSource } from '../../../engine/market/market-data-port.js';
import { createBookModel } from '../../../engine/simulator/order-book.js';
import { MINUTE_MS } from '../../../engine/simulator/price-process.js';
import { simMarket, SIM_MARKETS, toMarketInfo } from '../../../engine/simulator/sim-markets.js';
import type { Logger } from '../../../logging/types.js';
import { systemScheduler } from '../../clock/system-scheduler.js';
import { prepareHistory, SIMULATOR_SOURCE } from './history.js';
import { createLiveBucket, type LiveBucket } from './live-bucket.js';
import { createLiveMarket, type LiveMarket } from './live-market.js';
import { readCandles } from './stored-candles.js';
import { createSubscriptions } from './subscriptions.js';

export type SimulatorOptions = {
  seed: number;
  clock: Clock;
  store: CandleStore;
  /** Simulated seconds per real second (default 1). */
  speed?: number;
  /** History generated on first start, days (default 90). */
  historyDays?: number;
  scheduler?: Scheduler;
  logger?: Logger;
  /** Shortest real time between live updates, ms (default 100): an update per simulated second, at most 10 a second. */
  minTickMs?: number;
  /**
   * Simulated time at the first start, UTC ms (default: the wall clock). With the same seed and an
   * empty data directory, the same start gives the same 90 days of history: a reproducible market.
   */
  startAt?: number;
};

export type SimulatorStart = { generated: number; ms: number };

export type SimulatorSource = Omit<MarketDataSource, 'start' | 'now'> & {
  start(): Promise<SimulatorStart>;
  /** Simulated time, UTC ms (until start(): the fixed start if one is set, else the wall clock). */
  now(): number;
  readonly speed: number;
};

type State = 'idle' | 'starting' | 'running' | 'closed';

function checkOptions(o: SimulatorOptions): { speed: number; historyDays: number; minTickMs: number } {
  const speed = o.speed ?? 1;
  const historyDays = o.historyDays ?? 90;
  const minTickMs = o.minTickMs ?? 100;
  if (!Number.isFinite(o.seed)) throw new RangeError(`the simulator seed must be a number, not ${o.seed}`);
  if (o.startAt !== undefined && !(Number.isFinite(o.startAt) && o.startAt > 0)) {
    throw new RangeError(`the simulator start must be a time in UTC ms, not ${o.startAt}`);
  }
  if (!(speed > 0 && speed <= 100_000))
    throw new RangeError(`simulator speed must be above 0 and at most 100000, not ${speed}`);
  if (!(historyDays > 0 && historyDays <= 3650))
    throw new RangeError(`historyDays must be above 0 and at most 3650, not ${historyDays}`);
  if (!(minTickMs > 0)) throw new RangeError(`minTickMs must be above 0, not ${minTickMs}`);
  return { speed, historyDays, minTickMs };
}

export function createSimulatorSource(options: SimulatorOptions): SimulatorSource {
  const { seed, clock, store, logger } = options;
  const { speed, historyDays, minTickMs } = checkOptions(options);
  const scheduler = options.scheduler ?? systemScheduler;
  const tickMs = Math.max(minTickMs, 1000 / speed);
  const book = createBookModel(seed);
  const markets = new Map<string, LiveMarket>();
  const subscriptions = createSubscriptions((error) =>
    logger?.warn('exchange', 'a simulator listener failed', { error }),
  );
  let state: State = 'idle';
  let started: Promise<SimulatorStart> | null = null;
  let timer: TimerHandle | null = null;
  let realAnchor = 0;
  let simAnchor = 0;
  let lastUpdate: number | null = null;
  let storeError: string | null = null;
  const unstored = new Map<string, Candle[]>();

  const now = (): number =>
    state === 'running' ? Math.floor(simAnchor + (clock.now() - realAnchor) * speed) : (options.startAt ?? clock.now());

  function status(): FeedStatus {
    const [feed, message]: [FeedStatus['state'], string | null] =
      state === 'running'
        ? [storeError ? 'stale' : 'live', storeError]
        : state === 'closed'
          ? ['down', 'simulator stopped']
          : ['connecting', state === 'starting' ? 'generating history' : 'not started'];
    return { source: SIMULATOR_SOURCE, state: feed, message, lastUpdate };
  }

  /** close() may be called while start() awaits its history writes. */
  const closedMeanwhile = () => state === 'closed';
  const broadcastStatus = () => subscriptions.broadcast({ type: 'status', status: status() });

  /** The live bucket of a coarser timeframe, from the closed minutes already stored in it. */
  function bucketFor(symbol: string, timeframe: Timeframe): LiveBucket | null {
    const live = markets.get(symbol);
    if (timeframe === '1m' || !live) return null;
    const bucketStart = slotStart(live.formingTime(), TIMEFRAME_MS[timeframe]);
    return createLiveBucket(
      timeframe,
      store.range(SIMULATOR_SOURCE, symbol, '1m', bucketStart, live.formingTime() - 1),
    );
  }

  function liveMarket(symbol: string): LiveMarket {
    simMarket(symbol); // an unknown symbol gets the message listing the markets
    const live = markets.get(symbol);
    if (!live) throw new Error('the simulator has not started yet: call start() first');
    return live;
  }

  /** Stores what could not be stored before (retried every tick) plus newly closed minutes. */
  function store1m(symbol: string, closed: readonly Candle[]): void {
    const pending = [...(unstored.get(symbol) ?? []), ...closed];
    if (pending.length === 0) return;
    try {
      store.upsert(SIMULATOR_SOURCE, symbol, '1m', pending);
      unstored.delete(symbol);
      if (storeError && unstored.size === 0) {
        storeError = null;
        logger?.info('exchange', 'the simulator stores candles again');
        broadcastStatus();
      }
    } catch (error) {
      unstored.set(symbol, pending);
      const first = storeError === null;
      storeError = `candles are not being saved (${(error as Error).message}); retrying`;
      if (first) {
        logger?.error('exchange', 'the simulator could not store candles; retrying', { symbol, error });
        broadcastStatus();
      }
    }
  }

  /** Closes every minute that has ended by `time`: stored once, then emitted in order. */
  function sync(time: number): void {
    for (const live of markets.values()) {
      const closed = live.closeUntil(time);
      if (closed.length > 0 || unstored.has(live.symbol)) store1m(live.symbol, closed);
      if (closed.length === 0) continue;
      for (const sub of subscriptions.all()) {
        if (sub.symbol !== live.symbol) continue;
        for (const minute of closed) {
          for (const candle of sub.bucket ? sub.bucket.addClosed(minute) : [minute]) {
            subscriptions.emit(sub, {
              type: 'candle',
              symbol: sub.symbol,
              timeframe: sub.timeframe,
              candle,
              closed: true,
            });
          }
        }
      }
    }
  }

  /** The forming candle of every subscription, then a ticker for each symbol someone watches. */
  function emitForming(time: number): void {
    const watched = new Map<string, ReturnType<LiveMarket['ticker']> | null>();
    for (const sub of subscriptions.all()) {
      const live = markets.get(sub.symbol);
      if (!live) continue;
      const minute = live.forming(time);
      const candle = sub.bucket ? sub.bucket.forming(minute) : minute;
      subscriptions.emit(sub, { type: 'candle', symbol: sub.symbol, timeframe: sub.timeframe, candle, closed: false });
      watched.set(sub.symbol, null);
    }
    for (const sub of subscriptions.all()) {
      if (!watched.has(sub.symbol)) continue;
      const ticker = watched.get(sub.symbol) ?? markets.get(sub.symbol)!.ticker(time, book);
      watched.set(sub.symbol, ticker);
      subscriptions.emit(sub, { type: 'ticker', ticker });
    }
  }

  function tick(): void {
    timer = null;
    if (state !== 'running') return;
    try {
      const time = now();
      sync(time);
      emitForming(time);
      lastUpdate = time;
    } catch (error) {
      logger?.error('exchange', 'simulator tick failed', { error });
    }
    timer = scheduler.setTimeout(tick, tickMs);
  }

  async function run(): Promise<SimulatorStart> {
    const began = performance.now();
    state = 'starting';
    realAnchor = clock.now();
    // Resume from the stored minutes if an earlier run at speed > 1 went past the wall clock (or
    // past a fixed start).
    simAnchor = options.startAt ?? realAnchor;
    for (const m of SIM_MARKETS) {
      const latest = store.latest(SIMULATOR_SOURCE, m.symbol, '1m');
      if (latest && latest.time + MINUTE_MS > simAnchor) simAnchor = latest.time + MINUTE_MS;
    }
    const lastClosed = slotStart(simAnchor, MINUTE_MS) - MINUTE_MS;
    let generated = 0;
    for (const m of SIM_MARKETS) {
      const prepared = await prepareHistory({ store, seed, symbol: m.symbol, lastClosed, historyDays });
      generated += prepared.generated;
      markets.set(m.symbol, createLiveMarket({ process: prepared.process, seed, store }));
    }
    if (closedMeanwhile()) return { generated, ms: performance.now() - began };
    state = 'running';
    for (const sub of subscriptions.all()) sub.bucket = bucketFor(sub.symbol, sub.timeframe);
    lastUpdate = now();
    const ms = performance.now() - began;
    logger?.info('exchange', 'simulator started', { generated, ms: Math.round(ms), speed, simulatedTime: lastUpdate });
    broadcastStatus();
    timer = scheduler.setTimeout(tick, tickMs);
    return { generated, ms };
  }

  return {
    id: SIMULATOR_SOURCE,
    speed,
    start() {
      if (state === 'closed') return Promise.reject(new Error('this simulator was closed; create a new one'));
      started ??= run().catch((error: unknown) => {
        state = 'idle';
        started = null;
        throw error;
      });
      return started;
    },
    now,
    markets: () => Promise.resolve(SIM_MARKETS.map(toMarketInfo)),
    async fetchCandles(range: CandleRange): Promise<Candle[]> {
      simMarket(range.symbol);
      const { symbol, timeframe, from, to } = range;
      if (state === 'running') sync(now());
      return readCandles({ store, source: SIMULATOR_SOURCE, symbol, base: '1m', timeframe, from, to, asOf: now() });
    },
    async fetchTicker(symbol) {
      const live = liveMarket(symbol);
      const time = now();
      sync(time);
      return live.ticker(time, book);
    },
    async fetchBook(symbol, depth): Promise<BookTop> {
      const live = liveMarket(symbol);
      const time = now();
      sync(time);
      return book.bookAt(symbol, time, live.forming(time).close, live.sigma(), depth);
    },
    subscribe(symbol, timeframe, listener) {
      simMarket(symbol);
      return subscriptions.add(symbol, timeframe, listener, () => bucketFor(symbol, timeframe));
    },
    status,
    async close() {
      if (state === 'closed') return;
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
      for (const [symbol] of unstored) store1m(symbol, []);
      state = 'closed';
      broadcastStatus();
      subscriptions.clear();
    },
  };
}
