import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../persistence/migration.js';
import { MIGRATIONS } from '../../persistence/migrations/index.js';
import { createCandleRepo, type CandleRepo } from '../../persistence/repositories/candle-repo.js';
import type { Database } from '../../persistence/database.js';
import { MarketDataError } from './market-errors.js';
import { KRAKEN_OHLC_LIMIT } from './testing/kraken-public.js';
import { drive, MINUTE, minuteSeries, startKrakenFixture, type KrakenFixture } from './testing/kraken-fixture.js';

// 12:00:30 UTC: the 12:00 candle is forming, 11:59 is the last closed one.
const NOW = Date.UTC(2024, 0, 1, 12, 0, 30);
const FORMING = Date.UTC(2024, 0, 1, 12, 0);

describe('ccxt source against the Kraken test server (ccxt kraken class, real HTTP)', () => {
  let kit: KrakenFixture;
  let db: Database;
  let repo: CandleRepo;
  beforeEach(async () => {
    kit = await startKrakenFixture(NOW);
    kit.server.market.setCandles('BTC/USD', '1m', minuteSeries(FORMING, 2000));
    db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS);
    repo = createCandleRepo(db);
  });
  afterEach(async () => {
    await kit.close();
    db.close();
  });

  it('lists markets with price and amount steps and minimums', async () => {
    const markets = await kit.source().markets();
    expect(markets).toEqual([
      {
        symbol: 'BTC/USD',
        base: 'BTC',
        quote: 'USD',
        priceStep: 0.1,
        amountStep: 1e-8,
        minAmount: 0.00005,
        minCost: 0.5,
      },
      {
        symbol: 'ETH/USD',
        base: 'ETH',
        quote: 'USD',
        priceStep: 0.01,
        amountStep: 1e-8,
        minAmount: 0.002,
        minCost: 0.5,
      },
    ]);
    expect(kit.server.requests.map((r) => r.endpoint)).toEqual(['Assets', 'AssetPairs']);
  });

  it('fetches a validated ticker and the top of the book', async () => {
    kit.server.market.setTicker('BTC/USD', {
      last: 42_000,
      bid: 41_999.5,
      ask: 42_000.5,
      high: 43_000,
      low: 41_000,
      volume: 900,
      open: 40_000,
    });
    const source = kit.source();
    expect(await source.fetchTicker('BTC/USD')).toEqual({
      symbol: 'BTC/USD',
      time: NOW,
      last: 42_000,
      bid: 41_999.5,
      ask: 42_000.5,
      high24h: 43_000,
      low24h: 41_000,
      change24hPercent: 5,
      volume24h: 900,
    });
    const book = await source.fetchBook('BTC/USD', 3);
    expect(book.bids).toHaveLength(3);
    expect(book.asks).toHaveLength(3);
    expect(book.bids[0]![0]).toBeLessThan(book.asks[0]![0]);
    expect(book.bids[0]![0]).toBeGreaterThan(book.bids[1]![0]);
    expect(kit.server.requests.find((r) => r.endpoint === 'Depth')?.params).toMatchObject({
      pair: 'XXBTZUSD',
      count: '3',
    });
  });

  it('pages candles forward in pages of the exchange limit and drops the forming candle', async () => {
    const source = kit.source();
    const spot = source.exchange.features.spot as { fetchOHLCV: { limit: number } };
    spot.fetchOHLCV.limit = 100; // Kraken's is 720; a smaller page shows the paging
    const from = FORMING - 250 * MINUTE;
    const candles = await source.fetchCandles({ symbol: 'BTC/USD', timeframe: '1m', from, to: FORMING + 10 * MINUTE });
    expect(candles).toHaveLength(250);
    expect(candles[0]!.time).toBe(from);
    expect(candles[candles.length - 1]!.time).toBe(FORMING - MINUTE);
    const sinces = kit.server.requests.filter((r) => r.endpoint === 'OHLC').map((r) => Number(r.params.since) * 1000);
    // ccxt asks Kraken for "since - 1 interval"; each page starts after the previous one.
    expect(sinces).toEqual([from - MINUTE, from + 99 * MINUTE, from + 199 * MINUTE]);
  });

  it('stops at what Kraken still serves (its latest 720 candles) without looping', async () => {
    const source = kit.source();
    const candles = await source.fetchCandles({
      symbol: 'BTC/USD',
      timeframe: '1m',
      from: FORMING - 1900 * MINUTE,
      to: FORMING,
    });
    expect(candles).toHaveLength(KRAKEN_OHLC_LIMIT - 1); // 720 served, minus the forming one
    expect(candles[0]!.time).toBe(FORMING - 719 * MINUTE);
    expect(kit.server.count('OHLC')).toBe(1);
  });

  it('caches in the store: the same range again makes no OHLC request, and the forming candle is not stored', async () => {
    const source = kit.source({ store: repo });
    const range = { symbol: 'BTC/USD', timeframe: '1m' as const, from: FORMING - 1000 * MINUTE, to: FORMING + MINUTE };
    const first = await source.fetchCandles(range);
    expect(first).toHaveLength(719);
    expect(repo.latest('kraken', 'BTC/USD', '1m')?.time).toBe(FORMING - MINUTE);
    expect(repo.count('kraken', 'BTC/USD', '1m')).toBe(719);
    const requests = kit.server.count('OHLC');
    kit.server.clearLog();
    const second = await source.fetchCandles(range);
    expect(second).toEqual(first);
    expect(kit.server.count('OHLC')).toBe(0);
    expect(requests).toBe(1);
  });

  it('fetches only the new minutes once time has moved on', async () => {
    kit.server.market.setCandles('BTC/USD', '1m', minuteSeries(FORMING + 3 * MINUTE, 2003));
    const source = kit.source({ store: repo });
    const range = {
      symbol: 'BTC/USD',
      timeframe: '1m' as const,
      from: FORMING - 30 * MINUTE,
      to: FORMING + 60 * MINUTE,
    };
    await source.fetchCandles(range);
    kit.scheduler.advance(3 * MINUTE);
    kit.server.clearLog();
    const later = await source.fetchCandles(range);
    expect(later).toHaveLength(33);
    const ohlc = kit.server.requests.filter((r) => r.endpoint === 'OHLC');
    expect(ohlc).toHaveLength(1);
    expect(Number(ohlc[0]!.params.since) * 1000).toBe(FORMING - MINUTE); // from 12:00, minus ccxt's one interval
  });

  it('says clearly when a symbol is unknown, before or after the markets were loaded', async () => {
    const source = kit.source();
    const error = await source.fetchTicker('FOO/USD').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarketDataError);
    expect(error).toMatchObject({ kind: 'unknown-symbol', code: 'not_found' });
    expect((error as Error).message).toMatch(/kraken does not list FOO\/USD: check the symbol/);
    await source.markets();
    kit.server.market.removePair('ETH/USD'); // delisted after the market list was loaded
    const late = await drive(
      source.fetchTicker('ETH/USD').catch((e: unknown) => e),
      kit.scheduler,
    );
    expect(late).toMatchObject({ kind: 'unknown-symbol' });
    expect(kit.server.count('Ticker')).toBe(1); // not retried
  });

  it('refuses an exchange id ccxt does not know, and a base URL with a path', () => {
    expect(() => kit.source({ exchangeId: 'notanexchange' })).toThrow(/"notanexchange" is not an exchange ccxt knows/);
    expect(() => kit.source({ baseUrl: 'http://127.0.0.1:1/0/public' })).toThrow(/scheme:\/\/host:port only/);
    expect(() => kit.source({ sandbox: true })).toThrow(/kraken has no sandbox/);
  });
});
