/**
 * `npm run bench -- sweep`: 1,000 parameter sets (SMA fast 20..65 x SMA slow 100..280 x take profit
 * 3..12 %) of an SMA cross + RSI strategy on one year of simulated 1-minute candles (525,600), fee
 * 0.1 %, slippage 0.05 %, the default risk gate, exact accounting: the sweep as the app and the CLI
 * run it. Side by side: the local pool with 1 worker and with 2 (scaling), the shared indicator and
 * signal cache against none (each set computing its own series, as independent backtests do inside
 * a worker), and the named baseline: one independent runBacktest per set from the strategy JSON.
 * And the BullMQ path: a redis-server started here (as the tests do) and two `npm run worker`
 * processes on this machine, against the local pool with 2 workers. The pool with 2 workers, with
 * 1 worker and BullMQ run all 1,000 sets, the same sets in the same order (a subset would reuse
 * each set's signals less often and skew the comparison); the two baselines without a shared cache,
 * which share nothing between sets, are timed on every 10th set (100). Worker start-up (tsx
 * compiling the sources
 * in each thread or process) is timed apart and not in the rates.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startTestRedis } from '../electron/adapters/workers/redis-test-server.js';
import { createRedisExecutor } from '../electron/adapters/workers/sweep-queue.js';
import type { SetResult } from '../electron/engine/optimize/evaluate.js';
import type { OhlcvColumns } from '../electron/engine/strategy/columns.js';
import { DEFAULT_RISK_SETTINGS } from '../shared/domain/risk.js';
import { BacktestSettings, Strategy } from '../shared/domain/strategy.js';
import { createSweepPool } from '../electron/adapters/workers/sweep-pool.js';
import { riskGateForBacktest } from '../electron/engine/backtest/risk-gate-adapter.js';
import { runBacktest } from '../electron/engine/backtest/runner.js';
import { createManualClock } from '../electron/engine/clock.js';
import { gridSets, parseRanges, type ParameterSet } from '../electron/engine/optimize/ranges.js';
import { parameterSpace } from '../electron/engine/optimize/space.js';
import { chunkSizes, defaultChunkSize, runSweep, type SweepConfig } from '../electron/engine/optimize/sweep.js';
import { generateCandles } from '../electron/engine/simulator/price-process.js';
import { progress, type BenchResult } from './lib/result.js';
import { describeTarget, formatNumber, formatTable, round, section } from './lib/table.js';

export const description =
  'sweep: 1,000 sets of SMA cross + RSI on 525,600 1m candles; pool 1 vs 2 workers, shared cache vs none vs independent backtests';

const N = 525_600;
const STRIDE = 5;
const SLOW_SUBSET = 100;
const strategy = Strategy.parse({
  name: 'SMA cross + RSI',
  symbols: ['BTC/USD'],
  timeframe: '1m',
  entryConditions: ['SMA(10) crosses above SMA(50)', 'RSI(14) < 70'],
  exitConditions: ['SMA(10) crosses below SMA(50)'],
  stopLossPercent: 2,
  takeProfitPercent: 4,
  positionSizePercent: 10,
  riskLevel: 'MEDIUM',
});
const settings = BacktestSettings.parse({ feeRate: 0.001, slippage: 0.0005, initialCapital: 10_000 });

type Row = { name: string; sets: number; seconds: number };
type Timed = { row: Row; startup: number; results: SetResult[]; chunks: number };

const ROOT = path.resolve(import.meta.dirname, '..');

/** A process's stdout reaching `text` (a worker printing "ready"). */
function printed(proc: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(text)) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`exited (${code}) before printing "${text}"`)));
  });
}

/** The same sweep over BullMQ: a redis-server and two `npm run worker` processes on this machine. */
async function bullmq(candles: OhlcvColumns, config: SweepConfig, chosen: readonly ParameterSet[]): Promise<Timed> {
  const redis = await startTestRedis();
  const { url } = redis;
  const workers: ChildProcess[] = [];
  try {
    progress('bullmq: starting 2 worker processes...');
    const t0 = performance.now();
    for (let i = 0; i < 2; i++) {
      const entry = path.join(ROOT, 'electron/adapters/workers/sweep-queue-main.ts');
      workers.push(
        spawn(process.execPath, ['--import', 'tsx', entry, '--redis', url], {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'inherit'],
        }),
      );
    }
    await Promise.all(workers.map((w) => printed(w, 'sweep worker ready')));
    const startup = (performance.now() - t0) / 1000;
    const executor = await createRedisExecutor({ url, columns: candles, config, concurrency: 4 });
    try {
      progress(`bullmq: ${chosen.length} sets...`);
      const t1 = performance.now();
      const results = await runSweep({
        executor,
        window: { from: 0, to: candles.length, tradeFrom: 0 },
        sets: chosen,
        clock: createManualClock(),
      });
      const seconds = (performance.now() - t1) / 1000;
      const chunks = chunkSizes(chosen.length, executor.concurrency).length;
      return {
        row: { name: 'BullMQ on Redis, 2 local worker processes', sets: chosen.length, seconds },
        startup,
        results,
        chunks,
      };
    } finally {
      await executor.close();
    }
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await redis.stop();
  }
}

export async function run(): Promise<BenchResult> {
  progress(`generating ${N.toLocaleString('en-US')} 1m candles...`);
  const candles = generateCandles({ seed: 1, symbol: 'BTC/USD', start: Date.UTC(2024, 0, 1), count: N });
  const space = parameterSpace(strategy);
  const ranges = parseRanges(
    ['SMA(10).period=20:65:5', 'SMA(50).period=100:280:20', 'takeProfitPercent=3:12:1'],
    space.parameters,
  );
  const sets = gridSets(ranges);
  const whole = { from: 0, to: N, tradeFrom: 0 };
  const config = (shareSeries: boolean): SweepConfig => ({
    strategy,
    settings,
    risk: DEFAULT_RISK_SETTINGS,
    accounting: 'exact',
    shareSeries,
    blocks: 12,
  });

  const pooled = async (
    name: string,
    workers: number,
    shareSeries: boolean,
    chosen: readonly ParameterSet[],
  ): Promise<Timed> => {
    progress(`${name}: starting ${workers} worker(s)...`);
    const pool = createSweepPool({ columns: candles, config: config(shareSeries), workers });
    try {
      const t0 = performance.now();
      // Start every worker (one tiny chunk each, on a short window) before timing.
      await Promise.all(
        Array.from({ length: workers }, (_, i) =>
          pool.runChunk({
            window: { from: 0, to: 1000, tradeFrom: 0 },
            sets: [{ index: i, values: sets[0]! }],
            keep: false,
          }),
        ),
      );
      const startup = (performance.now() - t0) / 1000;
      progress(`${name}: ${chosen.length} sets...`);
      const t1 = performance.now();
      const results = await runSweep({ executor: pool, window: whole, sets: chosen, clock: createManualClock() });
      const seconds = (performance.now() - t1) / 1000;
      const chunks = chunkSizes(chosen.length, workers).length;
      return { row: { name, sets: chosen.length, seconds }, startup, results, chunks };
    } finally {
      await pool.close();
    }
  };

  const spread = sets.filter((_, i) => i % STRIDE === 0);
  const slow = spread.filter((_, i) => i % 2 === 0).slice(0, SLOW_SUBSET);
  const two = await pooled('pool, 2 workers, shared cache', 2, true, sets);
  const one = await pooled('pool, 1 worker, shared cache', 1, true, sets);
  const noCache = await pooled('pool, 1 worker, no shared cache', 1, false, slow);
  const queue = await bullmq(candles, config(true), sets);

  progress(`baseline: ${slow.length} independent backtests on the main thread...`);
  const t2 = performance.now();
  for (const values of slow) {
    runBacktest({
      strategy: Strategy.parse(space.apply(values)),
      candles,
      settings,
      gate: riskGateForBacktest(DEFAULT_RISK_SETTINGS),
    });
  }
  const baseline: Row = {
    name: 'baseline: independent runBacktest per set (1 thread)',
    sets: slow.length,
    seconds: (performance.now() - t2) / 1000,
  };

  const rate = (r: Row) => r.sets / r.seconds;
  const rows = [two.row, one.row, noCache.row, queue.row, baseline];
  const table = formatTable(
    ['run', 'sets timed', 'seconds', 'sets/s', 'candle evaluations/s', 'x baseline'],
    rows.map((r) => [
      r.name,
      r.sets,
      round(r.seconds, 2),
      round(rate(r), 2),
      formatNumber(rate(r) * N),
      round(rate(r) / rate(baseline), 2),
    ]),
  );
  const scaling = rate(two.row) / rate(one.row);
  const cache = rate(one.row) / rate(noCache.row);
  const cacheVsIndependent = rate(one.row) / rate(baseline);
  const wholeSweep = two.row.seconds;
  const byValues = new Map(two.results.map((r) => [JSON.stringify(r.values), JSON.stringify(r.metrics)]));
  const same = [one, noCache, queue].every((t) =>
    t.results.every((r) => byValues.get(JSON.stringify(r.values)) === JSON.stringify(r.metrics)),
  );
  const trades = two.results.reduce((n, r) => n + (r.metrics?.trades ?? 0), 0);
  const overheadMs = ((sets.length / rate(queue.row) - sets.length / rate(two.row)) * 1000) / queue.chunks;
  const report = section(
    'sweep',
    table,
    '',
    `worker start-up (not in the rates): 2 workers ${round(two.startup, 1)} s, 1 worker ${round(one.startup, 1)} s`,
    `results of the sets timed in several runs: ${same ? 'identical' : 'DIFFERENT'} (2 workers, 1 worker, no cache, BullMQ); trades per set: ${Math.round(trades / two.results.length)} on average`,
    `BullMQ against the local pool (2 workers each): ${round(rate(queue.row) / rate(two.row), 2)}x the rate, about ${round(overheadMs, 0)} ms more per chunk (${queue.chunks} chunks of up to ${defaultChunkSize(sets.length, 4)} sets); its 2 worker processes started in ${round(queue.startup, 1)} s`,
    `scaling 1 -> 2 workers: ${round(scaling, 2)}x (${describeTarget(scaling, { value: 1.8, better: 'higher', unit: 'x' })})`,
    `shared cache vs none (1 worker): ${round(cache, 2)}x; vs independent backtests: ${round(cacheVsIndependent, 2)}x (${describeTarget(cacheVsIndependent, { value: 2, better: 'higher', unit: 'x' })})`,
    `the whole 1,000-set sweep on 2 workers: ${round(wholeSweep, 1)} s (${describeTarget(wholeSweep, { value: 30, better: 'lower', unit: 's' })})`,
  );
  return {
    bench: 'sweep',
    report,
    figures: {
      candles: N,
      sets: sets.length,
      pool2_sets_per_s: round(rate(two.row), 2),
      pool1_sets_per_s: round(rate(one.row), 2),
      pool1_nocache_sets_per_s: round(rate(noCache.row), 2),
      independent_sets_per_s: round(rate(baseline), 2),
      pool2_candle_evals_per_s: Math.round(rate(two.row) * N),
      scaling_1_to_2: round(scaling, 3),
      cache_vs_none: round(cache, 3),
      cache_vs_independent: round(cacheVsIndependent, 3),
      sweep_1000_s: round(wholeSweep, 2),
      startup_2_workers_s: round(two.startup, 2),
      bullmq_sets_per_s: round(rate(queue.row), 2),
      bullmq_overhead_ms_per_chunk: round(overheadMs, 1),
      results_identical: same,
    },
  };
}
