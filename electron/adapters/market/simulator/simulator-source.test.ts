import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../../engine/market/market-data-port.js';
import { resampleClosed } from '../../../engine/market/resample.js';
import { createManualScheduler } from '../../../engine/scheduler.js';
import { createSimulatorSource, type SimulatorOptions } from './simulator-source.js';
import { createMemoryCandleStore, type MemoryCandleStore } from './testing/memory-candle-store.js';

const MIN = 60_000;
const T0 = Date.UTC(2024, 2, 1, 12, 0, 30); // 30 s into a minute
const SYMBOLS = ['BTC/USD', 'ETH/USD', 'SOL/USD'];

function setup(options: Partial<SimulatorOptions> & { store?: MemoryCandleStore; at?: number } = {}) {
  const scheduler = createManualScheduler(options.at ?? T0);
  const clock = scheduler.clock;
  const store = options.store ?? createMemoryCandleStore();
  const source = createSimulatorSource({ seed: 11, historyDays: 2, ...options, clock, scheduler, store });
  const events: MarketEvent[] = [];
  return { clock, scheduler, store, source, events, listen: (e: MarketEvent) => events.push(e) };
}

const candles = (events: MarketEvent[], closed: boolean) =>
  events.flatMap((e) => (e.type === 'candle' && e.closed === closed ? [e.candle] : []));

describe('simulator source: history', () => {
  it('generates historyDays of 1m candles per market, ending at the last closed minute', async () => {
    const { source, store } = setup();
    const result = await source.start();
    expect(result.generated).toBe(3 * 2 * 1440);
    for (const symbol of SYMBOLS) {
      expect(store.count('simulator', symbol, '1m')).toBe(2880);
      expect(store.latest('simulator', symbol, '1m')!.time).toBe(T0 - 30_000 - MIN);
      expect(store.earliest('simulator', symbol, '1m')!.time).toBe(T0 - 30_000 - 2880 * MIN);
    }
    expect(source.status()).toMatchObject({ source: 'simulator', state: 'live', message: null });
    await source.close();
    expect(source.status().state).toBe('down');
  });

  it('continues after a restart from the last stored candle: no duplicates, no holes, the open is the last close', async () => {
    const first = setup();
    await first.source.start();
    first.scheduler.advance(3 * MIN);
    await first.source.close();
    const last = first.store.latest('simulator', 'ETH/USD', '1m')!;

    const second = setup({ store: first.store, at: first.clock.now() + 10 * MIN });
    const result = await second.source.start();
    expect(result.generated).toBe(3 * 10);
    const all = second.store.range('simulator', 'ETH/USD', '1m', 0, Number.MAX_SAFE_INTEGER);
    expect(all).toHaveLength(2880 + 3 + 10);
    for (let i = 1; i < all.length; i++) expect(all[i]!.time - all[i - 1]!.time).toBe(MIN);
    const next = all.find((c) => c.time === last.time + MIN)!;
    expect(Math.abs(next.open / last.close - 1)).toBeLessThan(0.01);
    await second.source.close();
  });

  it('after an absence longer than historyDays, stores only the last historyDays (starting from the stored close)', async () => {
    const first = setup({ historyDays: 1 });
    await first.source.start();
    await first.source.close();
    const last = first.store.latest('simulator', 'BTC/USD', '1m')!;
    const second = setup({ store: first.store, historyDays: 1, at: T0 + 5 * 1440 * MIN });
    expect((await second.source.start()).generated).toBe(3 * 1440);
    const resumed = second.store.range('simulator', 'BTC/USD', '1m', last.time + 1, Number.MAX_SAFE_INTEGER);
    expect(resumed[0]!.time).toBe(T0 - 30_000 + 4 * 1440 * MIN);
    expect(Math.abs(resumed[0]!.open / last.close - 1)).toBeLessThan(0.01);
    await second.source.close();
  });

  it('stays stopped when closed while it is still generating', async () => {
    const { source, scheduler } = setup();
    const starting = source.start();
    await source.close();
    await starting;
    expect(source.status().state).toBe('down');
    expect(scheduler.pending()).toBe(0);
    await expect(source.start()).rejects.toThrow(/closed/);
  });

  it('is deterministic: the same seed and clock give the same history', async () => {
    const a = setup();
    const b = setup();
    await a.source.start();
    await b.source.start();
    const range = (s: MemoryCandleStore) => s.range('simulator', 'SOL/USD', '1m', 0, Number.MAX_SAFE_INTEGER);
    expect(range(b.store)).toEqual(range(a.store));
    const c = setup({ seed: 12 });
    await c.source.start();
    expect(range(c.store)).not.toEqual(range(a.store));
  });

  it('with a fixed start, gives the same market whenever it is started (reproducible sessions)', async () => {
    const startAt = Date.UTC(2026, 0, 1);
    const a = setup({ startAt });
    const b = setup({ startAt, at: T0 + 3 * 86_400_000 + 17 * MIN });
    await a.source.start();
    await b.source.start();
    const range = (s: MemoryCandleStore) => s.range('simulator', 'BTC/USD', '1m', 0, Number.MAX_SAFE_INTEGER);
    expect(range(a.store).length).toBe(2 * 1440);
    expect(range(b.store)).toEqual(range(a.store));
    expect(range(a.store).at(-1)!.time).toBe(startAt - MIN);
    expect(a.source.now()).toBeGreaterThanOrEqual(startAt);
    expect(a.source.now()).toBeLessThan(startAt + MIN);
    expect(() => setup({ startAt: Number.NaN })).toThrow(/simulator start/);
  });
});

describe('simulator source: live', () => {
  it('updates the forming minute every second, then closes it at the boundary: emitted and stored once', async () => {
    const { source, scheduler, store, events, listen } = setup();
    source.subscribe('BTC/USD', '1m', listen);
    await source.start();
    const minute = T0 - 30_000;
    scheduler.advance(29_000);
    const forming = candles(events, false);
    expect(forming.length).toBeGreaterThanOrEqual(29);
    expect(forming.every((c) => c.time === minute)).toBe(true);
    expect(candles(events, true)).toEqual([]);
    expect(store.writes.filter((w) => w.times.includes(minute))).toHaveLength(0);

    scheduler.advance(1_000); // the minute boundary
    const closed = candles(events, true);
    expect(closed).toHaveLength(1);
    expect(closed[0]!.time).toBe(minute);
    const lastForming = forming.at(-1)!;
    expect(closed[0]!.high).toBeGreaterThanOrEqual(lastForming.high);
    expect(closed[0]!.low).toBeLessThanOrEqual(lastForming.low);
    expect(store.range('simulator', 'BTC/USD', '1m', minute, minute)).toEqual(closed);
    scheduler.advance(5 * MIN);
    expect(store.writes.filter((w) => w.symbol === 'BTC/USD' && w.times.includes(minute))).toHaveLength(1);
    expect(candles(events, true).map((c) => c.time)).toEqual([0, 1, 2, 3, 4, 5].map((i) => minute + i * MIN));
    // The next minute opens at the close of the one before (unless it gaps).
    const [a, b] = candles(events, true);
    expect(Math.abs(b!.open / a!.close - 1)).toBeLessThan(0.01);
    await source.close();
  });

  it('sends tickers from the book and the last 24 hours', async () => {
    const { source, scheduler, store, events, listen } = setup();
    source.subscribe('ETH/USD', '1m', listen);
    await source.start();
    scheduler.advance(2_000);
    const ticker = events.flatMap((e) => (e.type === 'ticker' ? [e.ticker] : [])).at(-1)!;
    expect(ticker.symbol).toBe('ETH/USD');
    expect(ticker.bid).toBeLessThan(ticker.last);
    expect(ticker.ask).toBeGreaterThan(ticker.last);
    expect(ticker.high24h).toBeGreaterThanOrEqual(ticker.last);
    expect(ticker.low24h).toBeLessThanOrEqual(ticker.last);
    const day = store.range('simulator', 'ETH/USD', '1m', T0 - 30_000 - 1439 * MIN, T0);
    expect(ticker.high24h).toBeGreaterThanOrEqual(Math.max(...day.map((c) => c.high)));
    expect(ticker.change24hPercent).toBeCloseTo(((ticker.last - day[0]!.open) / day[0]!.open) * 100, 8);
    expect(ticker.volume24h).toBeGreaterThan(day.reduce((s, c) => s + c.volume, 0));
    await source.close();
  });

  it('runs simulated time at `speed` times the wall clock (60 = a minute per second)', async () => {
    const { source, scheduler, clock, events, listen } = setup({ speed: 60 });
    source.subscribe('SOL/USD', '1m', listen);
    await source.start();
    const realStart = clock.now();
    const simStart = source.now();
    scheduler.advance(5_000);
    expect(source.now() - simStart).toBe((clock.now() - realStart) * 60);
    expect(source.now()).toBeGreaterThan(clock.now());
    expect(candles(events, true)).toHaveLength(5);
    await source.close();
  });

  it('after a fast run, a restart resumes from the stored minutes ahead of the wall clock', async () => {
    const fast = setup({ speed: 600 });
    await fast.source.start();
    fast.scheduler.advance(6_000); // one simulated hour
    await fast.source.close();
    const latest = fast.store.latest('simulator', 'BTC/USD', '1m')!;
    expect(latest.time).toBeGreaterThan(fast.clock.now());

    const again = setup({ store: fast.store, at: fast.clock.now() });
    expect((await again.source.start()).generated).toBe(0);
    expect(again.source.now()).toBe(latest.time + MIN);
    again.scheduler.advance(MIN);
    expect(again.store.latest('simulator', 'BTC/USD', '1m')!.time).toBe(latest.time + MIN);
    await again.source.close();
  });

  it('emits coarser timeframes: the forming 5m bucket, then the closed one equal to the resampled minutes', async () => {
    const { source, scheduler, store, events, listen } = setup({ at: Date.UTC(2024, 2, 1, 12, 3, 0) });
    source.subscribe('BTC/USD', '5m', listen);
    await source.start();
    scheduler.advance(2 * MIN);
    const closed = candles(events, true);
    expect(closed).toHaveLength(1);
    const bucket = Date.UTC(2024, 2, 1, 12, 0);
    const minutes = store.range('simulator', 'BTC/USD', '1m', bucket, bucket + 4 * MIN);
    expect(closed[0]).toEqual(resampleClosed(minutes, { to: '5m', asOf: bucket + 5 * MIN })[0]);
    expect(candles(events, false).every((c) => c.time === bucket || c.time === bucket + 5 * MIN)).toBe(true);
    await source.close();
  });
});

describe('simulator source: requests', () => {
  it('serves 1m candles from the store and coarser ones resampled from them', async () => {
    const { source, store } = setup();
    await source.start();
    const from = T0 - 30_000 - 6 * 60 * MIN;
    const oneMinute = await source.fetchCandles({ symbol: 'BTC/USD', timeframe: '1m', from, to: T0 });
    expect(oneMinute).toEqual(store.range('simulator', 'BTC/USD', '1m', from, T0));
    const hourly = await source.fetchCandles({ symbol: 'BTC/USD', timeframe: '1h', from, to: T0 });
    expect(hourly.map((c) => c.time)).toEqual([0, 1, 2, 3, 4, 5].map((h) => from + h * 60 * MIN));
    expect(hourly).toEqual(resampleClosed(oneMinute, { to: '1h', asOf: source.now() }));
    await source.close();
  });

  it('answers ticker and book requests at the simulated now', async () => {
    const { source } = setup();
    await expect(source.fetchTicker('BTC/USD')).rejects.toThrow(/start\(\)/);
    await source.start();
    const [ticker, book] = [await source.fetchTicker('BTC/USD'), await source.fetchBook('BTC/USD', 10)];
    expect(book.bids).toHaveLength(10);
    expect(book.bids[0]![0]).toBe(ticker.bid);
    expect(book.asks[0]![0]).toBe(ticker.ask);
    expect((await source.markets()).map((m) => m.symbol)).toEqual(SYMBOLS);
    await source.close();
  });

  it('refuses an unknown market with the list of simulated ones', async () => {
    const { source } = setup();
    expect(() => source.subscribe('DOGE/USD', '1m', () => undefined)).toThrow(/BTC\/USD, ETH\/USD, SOL\/USD/);
    await expect(source.fetchCandles({ symbol: 'DOGE/USD', timeframe: '1m', from: 0, to: 1 })).rejects.toThrow(/DOGE/);
  });

  it('reports connecting, live and down, and stale while candles cannot be stored (retrying)', async () => {
    const store = createMemoryCandleStore();
    const { source, scheduler, events, listen } = setup({ store });
    source.subscribe('BTC/USD', '1m', listen);
    expect(source.status().state).toBe('connecting');
    await source.start();
    const upsert = store.upsert;
    store.upsert = () => {
      throw new Error('disk full');
    };
    scheduler.advance(MIN);
    expect(source.status()).toMatchObject({ state: 'stale', message: expect.stringMatching(/disk full/) as unknown });
    store.upsert = upsert;
    scheduler.advance(MIN);
    expect(source.status().state).toBe('live');
    expect(store.count('simulator', 'BTC/USD', '1m')).toBe(2880 + 2);
    await source.close();
    const states = events.flatMap((e) => (e.type === 'status' ? [e.status.state] : []));
    expect(states).toEqual(['live', 'stale', 'live', 'down']);
  });
});
