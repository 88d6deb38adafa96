import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MarketDataError, type MarketErrorKind } from './market-errors.js';
import type { KrakenFault } from './testing/kraken-server.js';
import { drive, MINUTE, minuteSeries, startKrakenFixture, type KrakenFixture } from './testing/kraken-fixture.js';

const NOW = Date.UTC(2024, 0, 1, 12, 0, 30);
const FORMING = Date.UTC(2024, 0, 1, 12, 0);

async function failure(promise: Promise<unknown>, kit: KrakenFixture): Promise<MarketDataError> {
  const result = await drive(
    promise.then(
      () => null,
      (e: unknown) => e,
    ),
    kit.scheduler,
  );
  if (!(result instanceof MarketDataError)) throw new Error(`expected a MarketDataError, got ${String(result)}`);
  return result;
}

describe('faults from the exchange become clear errors, retried when worth it (bounded)', () => {
  let kit: KrakenFixture;
  beforeEach(async () => {
    kit = await startKrakenFixture(NOW);
    kit.server.market.setCandles('BTC/USD', '1m', minuteSeries(FORMING, 100));
  });
  afterEach(() => kit.close());

  const cases: [string, KrakenFault, MarketErrorKind, RegExp][] = [
    [
      'HTTP 502',
      { kind: 'http', status: 502 },
      'unavailable',
      /kraken's servers answered the ticker BTC\/USD with an error \(.*502 Bad Gateway/,
    ],
    ['HTTP 429', { kind: 'http', status: 429 }, 'rate-limit', /kraken is rate limiting requests .*429/],
    [
      'EAPI:Rate limit exceeded',
      { kind: 'error', error: 'EAPI:Rate limit exceeded' },
      'rate-limit',
      /rate limiting.*EAPI:Rate limit exceeded.*backing off/,
    ],
    [
      'EService:Unavailable',
      { kind: 'error', error: 'EService:Unavailable' },
      'maintenance',
      /kraken is in maintenance/,
    ],
    [
      'cancel_only market',
      { kind: 'error', error: 'EService:Market in cancel_only mode' },
      'maintenance',
      /kraken is in maintenance/,
    ],
    [
      'dropped connection',
      { kind: 'drop' },
      'network',
      /Cannot reach kraken for the ticker BTC\/USD .*check the internet connection/,
    ],
    [
      'truncated JSON',
      { kind: 'truncated' },
      'bad-data',
      /kraken sent an unreadable answer to the ticker BTC\/USD .*not valid JSON/,
    ],
    ['an HTML page with status 200', { kind: 'garbage' }, 'bad-data', /unreadable answer/],
  ];

  for (const [name, fault, kind, message] of cases) {
    it(`${name}: ${kind}, retried twice, then a clear error`, async () => {
      const source = kit.source();
      await source.markets();
      kit.server.fault('Ticker', fault);
      const error = await failure(source.fetchTicker('BTC/USD'), kit);
      expect(error.kind).toBe(kind);
      expect(error.code).toBe('unavailable');
      expect(error.message).toMatch(message);
      expect(kit.server.count('Ticker')).toBe(3);
    });
  }

  it('recovers when a fault clears before the retries run out, with backoff between attempts', async () => {
    const source = kit.source({ random: () => 0 });
    await source.markets();
    kit.server.fault('OHLC', { kind: 'http', status: 503 }, { times: 2 });
    const candles = await drive(
      source.fetchCandles({ symbol: 'BTC/USD', timeframe: '1m', from: FORMING - 10 * MINUTE, to: FORMING }),
      kit.scheduler,
    );
    expect(candles).toHaveLength(10);
    const times = kit.server.requests.filter((r) => r.endpoint === 'OHLC').map((r) => r.time - NOW);
    expect(times).toEqual([0, 1_000, 3_000]); // 1 s, then 2 s of (virtual) backoff
  });

  it('a truncated OHLC answer is rejected, never taken for "no candles"', async () => {
    const source = kit.source({ retries: 0 });
    await source.markets();
    kit.server.fault('OHLC', { kind: 'truncated' });
    const error = await failure(
      source.fetchCandles({ symbol: 'BTC/USD', timeframe: '1m', from: FORMING - 5 * MINUTE, to: FORMING }),
      kit,
    );
    expect(error.kind).toBe('bad-data');
  });

  it('a ticker without prices is rejected', async () => {
    const source = kit.source({ retries: 0 });
    kit.server.market.setTicker('BTC/USD', { last: 0, bid: 1, ask: 2, high: 3, low: 0.5, volume: 1, open: 1 });
    const error = await failure(source.fetchTicker('BTC/USD'), kit);
    expect(error.message).toMatch(
      /kraken sent a ticker for BTC\/USD that was rejected: no valid last \(a ticker without prices is no ticker\)/,
    );
  });

  it('a request that never answers times out (RequestTimeout) and is reported as such', async () => {
    const source = kit.source({ retries: 0, timeoutMs: 200 });
    await source.markets();
    kit.server.fault('Depth', { kind: 'hang' });
    const error = await failure(source.fetchBook('BTC/USD', 5), kit);
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/kraken did not answer the order book BTC\/USD in time .*200 ms/);
  });

  it('reads keep the status honest while nothing is subscribed', async () => {
    const source = kit.source({ retries: 0 });
    expect(source.status().state).toBe('connecting');
    await source.fetchTicker('BTC/USD');
    expect(source.status()).toMatchObject({ state: 'live', lastUpdate: NOW });
    kit.server.fault('Ticker', { kind: 'error', error: 'EService:Unavailable' }, { times: 1 });
    await failure(source.fetchTicker('BTC/USD'), kit);
    expect(source.status()).toMatchObject({ state: 'maintenance' });
    await failure(source.fetchTicker('FOO/USD'), kit); // a wrong symbol says nothing about the feed
    expect(source.status().state).toBe('maintenance');
    await source.fetchBook('BTC/USD', 1);
    expect(source.status().state).toBe('live');
  });

  it('the market list recovers after a failed first load', async () => {
    const source = kit.source({ retries: 0 });
    kit.server.fault('Assets', { kind: 'drop' }, { times: 1 });
    expect((await failure(source.markets(), kit)).kind).toBe('network');
    expect(await source.markets()).toHaveLength(2);
  });
});
