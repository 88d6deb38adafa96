import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../engine/market/market-data-port.js';
import { resampleClosed } from '../../engine/market/resample.js';
import { createManualScheduler } from '../../engine/scheduler.js';
import { arraysToCandles } from '../../engine/simulator/candle-arrays.js';
import { generateCandles } from '../../engine/simulator/price-process.js';
import { createReplaySource, type ReplayOptions } from './replay-source.js';
import { createMemoryCandleStore } from './simulator/testing/memory-candle-store.js';

const MIN = 60_000;
const START = Date.UTC(2024, 5, 1, 10, 0);
const STORED = arraysToCandles(generateCandles({ seed: 3, symbol: 'BTC/USD', start: START, count: 100 }));

function setup(options: Partial<ReplayOptions> = {}) {
  const scheduler = createManualScheduler(Date.UTC(2025, 0, 1));
  const clock = scheduler.clock;
  const store = createMemoryCandleStore();
  store.upsert('kraken', 'BTC/USD', '1m', STORED);
  const replay = createReplaySource({
    store,
    clock,
    scheduler,
    source: 'kraken',
    symbol: 'BTC/USD',
    timeframe: '1m',
    speed: 10,
    ...options,
  });
  const events: MarketEvent[] = [];
  replay.subscribe('BTC/USD', options.timeframe ?? '1m', (e) => events.push(e));
  const closedTimes = () => events.flatMap((e) => (e.type === 'candle' && e.closed ? [e.candle.time] : []));
  const statuses = () => events.flatMap((e) => (e.type === 'status' ? [e.status.state] : []));
  return { clock, scheduler, store, replay, events, closedTimes, statuses };
}

const times = (from: number, count: number) => Array.from({ length: count }, (_, i) => START + (from + i) * MIN);

describe('replay source', () => {
  it('plays every stored candle once, in order, at the chosen rate, then says it finished', async () => {
    const { replay, scheduler, events, closedTimes, statuses } = setup();
    expect(await replay.start()).toEqual({ candles: 100, from: START, to: START + 99 * MIN });
    scheduler.advance(1_000);
    expect(closedTimes()).toEqual(times(0, 10));
    scheduler.advance(9_000);
    expect(closedTimes()).toEqual(times(0, 100));
    const candles = events.flatMap((e) => (e.type === 'candle' ? [e.candle] : []));
    expect(candles).toEqual(STORED);
    expect(replay.state()).toBe('finished');
    const final = events.at(-1);
    expect(final?.type === 'status' && final.status).toMatchObject({
      state: 'stale',
      message: 'replay finished: played up to 2024-06-01T11:39:00.000Z',
    });
    expect(statuses()).toEqual(['live', 'stale']);
    expect(scheduler.pending()).toBe(0);
  });

  it('pauses and resumes', async () => {
    const { replay, scheduler, closedTimes, statuses } = setup();
    await replay.start();
    scheduler.advance(1_000);
    replay.pause();
    scheduler.advance(5_000);
    expect(closedTimes()).toHaveLength(10);
    expect(replay.status()).toMatchObject({ state: 'stale', message: 'replay paused' });
    replay.resume();
    scheduler.advance(1_000);
    expect(closedTimes()).toEqual(times(0, 20));
    expect(statuses()).toEqual(['live', 'stale', 'live']);
  });

  it('seeks forward and back', async () => {
    const { replay, scheduler, closedTimes } = setup();
    await replay.start();
    scheduler.advance(500);
    replay.seek(START + 50 * MIN);
    expect(replay.position()).toBe(START + 49 * MIN);
    expect(replay.now()).toBe(START + 50 * MIN);
    scheduler.advance(300);
    expect(closedTimes()).toEqual([...times(0, 5), ...times(50, 3)]);
    replay.pause();
    replay.seek(START + 2 * MIN + 1); // between candles: the next one after it
    replay.resume();
    scheduler.advance(200);
    expect(closedTimes().slice(8)).toEqual(times(3, 2));
  });

  it('after the end, a seek back pauses at that point until resumed', async () => {
    const { replay, scheduler, closedTimes } = setup({ speed: 1_000 });
    await replay.start();
    scheduler.advance(1_000);
    expect(replay.state()).toBe('finished');
    replay.seek(START + 98 * MIN);
    expect(replay.state()).toBe('paused');
    replay.resume();
    scheduler.advance(1_000);
    expect(closedTimes().slice(100)).toEqual(times(98, 2));
    expect(replay.state()).toBe('finished');
  });

  it('plays at a time multiplier: 60 = one 1-minute candle per real second', async () => {
    const { replay, scheduler, closedTimes } = setup({ speed: { multiplier: 60 } });
    await replay.start();
    scheduler.advance(3_000);
    expect(closedTimes()).toEqual(times(0, 3));
    replay.setSpeed({ candlesPerSecond: 20 });
    scheduler.advance(1_000);
    expect(closedTimes()).toHaveLength(23);
  });

  it('plays a window [from, to] and answers candle requests without looking ahead', async () => {
    const { replay, scheduler, closedTimes } = setup({ from: START + 10 * MIN, to: START + 39 * MIN });
    await replay.start();
    scheduler.advance(1_000);
    expect(closedTimes()).toEqual(times(10, 10));
    const seen = await replay.fetchCandles({ symbol: 'BTC/USD', timeframe: '1m', from: 0, to: START + 1_000 * MIN });
    expect(seen).toEqual(STORED.slice(0, 20)); // history before `from` is there, the future is not
    const fiveMinute = await replay.fetchCandles({
      symbol: 'BTC/USD',
      timeframe: '5m',
      from: 0,
      to: START + 1_000 * MIN,
    });
    expect(fiveMinute).toEqual(resampleClosed(STORED.slice(0, 20), { to: '5m', asOf: START + 20 * MIN }));
    scheduler.advance(5_000);
    expect(closedTimes().at(-1)).toBe(START + 39 * MIN);
  });

  it('builds coarser timeframes from the replayed candles', async () => {
    const { replay, scheduler } = setup();
    const fives: MarketEvent[] = [];
    replay.subscribe('BTC/USD', '5m', (e) => fives.push(e));
    await replay.start();
    scheduler.advance(2_000);
    const closed = fives.flatMap((e) => (e.type === 'candle' && e.closed ? [e.candle] : []));
    expect(closed).toEqual(resampleClosed(STORED.slice(0, 20), { to: '5m', asOf: START + 20 * MIN }));
    const forming = fives.flatMap((e) => (e.type === 'candle' && !e.closed ? [e.candle] : []));
    expect(forming.length).toBeGreaterThan(0);
    expect(() => replay.subscribe('BTC/USD', '1m', () => undefined)).not.toThrow();
  });

  it('quotes a ticker and a book around the last replayed close', async () => {
    const { replay, scheduler, events } = setup();
    await replay.start();
    scheduler.advance(2_000);
    const ticker = await replay.fetchTicker('BTC/USD');
    expect(ticker.last).toBe(STORED[19]!.close);
    expect(ticker.bid).toBeLessThan(ticker.last);
    expect(ticker.ask).toBeGreaterThan(ticker.last);
    expect(ticker.change24hPercent).toBeCloseTo(((STORED[19]!.close - STORED[0]!.open) / STORED[0]!.open) * 100, 8);
    expect(events.some((e) => e.type === 'ticker')).toBe(true);
    const book = await replay.fetchBook('BTC/USD', 5);
    expect(book.bids).toHaveLength(5);
    expect((await replay.markets())[0]).toMatchObject({ symbol: 'BTC/USD', priceStep: 0.1 });
  });

  it('says what to do when there is nothing to play or the request does not fit', async () => {
    const empty = setup({ source: 'binance' });
    await expect(empty.replay.start()).rejects.toThrow(
      /no stored 1m candles of BTC\/USD from binance.*fetch or import/,
    );
    const { replay } = setup({ timeframe: '5m', source: 'kraken' });
    expect(() => replay.subscribe('BTC/USD', '1m', () => undefined)).toThrow(/5m or a coarser/);
    expect(() => replay.subscribe('ETH/USD', '5m', () => undefined)).toThrow(/plays BTC\/USD/);
    expect(() => setup({ speed: 0 })).toThrow(/above 0/);
    await expect(replay.fetchTicker('BTC/USD')).rejects.toThrow(/start\(\)/);
  });
});
