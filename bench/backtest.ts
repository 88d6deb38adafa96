/**
 * `npm run bench -- backtest`: 1,000,000 simulated 1-minute BTC/USD candles, entry
 * `SMA(20) crosses above SMA(50) AND RSI < 70`, exit `SMA(20) crosses below SMA(50)`, stop 2 %,
 * target 4 %, position 10 %, fee 0.1 %, slippage 0.05 %. Our runner (strategy JSON to result:
 * compile, batch indicators, signals, the loop, metrics), with float and with exact decimal
 * accounting, against two named baselines on the same candles: the same strategy written
 * straightforwardly with technicalindicators in a per-candle loop, and grademark (an npm
 * backtester). Then the main thread's event-loop delay while a 1M-candle backtest runs in a worker.
 */
import { createRequire } from 'node:module';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { RSI, SMA } from 'technicalindicators';
import { createBacktestWorker } from '../electron/adapters/workers/backtest-worker.js';
import { runBacktest } from '../electron/engine/backtest/runner.js';
import { arraysToCandles, type CandleArrays } from '../electron/engine/simulator/candle-arrays.js';
import { generateCandles } from '../electron/engine/simulator/price-process.js';
import { compileStrategy, evaluateSignals } from '../electron/engine/strategy/program.js';
import type { Candle } from '../shared/domain/market.js';
import { Strategy } from '../shared/domain/strategy.js';
import { progress, type BenchResult, type Figure } from './lib/result.js';
import { median } from './lib/stats.js';
import { describeTarget, formatNumber, formatTable, round, section } from './lib/table.js';

export const description =
  'backtest: 1M 1m candles, SMA cross + RSI; ours (float, exact) vs technicalindicators loop vs grademark; worker event-loop delay';

const N = 1_000_000;
const RUNS = 7;
const BASELINE_RUNS = 3;
const TARGET_PER_S = 10_000_000;
const FEE = 0.001;
const SLIP = 0.0005;
const CAPITAL = 10_000;
const settings = { initialCapital: CAPITAL, feeRate: FEE, slippage: SLIP };
const strategy = Strategy.parse({
  name: 'SMA cross',
  symbols: ['BTC/USD'],
  timeframe: '1m',
  entryConditions: ['SMA(20) crosses above SMA(50) AND RSI < 70'],
  exitConditions: ['SMA(20) crosses below SMA(50)'],
  stopLossPercent: 2,
  takeProfitPercent: 4,
  positionSizePercent: 10,
  riskLevel: 'MEDIUM',
});

type Timing = { median: number; min: number; trades: number };

function time(runs: number, warmup: number, fn: () => number): Timing {
  let trades = 0;
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    trades = fn();
    samples.push(performance.now() - t);
  }
  return { median: median(samples), min: Math.min(...samples), trades };
}

/** The baseline: the same rules, one candle object at a time, technicalindicators' streaming SMA and RSI. */
function technicalIndicatorsLoop(candles: readonly Candle[]): number {
  const sma20 = new SMA({ period: 20, values: [] });
  const sma50 = new SMA({ period: 50, values: [] });
  const rsi = new RSI({ period: 14, values: [] });
  const equity: number[] = [];
  let prev20: number | undefined;
  let prev50: number | undefined;
  let cash = CAPITAL;
  let qty = 0;
  let stop = 0;
  let target = 0;
  let wantIn = false;
  let wantOut = false;
  let trades = 0;
  const sell = (price: number) => {
    const proceeds = qty * price * (1 - SLIP);
    cash += proceeds * (1 - FEE);
    qty = 0;
    trades++;
  };
  for (let i = 0; i < candles.length; i++) {
    const c = candles[i]!;
    let closed = false;
    if (wantOut) {
      sell(c.open);
      wantOut = false;
      closed = true;
    }
    if (wantIn) {
      const price = c.open * (1 + SLIP);
      const notional = Math.min(cash * 0.1, cash / (1 + FEE));
      qty = notional / price;
      cash -= notional * (1 + FEE);
      stop = price * 0.98;
      target = price * 1.04;
      wantIn = false;
    }
    if (qty > 0) {
      if (c.open <= stop || c.open >= target) sell(c.open);
      else if (c.low <= stop) sell(stop);
      else if (c.high >= target) sell(target);
      if (qty === 0) closed = true;
    }
    equity.push(cash + qty * c.close);
    const s20 = sma20.nextValue(c.close);
    const s50 = sma50.nextValue(c.close);
    const r = rsi.nextValue(c.close);
    if (
      s20 !== undefined &&
      s50 !== undefined &&
      r !== undefined &&
      prev20 !== undefined &&
      prev50 !== undefined &&
      i < candles.length - 1
    ) {
      if (qty > 0) wantOut = s20 < s50 && prev20 >= prev50;
      else if (!closed) wantIn = s20 > s50 && prev20 <= prev50 && r < 70;
    }
    prev20 = s20;
    prev50 = s50;
  }
  if (qty > 0) sell(candles[candles.length - 1]!.close);
  return trades;
}

type Grademark = { backtest(strategy: unknown, series: unknown): unknown[] };
type DataForge = { DataFrame: new (config: { values: unknown[] }) => unknown };

/** grademark (data-forge frames, no fees or slippage): indicators precomputed with technicalindicators' batch API. */
function grademarkRun(candles: readonly Candle[]): number {
  const require = createRequire(import.meta.url);
  const grademark = require('grademark') as Grademark;
  const forge = require('data-forge') as DataForge;
  const closes = candles.map((c) => c.close);
  const pad = (values: number[]) => [...new Array<number>(closes.length - values.length).fill(Number.NaN), ...values];
  const s20 = pad(SMA.calculate({ period: 20, values: closes }));
  const s50 = pad(SMA.calculate({ period: 50, values: closes }));
  const r14 = pad(RSI.calculate({ period: 14, values: closes }));
  const rows = candles.map((c, i) => ({
    ...c,
    time: new Date(c.time),
    s20: s20[i],
    s50: s50[i],
    rsi: r14[i],
    p20: s20[i - 1],
    p50: s50[i - 1],
  }));
  type Bar = (typeof rows)[number];
  const trades = grademark.backtest(
    {
      entryRule: (enter: () => void, { bar }: { bar: Bar }) => {
        if (bar.s20! > bar.s50! && bar.p20! <= bar.p50! && bar.rsi! < 70) enter();
      },
      exitRule: (exit: () => void, { bar }: { bar: Bar }) => {
        if (bar.s20! < bar.s50! && bar.p20! >= bar.p50!) exit();
      },
      stopLoss: ({ entryPrice }: { entryPrice: number }) => entryPrice * 0.02,
      profitTarget: ({ entryPrice }: { entryPrice: number }) => entryPrice * 0.04,
    },
    new forge.DataFrame({ values: rows }),
  );
  return trades.length;
}

function copyColumns(c: CandleArrays) {
  return {
    length: c.length,
    time: c.time.slice(),
    open: c.open.slice(),
    high: c.high.slice(),
    low: c.low.slice(),
    close: c.close.slice(),
    volume: c.volume.slice(),
  };
}

async function eventLoopDelay(
  during: () => Promise<unknown> | unknown,
): Promise<{ p99: number; max: number; ms: number }> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  // Let the sampling timer run first: a block that starts before its first tick is not seen.
  await new Promise((r) => setTimeout(r, 20));
  const t = performance.now();
  await during();
  const ms = performance.now() - t;
  await new Promise((r) => setTimeout(r, 5));
  h.disable();
  return { p99: h.percentile(99) / 1e6, max: h.max / 1e6, ms };
}

export async function run(): Promise<BenchResult> {
  progress(`generating ${N.toLocaleString('en-US')} 1m candles...`);
  const candles = generateCandles({ seed: 1, symbol: 'BTC/USD', start: Date.UTC(2024, 0, 1), count: N });
  const compiled = compileStrategy(strategy);
  if (!compiled.ok) throw new Error('the benchmark strategy does not compile');

  progress('ours...');
  const ours = (accounting: 'float' | 'exact') => () =>
    runBacktest({ strategy, candles, settings, accounting }).trades.length;
  const float = time(RUNS, 2, ours('float'));
  const exact = time(RUNS, 2, ours('exact'));
  const signalsOnly = time(RUNS, 1, () => evaluateSignals(compiled.program, candles).length);
  const signals = evaluateSignals(compiled.program, candles);
  const loopOnly = time(
    RUNS,
    1,
    () => runBacktest({ strategy: compiled.program, candles, settings, signals, accounting: 'float' }).trades.length,
  );

  progress('technicalindicators per-candle loop...');
  const objects = arraysToCandles(candles);
  technicalIndicatorsLoop(objects.slice(0, 50_000));
  const ti = time(BASELINE_RUNS, 0, () => technicalIndicatorsLoop(objects));

  progress('grademark (one run, about 20 s)...');
  let gm: Timing | null = null;
  let gmError: string | null = null;
  try {
    gm = time(1, 0, () => grademarkRun(objects));
  } catch (error) {
    gmError = error instanceof Error ? error.message : String(error);
  }

  progress('event-loop delay while a worker runs the backtest...');
  const worker = createBacktestWorker();
  let workerDelay: { p99: number; max: number; ms: number };
  try {
    await worker.run({ strategy, candles: copyColumns(candles), settings });
    workerDelay = await eventLoopDelay(() => worker.run({ strategy, candles: copyColumns(candles), settings }));
  } finally {
    await worker.close();
  }
  const idleDelay = await eventLoopDelay(() => new Promise((r) => setTimeout(r, workerDelay.ms)));
  const mainDelay = await eventLoopDelay(() => runBacktest({ strategy, candles, settings }));

  const perS = (ms: number) => N / (ms / 1000);
  const target = { value: TARGET_PER_S, better: 'higher' as const, unit: 'candles/s' };
  const row = (name: string, t: Timing, trades = true): (string | number)[] => [
    name,
    t.median,
    t.min,
    perS(t.median),
    trades ? t.trades : '-',
    formatNumber(ti.median / t.median),
  ];
  const table = formatTable(
    ['run (1,000,000 candles)', 'median ms', 'min ms', 'candles/s (median)', 'trades', 'technicalindicators / this'],
    [
      row('ours, float accounting', float),
      row('ours, exact decimal accounting (default)', exact),
      row('  of which: indicators and signals', signalsOnly, false),
      row('  of which: runner loop + metrics (float)', loopOnly, false),
      row('baseline: technicalindicators per-candle loop', ti),
      gm
        ? row('baseline: grademark 0.3.0 (1 run, no fees)', gm)
        : ['baseline: grademark 0.3.0', 'unavailable', gmError ?? '', '', '', ''],
    ],
  );
  const delays = formatTable(
    ['main event loop during', 'p99 ms', 'max ms', 'window ms'],
    [
      ['a 1M-candle backtest in a worker (exact)', workerDelay.p99, workerDelay.max, workerDelay.ms],
      ['baseline: idle, same window', idleDelay.p99, idleDelay.max, idleDelay.ms],
      ['the same backtest on the main thread', mainDelay.p99, mainDelay.max, mainDelay.ms],
    ],
  );
  const report = section(
    'backtest',
    table,
    '',
    `ours, float: ${describeTarget(perS(float.median), target)} (median); exact: ${describeTarget(perS(exact.median), target)}`,
    `grademark / ours (float): ${gm ? formatNumber(gm.median / float.median) : 'unavailable'}; technicalindicators / ours (float): ${formatNumber(ti.median / float.median)}`,
    'Trade counts differ a little between implementations: technicalindicators seeds RSI differently from TA-Lib; grademark has no fees or slippage.',
    '',
    delays,
  );
  const figures: Record<string, Figure> = {
    candles: N,
    ours_float_median_ms: round(float.median, 2),
    ours_float_min_ms: round(float.min, 2),
    ours_float_candles_per_s: Math.round(perS(float.median)),
    ours_exact_median_ms: round(exact.median, 2),
    ours_exact_candles_per_s: Math.round(perS(exact.median)),
    signals_median_ms: round(signalsOnly.median, 2),
    runner_loop_median_ms: round(loopOnly.median, 2),
    technicalindicators_median_ms: round(ti.median, 1),
    grademark_ms: gm ? round(gm.median, 0) : null,
    ratio_technicalindicators_vs_ours_float: round(ti.median / float.median, 1),
    ratio_technicalindicators_vs_ours_exact: round(ti.median / exact.median, 1),
    ratio_grademark_vs_ours_float: gm ? round(gm.median / float.median, 1) : null,
    trades_ours: float.trades,
    trades_technicalindicators: ti.trades,
    trades_grademark: gm?.trades ?? null,
    target_candles_per_s: TARGET_PER_S,
    ours_float_target_met: perS(float.median) >= TARGET_PER_S,
    ours_exact_target_met: perS(exact.median) >= TARGET_PER_S,
    worker_event_loop_p99_ms: round(workerDelay.p99, 2),
    worker_event_loop_max_ms: round(workerDelay.max, 2),
    idle_event_loop_p99_ms: round(idleDelay.p99, 2),
    main_thread_event_loop_max_ms: round(mainDelay.max, 2),
  };
  return { bench: 'backtest', report, figures };
}
