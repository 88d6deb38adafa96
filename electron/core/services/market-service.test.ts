import { describe, expect, it } from 'vitest';
import type { Candle, FeedStatus, MarketSourceConfig, Timeframe } from '../../../shared/domain/market.js';
import type { EventName } from '../../../shared/ipc/contract.js';
import { createManualClock } from '../../engine/clock.js';
import type { MarketDataSource, MarketEvent } from '../../engine/market/market-data-port.js';
import { createEventBus } from '../event-bus.js';
import { createMarketService } from './market-service.js';
import type { Logger } from '../../logging/types.js';

const quietLogger: Logger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  log: () => undefined,
  addSecret: () => undefined,
  close: () => Promise.resolve(),
};

/** A source with a fixed candle series and a hand-driven live feed. */
function fakeSource(id: string, failStart = false) {
  const listeners = new Map<string, (e: MarketEvent) => void>();
  const candles: Candle[] = Array.from({ length: 100 }, (_, i) => ({
    time: i * 60_000,
    open: 100 + i,
    high: 102 + i,
    low: 99 + i,
    close: 101 + i,
    volume: 1,
  }));
  const status: FeedStatus = { source: id, state: 'live', message: null, lastUpdate: null };
  let closed = false;
  const source: MarketDataSource = {
    id,
    markets: () =>
      Promise.resolve([
        { symbol: 'BTC/USD', base: 'BTC', quote: 'USD', priceStep: 0.1, amountStep: 1e-8, minAmount: 0, minCost: 0 },
      ]),
    fetchCandles: ({ from, to }) => Promise.resolve(candles.filter((c) => c.time >= from && c.time <= to)),
    fetchTicker: () => Promise.reject(new Error('no ticker')),
    fetchBook: () => Promise.reject(new Error('no book')),
    subscribe: (symbol: string, timeframe: Timeframe, listener) => {
      listeners.set(`${symbol}|${timeframe}`, listener);
      return () => listeners.delete(`${symbol}|${timeframe}`);
    },
    status: () => status,
    now: () => 99 * 60_000,
    start: () => (failStart ? Promise.reject(new Error('boom')) : Promise.resolve()),
    close: () => {
      closed = true;
      return Promise.resolve();
    },
  };
  return { source, listeners, isClosed: () => closed };
}

function setup() {
  const sources: ReturnType<typeof fakeSource>[] = [];
  const emitted: { name: EventName; payload: unknown }[] = [];
  const persisted: MarketSourceConfig[] = [];
  const events = createEventBus(() => undefined);
  events.subscribe((name, payload) => emitted.push({ name, payload }));
  const service = createMarketService({
    initial: { kind: 'simulator' },
    createSource: (config) => {
      const s = fakeSource(
        config.kind === 'exchange' ? config.exchangeId : config.kind,
        config.kind === 'exchange' && config.exchangeId === 'broken',
      );
      sources.push(s);
      return s.source;
    },
    persistSource: (c) => persisted.push(c),
    events,
    clock: createManualClock(0),
    logger: quietLogger,
  });
  return { service, sources, emitted, persisted };
}

describe('market service', () => {
  it('returns the latest `limit` candles as columns, up to the source time', async () => {
    const { service } = setup();
    const r = await service.candles({ symbol: 'BTC/USD', timeframe: '1m', limit: 10 });
    expect(r.source).toBe('simulator');
    expect(r.candles.time).toHaveLength(10);
    expect(r.candles.time.at(-1)).toBe(99 * 60_000);
    expect(r.candles.close[0]).toBe(101 + 90);
  });

  it('forwards live candles of watched markets as contract events, at most four watches', async () => {
    const { service, sources, emitted } = setup();
    await service.watch('BTC/USD', '1m');
    const candle = { time: 6_000_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 3 };
    sources[0]!.listeners.get('BTC/USD|1m')!({
      type: 'candle',
      symbol: 'BTC/USD',
      timeframe: '1m',
      candle,
      closed: false,
    });
    expect(emitted).toContainEqual({
      name: 'market.candle',
      payload: { source: 'simulator', symbol: 'BTC/USD', timeframe: '1m', candle, closed: false },
    });
    for (const tf of ['5m', '15m', '1h', '4h'] as const) await service.watch('BTC/USD', tf);
    expect(sources[0]!.listeners.has('BTC/USD|1m')).toBe(false);
    expect(sources[0]!.listeners.size).toBe(4);
  });

  it('lists every feed the engine runs (charts, strategy runs, order quotes), each with its state', async () => {
    const { service, sources } = setup();
    await service.watch('BTC/USD', '1m'); // the chart
    const stopRun = service.source().subscribe('ETH/USD', '1h', () => undefined); // a strategy run
    const stopQuotes = service.source().subscribe('SOL/USD', '5m', () => undefined); // order quotes
    const candle = { time: 98 * 60_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 3 };
    sources[0]!.listeners.get('BTC/USD|1m')!({
      type: 'candle',
      symbol: 'BTC/USD',
      timeframe: '1m',
      candle,
      closed: true,
    });
    expect(service.feedStatus()).toEqual([
      {
        source: 'simulator',
        symbol: 'BTC/USD',
        timeframe: '1m',
        lastCandleTime: 98 * 60_000,
        state: 'live',
        subscribers: 1,
      },
      {
        source: 'simulator',
        symbol: 'ETH/USD',
        timeframe: '1h',
        lastCandleTime: null,
        state: 'waiting',
        subscribers: 1,
      },
      {
        source: 'simulator',
        symbol: 'SOL/USD',
        timeframe: '5m',
        lastCandleTime: null,
        state: 'waiting',
        subscribers: 1,
      },
    ]);
    stopQuotes();
    expect(service.feedStatus().map((f) => `${f.symbol} ${f.timeframe}`)).toEqual(['BTC/USD 1m', 'ETH/USD 1h']);
    stopRun();
  });

  it('calls a feed stale when its last candle is more than two candles old, and shows a source that is down', async () => {
    const { service, sources } = setup();
    service.source().subscribe('BTC/USD', '1m', () => undefined);
    const candle = { time: 90 * 60_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 3 };
    sources[0]!.listeners.get('BTC/USD|1m')!({
      type: 'candle',
      symbol: 'BTC/USD',
      timeframe: '1m',
      candle,
      closed: true,
    });
    expect(service.feedStatus()[0]).toMatchObject({ state: 'stale', lastCandleTime: 90 * 60_000 });
    const status = sources[0]!.source.status();
    status.state = 'down';
    expect(service.feedStatus()[0]).toMatchObject({ state: 'down' });
  });

  it('switches source only when the new one starts, and remembers the choice', async () => {
    const { service, sources, persisted } = setup();
    await expect(service.setSource({ kind: 'exchange', exchangeId: 'broken' })).rejects.toThrow(
      /could not start: boom/,
    );
    expect(service.source().id).toBe('simulator');
    expect(sources[0]!.isClosed()).toBe(false);
    expect(persisted).toEqual([]);
    const overview = await service.setSource({ kind: 'exchange', exchangeId: 'kraken' });
    expect(overview.source).toEqual({ kind: 'exchange', exchangeId: 'kraken' });
    expect(sources[0]!.isClosed()).toBe(true);
    expect(persisted).toEqual([{ kind: 'exchange', exchangeId: 'kraken' }]);
  });
});
