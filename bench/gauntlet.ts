/**
 * `npm run bench -- gauntlet`: the full validation gauntlet (electron/engine/gauntlet) on 30 days of
 * simulated 1-minute BTC/USD candles (43,200) for the 30-day backtest, cost stress, parameter
 * stability and Monte Carlo, within the 90 days (129,600 candles) the out-of-sample check needs.
 * Strategy: entry `SMA(20) crosses above SMA(50) AND RSI(14) < 70`, exit `SMA(20) crosses below
 * SMA(50)`, stop 2 %, target 4 %, trail 1.5 %, position 10 %. Target: under 5 s on two cores.
 *
 * Baseline, in the same process on the same candles: the same stages run naively: every run with
 * exact decimal accounting, and every run evaluating its indicators and signals again over its own
 * candles (no shared evaluation, no reuse of signals for risk-only variants). Then the product path:
 * the same gauntlet as a job of the job worker (the candles transferred in), as the app runs it.
 */
import { performance } from 'node:perf_hooks';
import { createJobWorker } from '../electron/adapters/workers/job-worker.js';
import { runBacktest } from '../electron/engine/backtest/runner.js';
import type { BacktestResult } from '../electron/engine/backtest/types.js';
import { monteCarloDrawdowns } from '../electron/engine/gauntlet/monte-carlo.js';
import { oosWindow } from '../electron/engine/gauntlet/out-of-sample.js';
import { runGauntlet } from '../electron/engine/gauntlet/run.js';
import { strategyVariants } from '../electron/engine/gauntlet/variants.js';
import { DAY_MS, indexAtOrAfter, sliceCandles } from '../electron/engine/gauntlet/windows.js';
import { generateCandles } from '../electron/engine/simulator/price-process.js';
import type { OhlcvColumns } from '../electron/engine/strategy/columns.js';
import { BacktestSettings, Strategy } from '../shared/domain/strategy.js';
import { progress, type BenchResult } from './lib/result.js';
import { median } from './lib/stats.js';
import { describeTarget, formatNumber, formatTable, round, section } from './lib/table.js';

export const description =
  'gauntlet: 30 days of 1m candles (90 for out-of-sample), all stages; ours vs naive (exact, re-evaluated) vs in the job worker';

const DAYS = 90;
const N = DAYS * 1440;
const RUNS = 3;
const TARGET_MS = 5_000;
const START = Date.UTC(2024, 0, 1);
const TO = START + DAYS * DAY_MS;
const settings = BacktestSettings.parse({ initialCapital: 10_000, feeRate: 0.001, slippage: 0.0005 });
const strategy = Strategy.parse({
  name: 'SMA cross',
  symbols: ['BTC/USD'],
  timeframe: '1m',
  entryConditions: ['SMA(20) crosses above SMA(50) AND RSI(14) < 70'],
  exitConditions: ['SMA(20) crosses below SMA(50)'],
  stopLossPercent: 2,
  takeProfitPercent: 4,
  trailingStopPercent: 1.5,
  positionSizePercent: 10,
  riskLevel: 'MEDIUM',
});

function timed<T>(runs: number, fn: () => T): { median: number; min: number; last: T } {
  const samples: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = fn();
    samples.push(performance.now() - t);
  }
  return { median: median(samples), min: Math.min(...samples), last };
}

/** The same stages, each run exact and evaluating everything again over its own candles. */
function naiveGauntlet(candles: OhlcvColumns): { runs: number; grade: string } {
  const run = (s: Strategy, c: OhlcvColumns, st = settings): BacktestResult =>
    runBacktest({ strategy: s, candles: c, settings: st, accounting: 'exact' });
  const h0 = indexAtOrAfter(candles.time, TO - 30 * DAY_MS);
  const head = sliceCandles(candles, h0, candles.length);
  const headline = run(strategy, head);
  const w = oosWindow(candles, TO);
  run(strategy, sliceCandles(candles, w.start, w.middle));
  run(strategy, sliceCandles(candles, w.middle, w.end));
  run(strategy, head, { ...settings, feeRate: settings.feeRate * 2, slippage: settings.slippage * 2 });
  const variants = strategyVariants(strategy);
  for (const v of variants) run(v.program.strategy, head);
  monteCarloDrawdowns(
    settings.initialCapital,
    headline.trades.map((t) => t.pnl),
    'naive',
  );
  return { runs: 4 + variants.length, grade: headline.grade.grade };
}

const copy = (c: OhlcvColumns): OhlcvColumns => ({
  length: c.length,
  time: c.time.slice(),
  open: c.open.slice(),
  high: c.high.slice(),
  low: c.low.slice(),
  close: c.close.slice(),
  volume: c.volume.slice(),
});

export async function run(): Promise<BenchResult> {
  progress(`generating ${N.toLocaleString('en-US')} 1m candles (90 days)...`);
  const candles = generateCandles({ seed: 1, symbol: 'BTC/USD', start: START, count: N });
  const options = { strategy, candles, to: TO, symbol: 'BTC/USD', settings };

  progress('ours (in-process)...');
  runGauntlet(options);
  const ours = timed(RUNS, () => runGauntlet(options));
  progress('baseline: naive stages...');
  const naive = timed(RUNS, () => naiveGauntlet(candles));

  progress('ours in the job worker...');
  const worker = createJobWorker();
  const workerSamples: number[] = [];
  try {
    await worker.run('gauntlet', { ...options, candles: copy(candles), risk: null });
    for (let i = 0; i < RUNS; i++) {
      const c = copy(candles);
      const t = performance.now();
      await worker.run('gauntlet', { ...options, candles: c, risk: null });
      workerSamples.push(performance.now() - t);
    }
  } finally {
    await worker.close();
  }
  const workerMedian = median(workerSamples);

  const r = ours.last;
  const target = { value: TARGET_MS, better: 'lower' as const, unit: 'ms' };
  const table = formatTable(
    ['gauntlet (43,200 + 129,600 candles)', 'median ms', 'min ms', 'naive / this'],
    [
      [
        'ours: one evaluation, float variants, exact 30-day backtest',
        ours.median,
        ours.min,
        formatNumber(naive.median / ours.median),
      ],
      [
        'ours, in the job worker (as the app runs it)',
        workerMedian,
        Math.min(...workerSamples),
        formatNumber(naive.median / workerMedian),
      ],
      ['baseline: naive (exact everywhere, every run re-evaluated)', naive.median, naive.min, '1'],
    ],
  );
  const stages = formatTable(
    ['stage', 'result'],
    [
      [
        '30-day backtest',
        `${r.backtest.grade.grade}, ${r.backtest.metrics.trades} trades, net ${r.backtest.metrics.netProfitPercent.toFixed(2)} %`,
      ],
      [
        'out-of-sample',
        `${r.outOfSample.inSample.grade} -> ${r.outOfSample.outOfSample.grade}, gap ${r.outOfSample.gapPercent.toFixed(2)} points`,
      ],
      ['cost stress', r.costStress.figures.grade],
      ['parameter stability', `${r.stability.passing} of ${r.stability.total} variants pass`],
      ['Monte Carlo p95 drawdown', `${r.monteCarlo.p95DrawdownPercent.toFixed(2)} % (${r.monteCarlo.runs} runs)`],
      ['verdict', r.verdict.grade],
    ],
  );
  const report = section(
    'gauntlet',
    table,
    '',
    `ours: ${describeTarget(ours.median, target)} (median, in-process); in the worker: ${describeTarget(workerMedian, target)}`,
    `backtests per gauntlet: ${naive.last.runs}`,
    '',
    stages,
  );
  return {
    bench: 'gauntlet',
    report,
    figures: {
      candles_30d: 30 * 1440,
      candles_90d: N,
      backtests: naive.last.runs,
      ours_median_ms: round(ours.median, 1),
      ours_min_ms: round(ours.min, 1),
      worker_median_ms: round(workerMedian, 1),
      naive_median_ms: round(naive.median, 1),
      ratio_naive_vs_ours: round(naive.median / ours.median, 2),
      target_ms: TARGET_MS,
      target_met: ours.median < TARGET_MS,
      worker_target_met: workerMedian < TARGET_MS,
      verdict: r.verdict.grade,
    },
  };
}
