import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMEFRAMES, type Candle, type Timeframe } from '../../shared/domain/market.js';
import { readCandles } from '../adapters/market/simulator/stored-candles.js';
import { createReplaySource } from '../adapters/market/replay-source.js';
import { createCandleDataService } from '../core/services/candle-data-service.js';
import { loadCandles } from '../engine/market/load-candles.js';
import type { MarketEvent } from '../engine/market/market-data-port.js';
import { createManualScheduler } from '../engine/scheduler.js';
import { arraysToCandles } from '../engine/simulator/candle-arrays.js';
import { generateCandles } from '../engine/simulator/price-process.js';
import type { Logger } from '../logging/types.js';
import type { CandleStore } from '../engine/market/candle-store-port.js';
import { objectsOnly } from './testing/objects-only.js';
import type { Database } from './database.js';
import { migrate } from './migration.js';
import { MIGRATIONS } from './migrations/index.js';
import { createCandleRepo, type CandleRepo } from './repositories/candle-repo.js';
import { readResampledColumns } from './repositories/candle-resample.js';
import { columnsToCandles } from './repositories/candle-columns-build.js';
import { createCandleRowRepo } from './repositories/candle-row-repo.js';

/**
 * The block store must answer every reader exactly as the row store did: the same writes go to both
 * (unsorted, with duplicates, gaps, overwrites, values off any price grid), then every reader of the
 * candle port (the chart and simulator/replay through readCandles, exchange loads through loadCandles,
 * which backtests, sweeps and the gauntlet fetch through; replay; CSV export) is compared value for value.
 */

const M = 60_000;
const DAY = 1440 * M;
const START = Date.UTC(2024, 2, 3, 17, 45);
const quiet: Logger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  log: () => undefined,
  addSecret: () => undefined,
  close: () => Promise.resolve(),
};

/** The writes both stores receive, in this order. */
function writes(): [string, string, Timeframe, Candle[]][] {
  const sim = arraysToCandles(generateCandles({ seed: 7, symbol: 'BTC/USD', start: START, count: 6 * 1440 }));
  const withGaps = sim.filter((c, i) => !(i >= 1000 && i < 1300) && !(i >= 4000 && i < 5500) && i % 97 !== 5);
  const shuffled = [...withGaps.slice(0, 3000)].reverse(); // unsorted input
  const duplicates = [...sim.slice(200, 260), ...sim.slice(230, 240).map((c) => ({ ...c, close: c.close + 0.5 }))];
  const overwrite = sim.slice(2000, 2100).map((c) => ({ ...c, volume: c.volume * 3, high: c.high + 1.25 }));
  const odd: Candle[] = [
    { time: START - 3 * DAY, open: 0.1 + 0.2, high: 1e300, low: -1e-300, close: Math.PI, volume: 5e-324 },
    { time: START - 3 * DAY + 17, open: 64_000.5, high: 64_001, low: 63_999.9, close: -0, volume: 1 / 3 },
  ];
  const hourly = arraysToCandles(generateCandles({ seed: 8, symbol: 'ETH/USD', start: START, count: 300 }))
    .map((c, i) => ({ ...c, time: Math.floor(START / 3_600_000) * 3_600_000 + i * 3_600_000 }))
    .filter((_, i) => i % 11 !== 3);
  return [
    ['simulator', 'BTC/USD', '1m', shuffled],
    ['simulator', 'BTC/USD', '1m', withGaps.slice(3000)],
    ['simulator', 'BTC/USD', '1m', duplicates],
    ['simulator', 'BTC/USD', '1m', overwrite],
    ['simulator', 'BTC/USD', '1m', odd],
    ['kraken', 'ETH/USD', '1h', hourly],
    ['kraken', 'ETH/USD', '1h', hourly.slice(5, 9).map((c) => ({ ...c, open: c.open + 0.01 }))],
  ];
}

describe('block store against the row store, same data, every reader', () => {
  let rowDb: Database;
  let blockDb: Database;
  let rows: CandleRepo;
  let blocks: CandleRepo;
  const FROM = START - 4 * DAY;
  const TO = START + 8 * DAY;

  beforeAll(() => {
    rowDb = new BetterSqlite3(':memory:');
    migrate(rowDb, MIGRATIONS.slice(0, 11));
    blockDb = new BetterSqlite3(':memory:');
    migrate(blockDb, MIGRATIONS);
    rows = createCandleRowRepo(rowDb);
    blocks = createCandleRepo(blockDb);
    for (const [source, symbol, tf, candles] of writes()) {
      expect(blocks.upsert(source, symbol, tf, candles)).toBe(rows.upsert(source, symbol, tf, candles));
    }
    for (const repo of [rows, blocks]) {
      repo.markHoles('simulator', 'BTC/USD', '1m', [{ from: START + 1000 * M, to: START + 1299 * M }], 9);
    }
  });
  afterAll(() => {
    rowDb.close();
    blockDb.close();
  });

  it('answers the candle port alike over many windows (inside blocks, across them, outside, inverted)', () => {
    expect(blocks.series()).toEqual(rows.series());
    const edges = [FROM - DAY, START - 3 * DAY, START - 3 * DAY + 17, START, START + 999 * M, START + DAY - 1];
    for (let k = 0; k < 40; k++) edges.push(START + Math.floor(((k * 7919) % 9000) * M * 0.97) + (k % 3) * 13);
    edges.push(START + 2 * DAY + 30 * M, TO, Number.MAX_SAFE_INTEGER);
    for (const [source, symbol, tf] of [
      ['simulator', 'BTC/USD', '1m'],
      ['kraken', 'ETH/USD', '1h'],
      ['kraken', 'BTC/USD', '1m'],
    ] as const) {
      expect(blocks.latest(source, symbol, tf)).toEqual(rows.latest(source, symbol, tf));
      expect(blocks.earliest(source, symbol, tf)).toEqual(rows.earliest(source, symbol, tf));
      expect(blocks.count(source, symbol, tf)).toEqual(rows.count(source, symbol, tf));
      for (let i = 0; i < edges.length; i += 3) {
        for (let j = 0; j < edges.length; j += 5) {
          const [a, b] = [edges[i]!, edges[j]!];
          expect(blocks.range(source, symbol, tf, a, b)).toEqual(rows.range(source, symbol, tf, a, b));
          expect(blocks.count(source, symbol, tf, a, b)).toBe(rows.count(source, symbol, tf, a, b));
          if (b - a < 10 * DAY)
            expect(blocks.gaps(source, symbol, tf, a, b)).toEqual(rows.gaps(source, symbol, tf, a, b));
          expect(blocks.holes(source, symbol, tf, a, b)).toEqual(rows.holes(source, symbol, tf, a, b));
        }
      }
      const all = [blocks, rows].map((r) => r.rangeColumns(source, symbol, tf, 0, Number.MAX_SAFE_INTEGER));
      for (const key of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
        expect(Array.from(all[0]![key])).toEqual(Array.from(all[1]![key]));
      }
    }
  });

  it('resamples alike for the chart, simulator and replay (readCandles, 1m to 1d)', () => {
    for (const timeframe of TIMEFRAMES) {
      for (const asOf of [START + 2 * DAY + 7 * M, TO]) {
        const read = (store: CandleStore) =>
          readCandles({
            store,
            source: 'simulator',
            symbol: 'BTC/USD',
            base: '1m',
            timeframe,
            from: FROM,
            to: TO,
            asOf,
          });
        // The reference: the row store's candles as objects through resampleClosed (no column reads).
        const expected = read(objectsOnly(rows));
        expect(expected.length).toBeGreaterThan(0);
        expect(read(blocks)).toEqual(expected);
        expect(read(objectsOnly(blocks))).toEqual(expected);
        // The columnar resampler of the block store makes the same candles without Candle objects.
        const columns = readResampledColumns({
          repo: blocks,
          ...{ source: 'simulator', symbol: 'BTC/USD', base: '1m' as const, timeframe, from: FROM, to: TO, asOf },
        });
        expect(columnsToCandles(columns)).toEqual(expected);
      }
    }
  });

  it('loads alike through the exchange cache (backtests, sweeps, the gauntlet) and exports the same CSV', async () => {
    const fetched = arraysToCandles(generateCandles({ seed: 9, symbol: 'BTC/USD', start: START, count: 3000 }));
    const source = {
      id: 'simulator',
      fetchCandles: ({ from, to }: { from: number; to: number }) =>
        Promise.resolve(fetched.filter((c) => c.time >= from && c.time <= to)),
    };
    const range = { symbol: 'BTC/USD', timeframe: '1m' as const, from: START - 10 * M, to: START + 2990 * M };
    const [a, b] = [
      await loadCandles(source, blocks, range, { now: START + 3 * DAY }),
      await loadCandles(source, rows, range, { now: START + 3 * DAY }),
    ];
    expect(a).toEqual(b);
    const csv = (repo: CandleRepo) =>
      createCandleDataService({ repo, logger: quiet }).exportCsv({
        source: 'simulator',
        symbol: 'BTC/USD',
        timeframe: '1m',
      });
    expect(csv(blocks)).toEqual(csv(rows));
  });

  it('replays the same candle events', async () => {
    const play = async (store: CandleRepo) => {
      const scheduler = createManualScheduler(Date.UTC(2025, 0, 1));
      const replay = createReplaySource({
        store,
        clock: scheduler.clock,
        scheduler,
        source: 'kraken',
        symbol: 'ETH/USD',
        timeframe: '1h',
        speed: 100,
      });
      const events: MarketEvent[] = [];
      replay.subscribe('ETH/USD', '1h', (e) => events.push(e));
      await replay.start();
      scheduler.advance(10_000);
      await replay.close();
      return events.filter((e) => e.type === 'candle');
    };
    const [a, b] = [await play(blocks), await play(rows)];
    expect(a.length).toBeGreaterThan(200);
    expect(a).toEqual(b);
  });
});
