import {
  TIMEFRAME_MS,
  type BookTop,
  type CandlesQuery,
  type CandlesResult,
  type FeedStatus,
  type MarketOverview,
  type MarketSourceConfig,
  type Ticker,
  type Timeframe,
} from '../../../shared/domain/market.js';
import { AppError } from '../../../shared/ipc/envelope.js';
import type { Clock } from '../../engine/clock.js';
import { candlesToColumns } from '../../engine/market/candle-columns.js';
import type { MarketDataSource, MarketEvent } from '../../engine/market/market-data-port.js';
import type { Logger } from '../../logging/types.js';
import type { EventBus } from '../event-bus.js';
import { trackFeeds, type TrackedFeed } from './feed-registry.js';

export type MarketService = {
  overview(): Promise<MarketOverview>;
  setSource(config: MarketSourceConfig): Promise<MarketOverview>;
  candles(query: CandlesQuery): Promise<CandlesResult>;
  ticker(symbol: string): Promise<Ticker>;
  book(symbol: string, depth: number): Promise<BookTop>;
  watch(symbol: string, timeframe: Timeframe): Promise<FeedStatus>;
  /** The active source, for other services (order execution, strategies). */
  source(): MarketDataSource;
  /** The active source's configuration (what setSource was last given). */
  config(): MarketSourceConfig;
  /** The last closed candle seen per series watched by market.watch (the charts). */
  feeds(): { source: string; symbol: string; timeframe: Timeframe; lastCandleTime: number | null }[];
  /** Every feed of the active source, whoever reads it, with its state: for the system status panel. */
  feedStatus(): (TrackedFeed & { source: string })[];
  close(): Promise<void>;
};

export type SourceFactory = (config: MarketSourceConfig) => MarketDataSource;

/** How many symbol/timeframe pairs stream live at once; the oldest watch is dropped beyond it. */
const MAX_WATCHES = 4;

/** Owns the active market-data source and turns its events into contract events. */
export function createMarketService(deps: {
  initial: MarketSourceConfig;
  createSource: SourceFactory;
  persistSource: (config: MarketSourceConfig) => void;
  events: EventBus;
  clock: Clock;
  logger: Logger;
}): MarketService {
  const { events, logger } = deps;
  let config = deps.initial;
  let tracked = trackFeeds(deps.createSource(config), () => deps.clock.now());
  let source = tracked.source;
  let ready = start(source);
  const watches = new Map<string, () => void>();
  const lastClosed = new Map<string, number>();

  function start(s: MarketDataSource): Promise<void> {
    const began = deps.clock.now();
    return (s.start?.() ?? Promise.resolve()).then(
      (result) => logger.info('exchange', `market data source ${s.id} ready`, { ms: deps.clock.now() - began, result }),
      (error: unknown) => {
        logger.error('exchange', `market data source ${s.id} failed to start`, { error });
        throw new AppError('unavailable', `market data (${s.id}) could not start: ${(error as Error).message}`);
      },
    );
  }

  async function active(): Promise<MarketDataSource> {
    await ready;
    return source;
  }

  function forward(event: MarketEvent): void {
    if (event.type === 'candle') {
      if (event.closed) lastClosed.set(`${event.symbol}|${event.timeframe}`, event.candle.time);
      events.emit('market.candle', {
        source: source.id,
        symbol: event.symbol,
        timeframe: event.timeframe,
        candle: event.candle,
        closed: event.closed,
      });
    } else if (event.type === 'ticker') events.emit('market.ticker', event.ticker);
    else events.emit('market.status', event.status);
  }

  function unwatchAll(): void {
    for (const stop of watches.values()) stop();
    watches.clear();
    lastClosed.clear();
  }

  async function overview(): Promise<MarketOverview> {
    const s = await active();
    return { source: config, status: s.status(), markets: await s.markets() };
  }

  return {
    overview,
    async setSource(next) {
      // The new source must start before the old one is let go: a failed switch changes nothing.
      const candidateFeeds = trackFeeds(deps.createSource(next), () => deps.clock.now());
      const candidate = candidateFeeds.source;
      try {
        await start(candidate);
      } catch (error) {
        await candidate.close().catch(() => undefined);
        throw error;
      }
      unwatchAll();
      await source
        .close()
        .catch((error: unknown) => logger.warn('exchange', 'closing the old source failed', { error }));
      config = next;
      tracked = candidateFeeds;
      source = candidate;
      ready = Promise.resolve();
      deps.persistSource(next);
      logger.info('exchange', `market data source switched to ${source.id}`, { source: next });
      events.emit('market.status', source.status());
      return overview();
    },
    async candles(query) {
      const s = await active();
      const limit = query.limit ?? 5_000;
      const span = TIMEFRAME_MS[query.timeframe];
      const to = query.to ?? s.now?.() ?? deps.clock.now();
      const from = query.from ?? Math.max(0, to - limit * span);
      const candles = await s.fetchCandles({ symbol: query.symbol, timeframe: query.timeframe, from, to });
      const tail = candles.length > limit ? candles.slice(candles.length - limit) : candles;
      return { source: s.id, symbol: query.symbol, timeframe: query.timeframe, candles: candlesToColumns(tail) };
    },
    async ticker(symbol) {
      return (await active()).fetchTicker(symbol);
    },
    async book(symbol, depth) {
      return (await active()).fetchBook(symbol, depth);
    },
    async watch(symbol, timeframe) {
      const s = await active();
      const key = `${symbol}|${timeframe}`;
      const existing = watches.get(key);
      if (existing) {
        // refresh its place as the most recent
        watches.delete(key);
        watches.set(key, existing);
        return s.status();
      }
      if (watches.size >= MAX_WATCHES) {
        const [oldest, stop] = watches.entries().next().value as [string, () => void];
        stop();
        watches.delete(oldest);
      }
      watches.set(key, s.subscribe(symbol, timeframe, forward));
      return s.status();
    },
    source: () => source,
    config: () => config,
    feeds: () =>
      [...watches.keys()].map((key) => {
        const [symbol = '', timeframe = '1m'] = key.split('|');
        return {
          source: source.id,
          symbol,
          timeframe: timeframe as Timeframe,
          lastCandleTime: lastClosed.get(key) ?? null,
        };
      }),
    feedStatus: () => tracked.feeds().map((f) => ({ source: source.id, ...f })),
    async close() {
      unwatchAll();
      await ready.catch(() => undefined);
      await source.close();
    },
  };
}
