/**
 * `npm run bench -- simulator`: generating 90 days of 1-minute candles for the three simulated
 * markets (3 x 129,600), columnar (the product: Float64Arrays, no object per candle) against the
 * named baseline of the same process written naively (a Candle object pushed per minute, regime
 * parameters and seasonality looked up per minute); then the simulator's whole first start into a
 * real SQLite candle store (temporary file), and a restart on that store.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSimulatorSource } from '../electron/adapters/market/simulator/simulator-source.js';
import { createManualClock } from '../electron/engine/clock.js';
import { arraysToCandles, type CandleArrays } from '../electron/engine/simulator/candle-arrays.js';
import { rngFor } from '../electron/engine/simulator/prng.js';
import { baseSigma, generateCandles } from '../electron/engine/simulator/price-process.js';
import { REGIME_PARAMS } from '../electron/engine/simulator/regimes.js';
import { SIM_MARKETS, simMarket } from '../electron/engine/simulator/sim-markets.js';
import { openDatabase } from '../electron/persistence/database.js';
import { MIGRATIONS } from '../electron/persistence/migrations/index.js';
import { createCandleRepo } from '../electron/persistence/repositories/candle-repo.js';
import type { Candle } from '../shared/domain/market.js';
import { progress, type BenchResult } from './lib/result.js';
import { summarize, type Summary } from './lib/stats.js';
import { describeTarget, formatNumber, formatTable, round, section } from './lib/table.js';

export const description =
  'simulator: 90 days x 3 markets of 1m candles, columnar vs naive Candle[] baseline; first start into SQLite; restart';

const DAYS = 90;
const MINUTES = DAYS * 1440;
const RUNS = 7;
const SQLITE_RUNS = 3;
const TARGET_MS = 3_000;
const START = Date.UTC(2024, 0, 1);
const NOW = START + MINUTES * 60_000 + 30_000;

/**
 * The baseline: the same process (regimes, volatility factor, seasonality, gaps, Brownian-bridge
 * high/low, volume), written the obvious way: state in an object, parameters looked up per minute,
 * the time of day from a Date, and a Candle object pushed per minute.
 */
function naiveGenerate(seed: number, symbol: string, start: number, count: number): Candle[] {
  const market = simMarket(symbol);
  const rng = rngFor('price', seed, symbol, start);
  const sigmaBase = baseSigma(market);
  const round = (x: number) => Math.round(x / market.priceStep) * market.priceStep;
  const state = { logPrice: Math.log(market.referencePrice), regime: 2, volFactor: 0, anchor: 0 };
  state.anchor = state.logPrice;
  const candles: Candle[] = [];
  for (let i = 0; i < count; i++) {
    const time = start + i * 60_000;
    let params = REGIME_PARAMS[state.regime]!;
    if (rng.next() < 1 / params.meanMinutes) {
      const total = params.exits.reduce((s, w) => s + w, 0);
      const u = rng.next() * total;
      let acc = 0;
      state.regime = params.exits.findIndex((w) => (acc += w) > u);
      state.anchor = state.logPrice;
      params = REGIME_PARAMS[state.regime]!;
    }
    state.volFactor = (1 - 1 / 720) * state.volFactor + 0.25 * Math.sqrt(1 - (1 - 1 / 720) ** 2) * rng.normal();
    const date = new Date(time);
    const minute = date.getUTCHours() * 60 + date.getUTCMinutes();
    const phase = (2 * Math.PI * (minute - 900)) / 1440;
    const sigma = sigmaBase * params.volMult * Math.exp(state.volFactor) * (1 + 0.25 * Math.cos(phase));
    let openLog = state.logPrice;
    if (rng.next() < params.gapProbability) openLog += 4 * sigma * rng.normal();
    const pull =
      -params.meanReversion * (openLog - state.anchor) - (openLog - Math.log(market.referencePrice)) / 259_200;
    const ret = params.drift * sigmaBase + pull + sigma * rng.normal();
    const closeLog = openLog + ret;
    const spread = (u: number) => Math.sqrt(ret * ret - 2 * sigma * sigma * Math.log(u));
    const highLog = 0.5 * (openLog + closeLog + spread(rng.nextOpen()));
    const lowLog = 0.5 * (openLog + closeLog - spread(rng.nextOpen()));
    const activity = 0.25 + (0.75 * (Math.abs(ret) + 0.5 * (highLog - lowLog))) / (1.6 * sigmaBase);
    const volume =
      market.volumePerMinute *
      (1 + 0.5 * Math.cos(phase)) *
      params.volumeMult *
      activity *
      Math.exp(0.3 * rng.normal() - 0.045);
    candles.push({
      time,
      open: round(Math.exp(openLog)),
      high: round(Math.exp(highLog)),
      low: round(Math.exp(lowLog)),
      close: round(Math.exp(closeLog)),
      volume,
    });
    state.logPrice = closeLog;
  }
  return candles;
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** RUNS timed repetitions after one unmeasured warm-up (JIT). */
function repeat(fn: () => void, runs = RUNS): Summary {
  fn();
  return summarize(Array.from({ length: runs }, () => time(fn)));
}

function checkOhlc(arrays: CandleArrays): number {
  let bad = 0;
  for (let i = 0; i < arrays.length; i++) {
    const [o, h, l, c] = [arrays.open[i]!, arrays.high[i]!, arrays.low[i]!, arrays.close[i]!];
    if (!(h >= Math.max(o, c) && l <= Math.min(o, c) && l > 0)) bad++;
  }
  return bad;
}

async function sqliteStart(): Promise<{ firstMs: number; restartMs: number; generated: number; bytes: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bench-simulator-'));
  try {
    const file = path.join(dir, 'workstation.db');
    const db = openDatabase({ file, migrations: MIGRATIONS, synchronous: 'FULL' });
    try {
      const store = createCandleRepo(db);
      const clock = createManualClock(NOW);
      const first = createSimulatorSource({ seed: 1, clock, store, historyDays: DAYS });
      const t0 = performance.now();
      const { generated } = await first.start();
      const firstMs = performance.now() - t0;
      await first.close();
      const again = createSimulatorSource({ seed: 1, clock, store, historyDays: DAYS });
      const t1 = performance.now();
      await again.start();
      const restartMs = performance.now() - t1;
      await again.close();
      db.pragma('wal_checkpoint(TRUNCATE)');
      return { firstMs, restartMs, generated, bytes: fs.statSync(file).size };
    } finally {
      db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult> {
  const markets = SIM_MARKETS.map((m) => m.symbol);
  progress(`generating ${DAYS} days x ${markets.length} markets, ${RUNS} runs each way…`);
  let arrays: CandleArrays[] = [];
  const columnar = repeat(() => {
    arrays = markets.map((symbol) => generateCandles({ seed: 1, symbol, start: START, count: MINUTES }));
  });
  const badCandles = arrays.reduce((s, a) => s + checkOhlc(a), 0);
  const toObjects = repeat(() => arrays.forEach((a) => arraysToCandles(a)));
  let naiveCount = 0;
  const naive = repeat(() => {
    naiveCount = markets.reduce((s, symbol) => s + naiveGenerate(1, symbol, START, MINUTES).length, 0);
  });

  progress(`first start into SQLite (synchronous=FULL, WAL), ${SQLITE_RUNS} fresh databases…`);
  const sqlite = [];
  for (let i = 0; i < SQLITE_RUNS; i++) sqlite.push(await sqliteStart());
  const first = summarize(sqlite.map((s) => s.firstMs));
  const restart = summarize(sqlite.map((s) => s.restartMs));
  const total = markets.length * MINUTES;

  const row = (what: string, s: Summary, note: string, perSecond = true) => [
    what,
    s.min,
    s.p50,
    s.max,
    perSecond ? (total / s.p50) * 1000 : '-',
    note,
  ];
  const table = formatTable(
    ['what', 'min ms', 'median ms', 'max ms', 'candles/s', 'note'],
    [
      row('columnar: generateCandles (Float64Array)', columnar, `${RUNS} runs; ${badCandles} OHLC violations`),
      row('  + to Candle[] (arraysToCandles)', toObjects, 'for callers that need objects'),
      row(
        'baseline: naive Candle[] push per minute',
        naive,
        `${RUNS} runs; ${naiveCount.toLocaleString('en-US')} candles`,
      ),
      row('simulator first start into SQLite', first, `generate + upsert, ${SQLITE_RUNS} fresh files`),
      row('simulator restart (history stored)', restart, 'continues from the stored minutes', false),
    ],
    ['left', 'right', 'right', 'right', 'right', 'left'],
  );
  const speedup = naive.p50 / columnar.p50;
  const report = section(
    `Simulator: ${DAYS} days x ${markets.length} markets = ${total.toLocaleString('en-US')} one-minute candles`,
    table,
    '',
    `columnar generation: ${describeTarget(columnar.p50, { value: TARGET_MS, better: 'lower', unit: 'ms' })} (median)`,
    `columnar is ${speedup.toFixed(1)}x faster than the naive baseline (medians).`,
    `SQLite database after the first start: ${formatNumber(sqlite[0]!.bytes / 2 ** 20)} MiB for ${sqlite[0]!.generated.toLocaleString('en-US')} candles.`,
  );
  return {
    bench: 'simulator',
    report,
    figures: {
      candles: total,
      generate_columnar_min_ms: round(columnar.min, 2),
      generate_columnar_median_ms: round(columnar.p50, 2),
      to_candle_objects_median_ms: round(toObjects.p50, 2),
      baseline_naive_objects_median_ms: round(naive.p50, 2),
      columnar_speedup_vs_naive: round(speedup, 2),
      target_generate_ms: TARGET_MS,
      target_met: columnar.p50 <= TARGET_MS,
      sqlite_first_start_median_ms: round(first.p50, 1),
      sqlite_restart_median_ms: round(restart.p50, 2),
      sqlite_db_bytes: sqlite[0]!.bytes,
      ohlc_violations: badCandles,
    },
  };
}
