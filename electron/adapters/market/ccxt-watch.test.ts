import type { Exchange, OHLCV, Ticker } from 'ccxt';
import { NetworkError } from 'ccxt';
import { describe, expect, it, vi } from 'vitest';
import type { MarketEvent } from '../../engine/market/market-data-port.js';
import { createManualScheduler } from '../../engine/scheduler.js';
import { createCcxtSource } from './ccxt-source.js';

/** Waits for real I/O (HTTP to the test server) with room for a busy machine. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 5 });

const M = 60_000;
const T = Date.UTC(2024, 0, 1, 12, 0);

/** A stand-in for a ccxt.pro exchange: each watch call takes the next queued answer (or waits for one). */
function fakeProExchange() {
  type Answer<T> = T | Error;
  const queues = { ohlcv: [] as Answer<OHLCV[]>[], ticker: [] as Answer<Ticker>[] };
  const waiting: { ohlcv: ((a: Answer<OHLCV[]>) => void)[]; ticker: ((a: Answer<Ticker>) => void)[] } = {
    ohlcv: [],
    ticker: [],
  };
  const take = <K extends keyof typeof queues>(key: K) =>
    new Promise<(typeof queues)[K][number]>((resolve) => {
      const next = queues[key].shift();
      if (next !== undefined) resolve(next);
      else (waiting[key] as ((a: (typeof queues)[K][number]) => void)[]).push(resolve);
    }).then((a) => {
      if (a instanceof Error) throw a;
      return a;
    });
  const push = <K extends keyof typeof queues>(key: K, answer: (typeof queues)[K][number]) => {
    const w = waiting[key].shift() as ((a: (typeof queues)[K][number]) => void) | undefined;
    if (w) w(answer);
    else (queues[key] as (typeof queues)[K][number][]).push(answer);
  };
  const ex = {
    id: 'fakepro',
    markets: { 'BTC/USD': {} },
    timeframes: { '1m': '1m' },
    features: {},
    precisionMode: 4,
    loadMarkets: async () => ({ 'BTC/USD': {} }),
    watchOHLCV: () => take('ohlcv'),
    watchTicker: () => take('ticker'),
    close: async () => {
      for (const w of waiting.ohlcv.splice(0)) w(new Error('closed'));
      for (const w of waiting.ticker.splice(0)) w(new Error('closed'));
    },
  };
  return { ex: ex as unknown as Exchange, push };
}

const row = (time: number, close: number): OHLCV => [time, close - 1, close + 1, close - 2, close, 3];
const ticker = { last: 100, bid: 99.9, ask: 100.1, high: 110, low: 90, baseVolume: 5, percentage: 1 } as Ticker;

describe('watch transport (ccxt.pro watchOHLCV / watchTicker)', () => {
  it('emits forming candles, a candle closed when the next one starts, tickers; reconnects after errors', async () => {
    const scheduler = createManualScheduler(T + 10_000);
    const { ex, push } = fakeProExchange();
    const source = createCcxtSource({
      exchange: ex,
      transport: 'watch',
      clock: scheduler.clock,
      scheduler,
      random: () => 0,
    });
    expect(source.transport).toBe('watch');
    const events: MarketEvent[] = [];
    source.subscribe('BTC/USD', '1m', (e) => events.push(e));
    const candles = () =>
      events.flatMap((e) => (e.type === 'candle' ? [[e.candle.time, e.candle.close, e.closed]] : []));

    push('ohlcv', [row(T - M, 99), row(T, 100)]);
    push('ticker', ticker);
    await until(() => expect(source.status().state).toBe('live'));
    expect(candles()).toEqual([[T, 100, false]]);
    push('ohlcv', [row(T - M, 99), row(T, 101)]);
    await until(() => expect(candles()).toHaveLength(2));
    scheduler.clock.set(T + M + 1);
    push('ohlcv', [row(T, 102), row(T + M, 103)]);
    await until(() => expect(candles()).toHaveLength(4));
    expect(candles().slice(2)).toEqual([
      [T, 102, true],
      [T + M, 103, false],
    ]);

    push('ohlcv', new NetworkError('socket closed'));
    await until(() => expect(source.status().state).toBe('reconnecting'));
    expect(source.status().message).toMatch(/Cannot reach fakepro for live candles BTC\/USD .*Next attempt in 1 s/);
    scheduler.advance(1_000);
    push('ohlcv', [row(T + M, 104)]);
    await until(() => expect(source.status().state).toBe('live'));
    expect(events.some((e) => e.type === 'ticker' && e.ticker.last === 100)).toBe(true);
    await source.close();
  });
});
