import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeedStatus } from '../../../shared/domain/market.js';
import type { MarketEvent } from '../../engine/market/market-data-port.js';
import { migrate } from '../../persistence/migration.js';
import { MIGRATIONS } from '../../persistence/migrations/index.js';
import { createCandleRepo } from '../../persistence/repositories/candle-repo.js';
import type { CcxtMarketSource } from './ccxt-source.js';
import { MINUTE, minuteSeries, startKrakenFixture, type KrakenFixture } from './testing/kraken-fixture.js';

/** Waits for real I/O (HTTP to the test server) with room for a busy machine. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 5 });

const NOW = Date.UTC(2024, 0, 1, 12, 0, 30);
const FORMING = Date.UTC(2024, 0, 1, 12, 0);
const POLL = 10_000;

describe('polling subscription against the Kraken test server', () => {
  let kit: KrakenFixture;
  let events: MarketEvent[];
  let source: CcxtMarketSource;
  const tickers = () => events.filter((e) => e.type === 'ticker').length;
  const states = () => events.flatMap((e) => (e.type === 'status' ? [e.status.state] : []));
  const closedCandles = () => events.flatMap((e) => (e.type === 'candle' && e.closed ? [e.candle] : []));
  const lastStatus = (): FeedStatus => source.status();
  /** Runs the next poll (after `ms` of virtual time) and waits until it has been handled. */
  const poll = async (ms = POLL) => {
    const before = tickers();
    kit.scheduler.advance(ms);
    await until(() => expect(tickers()).toBe(before + 1));
  };

  beforeEach(async () => {
    kit = await startKrakenFixture(NOW);
    // The series runs 10 minutes into the future: the server serves a candle once its open time has come.
    kit.server.market.setCandles('BTC/USD', '1m', minuteSeries(FORMING + 10 * MINUTE, 200));
    events = [];
  });
  afterEach(() => kit.close());

  it('goes live with the forming candle and a ticker, then emits each closed candle once, and stores it', async () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS);
    const repo = createCandleRepo(db);
    source = kit.source({ store: repo });
    expect(lastStatus().state).toBe('connecting');
    source.subscribe('BTC/USD', '1m', (e) => events.push(e));
    await until(() => expect(tickers()).toBe(1));
    expect(lastStatus()).toMatchObject({ state: 'live', message: null, lastUpdate: NOW });
    expect(events.find((e) => e.type === 'candle')).toMatchObject({ closed: false, candle: { time: FORMING } });
    expect(closedCandles()).toEqual([]); // the first answer only sets the baseline

    await poll(); // 12:00:40: still the same minute
    expect(closedCandles()).toEqual([]);
    await poll(40_000); // 12:01:20: 12:00 has closed
    expect(closedCandles().map((c) => c.time)).toEqual([FORMING]);
    await poll(); // 12:01:30: nothing new closed
    expect(closedCandles().map((c) => c.time)).toEqual([FORMING]);
    await poll(3 * MINUTE); // 12:04:30: three more
    expect(closedCandles().map((c) => c.time)).toEqual([0, 1, 2, 3].map((i) => FORMING + i * MINUTE));
    expect(repo.latest('kraken', 'BTC/USD', '1m')?.time).toBe(FORMING + 3 * MINUTE);
    db.close();
  });

  it('goes stale when the server stops answering, and live again when it answers', async () => {
    source = kit.source({ timeoutMs: 300 });
    source.subscribe('BTC/USD', '1m', (e) => events.push(e));
    await until(() => expect(lastStatus().state).toBe('live'));
    kit.server.fault('*', { kind: 'hang' });
    kit.scheduler.advance(POLL); // the poll is sent and hangs
    await until(() => expect(kit.server.count('OHLC')).toBe(2));
    kit.scheduler.advance(POLL);
    expect(lastStatus().state).toBe('live');
    kit.scheduler.advance(POLL); // 30 s (3 x poll) without data
    expect(lastStatus().state).toBe('stale');
    expect(lastStatus().message).toMatch(/^No data from kraken for 30 s \(last update 12:00:30 UTC\)/);
    // The hung request times out (RequestTimeout): reconnecting, with backoff.
    await until(() => expect(lastStatus().state).toBe('reconnecting'));
    expect(lastStatus().message).toMatch(/did not answer live data BTC\/USD in time.*Next attempt in 1 s/);
    kit.server.clearFaults();
    await poll(1_000);
    expect(lastStatus().state).toBe('live');
    expect(states()).toEqual(['live', 'stale', 'reconnecting', 'live']);
  });

  it('reconnects with exponential backoff, reports down after 5 failures, and recovers', async () => {
    source = kit.source();
    source.subscribe('BTC/USD', '1m', (e) => events.push(e));
    await until(() => expect(lastStatus().state).toBe('live'));
    kit.server.fault('OHLC', { kind: 'http', status: 503 });
    const attempts = () => kit.server.count('OHLC');
    const waitAttempt = async (n: number) => {
      await until(() => expect(attempts()).toBe(n));
      await until(() => expect(kit.scheduler.pending()).toBe(2)); // the watchdog and the next attempt
    };
    kit.scheduler.advance(POLL);
    await waitAttempt(2);
    expect(lastStatus()).toMatchObject({ state: 'reconnecting' });
    expect(lastStatus().message).toMatch(
      /servers answered live data BTC\/USD with an error .*503.*Next attempt in 1 s/,
    );
    const delays = [1_000, 2_000, 4_000, 8_000];
    for (const [i, d] of delays.entries()) {
      kit.scheduler.advance(d - 1);
      expect(attempts()).toBe(2 + i); // not before its time
      kit.scheduler.advance(1);
      await waitAttempt(3 + i);
    }
    expect(lastStatus().state).toBe('down');
    expect(lastStatus().message).toMatch(/5 attempts in a row failed; still retrying\. Next attempt in 16 s/);
    kit.server.clearFaults();
    await poll(16_000);
    expect(lastStatus()).toMatchObject({ state: 'live', message: null });
  });

  it('reports maintenance and rate limiting with what happens next', async () => {
    source = kit.source();
    kit.server.fault('OHLC', { kind: 'error', error: 'EService:Unavailable' }, { times: 1 });
    source.subscribe('BTC/USD', '1m', (e) => events.push(e));
    await until(() => expect(lastStatus().state).toBe('maintenance'));
    expect(lastStatus().message).toMatch(/kraken is in maintenance .*market data resumes when it ends/);
    kit.server.fault('OHLC', { kind: 'error', error: 'EAPI:Rate limit exceeded' }, { times: 1 });
    kit.scheduler.advance(1_000);
    await until(() => expect(lastStatus().message).toMatch(/rate limiting/));
    expect(lastStatus().message).toMatch(/Next attempt in 10 s/); // never sooner than the poll interval
    await poll(POLL);
    expect(lastStatus().state).toBe('live');
  });

  it('an unknown symbol puts the feed down with a clear message and stops polling', async () => {
    source = kit.source();
    source.subscribe('FOO/USD', '1m', (e) => events.push(e));
    await until(() => expect(lastStatus().state).toBe('down'));
    expect(lastStatus().message).toMatch(/kraken does not list FOO\/USD: check the symbol/);
    const requests = kit.server.count();
    kit.scheduler.advance(5 * POLL);
    await new Promise((r) => setTimeout(r, 20));
    expect(kit.server.count()).toBe(requests);
  });

  it('unsubscribe and close stop every timer', async () => {
    source = kit.source();
    const stop = source.subscribe('BTC/USD', '1m', (e) => events.push(e));
    await until(() => expect(tickers()).toBe(1));
    stop();
    expect(kit.scheduler.pending()).toBe(0);
    source.subscribe('BTC/USD', '1m', (e) => events.push(e));
    await until(() => expect(tickers()).toBe(2));
    await source.close();
    expect(kit.scheduler.pending()).toBe(0);
    expect(() => source.subscribe('BTC/USD', '1m', () => undefined)).toThrow(/closed/);
  });
});
