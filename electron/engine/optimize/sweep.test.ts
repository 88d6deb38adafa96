import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SETTINGS } from '../../../shared/domain/risk.js';
import { BacktestSettings, Strategy } from '../../../shared/domain/strategy.js';
import { riskGateForBacktest } from '../backtest/risk-gate-adapter.js';
import { runBacktest } from '../backtest/runner.js';
import { createManualClock } from '../clock.js';
import { simulatedHistory } from '../gauntlet/test-candles.js';
import type { EvalWindow, SetResult } from './evaluate.js';
import { summariseSweep } from './report.js';
import { gridSets, parseRanges, randomSets } from './ranges.js';
import { parameterSpace } from './space.js';
import { chunkSizes, evaluatorFor, runSweep, type ChunkTask, type SweepConfig, type SweepExecutor } from './sweep.js';

export const SMA_RSI = Strategy.parse({
  name: 'SMA cross + RSI',
  symbols: ['BTC/USD'],
  timeframe: '15m',
  entryConditions: ['SMA_10_crossover_SMA_30', 'RSI(14) < 70'],
  exitConditions: ['SMA(10) crosses below SMA(30)'],
  stopLossPercent: 2,
  takeProfitPercent: 4,
  positionSizePercent: 10,
  riskLevel: 'MEDIUM',
});

const candles = simulatedHistory(30, '15m');
const settings = BacktestSettings.parse({ feeRate: 0.001, slippage: 0.0005 });
const config: SweepConfig = {
  strategy: SMA_RSI,
  settings,
  risk: DEFAULT_RISK_SETTINGS,
  accounting: 'exact',
  shareSeries: true,
  blocks: 8,
};

/** Runs chunks in this thread, in order (the pool's workers run the same evaluator). */
function inline(shareSeries = true): SweepExecutor {
  const evaluator = evaluatorFor({ ...config, shareSeries }, candles);
  return {
    concurrency: 1,
    runChunk: (task: ChunkTask) =>
      Promise.resolve(task.sets.map((s) => evaluator.run(s.index, s.values, task.window, task.keep))),
  };
}

const whole: EvalWindow = { from: 0, to: candles.length, tradeFrom: 0 };

describe('parameter space', () => {
  it('names the strategy fields, each indicator parameter and each threshold', () => {
    const names = parameterSpace(SMA_RSI).parameters.map((p) => p.name);
    expect(names).toEqual([
      'stopLossPercent',
      'takeProfitPercent',
      'positionSizePercent',
      'SMA(10).period',
      'SMA(30).period',
      'RSI(14).period',
      'entryConditions[1].threshold1',
    ]);
    const moved = parameterSpace(SMA_RSI).apply({
      'SMA(10).period': 7,
      'entryConditions[1].threshold1': 65,
    }) as Strategy;
    expect(moved.entryConditions).toEqual(['SMA_7_crossover_SMA_30', 'RSI(14) < 65']);
    expect(moved.exitConditions).toEqual(['SMA(7) crosses below SMA(30)']);
  });

  it('refuses a range that is not a range, with what to write', () => {
    const params = parameterSpace(SMA_RSI).parameters;
    expect(() => parseRanges(['SMA(10).period=5:3:1'], params)).toThrow(/end \(3\) is below the start/);
    expect(() => parseRanges(['SMA(10).period=5.5,6'], params)).toThrow(/whole numbers/);
    expect(() => parseRanges(['fast=5:10:1'], params)).toThrow(/no parameter "fast".*SMA\(10\)\.period/);
    expect(parseRanges(['stopLossPercent=1:2:0.5'], params)[0]!.values).toEqual([1, 1.5, 2]);
  });
});

describe('sweep', () => {
  const ranges = parseRanges(
    ['SMA(10).period=6:12:3', 'SMA(30).period=24,36', 'stopLossPercent=1.5,3', 'entryConditions[1].threshold1=60,75'],
    parameterSpace(SMA_RSI).parameters,
  );
  const sets = gridSets(ranges);

  it('gives each set the result of a single backtest with those parameters, trade for trade', async () => {
    const results = await runSweep({ executor: inline(), window: whole, sets, clock: createManualClock() });
    expect(results).toHaveLength(24);
    const evaluator = evaluatorFor(config, candles);
    for (const [i, values] of sets.entries()) {
      const strategy = Strategy.parse(parameterSpace(SMA_RSI).apply(values));
      const single = runBacktest({ strategy, candles, settings, gate: riskGateForBacktest(DEFAULT_RISK_SETTINGS) });
      const swept = evaluator.run(i, values, whole, true);
      expect(swept.trades).toEqual(single.trades);
      expect(swept.metrics).toEqual(single.metrics);
      expect(results[i]!.metrics).toEqual(single.metrics);
    }
    expect(results.some((r) => (r.metrics?.trades ?? 0) > 3)).toBe(true);
  });

  it('shares series without changing any result', async () => {
    const shared = await runSweep({ executor: inline(true), window: whole, sets, clock: createManualClock() });
    const alone = await runSweep({ executor: inline(false), window: whole, sets, clock: createManualClock() });
    expect(shared.map((r) => r.metrics)).toEqual(alone.map((r) => r.metrics));
  });

  it('runs only the sets not stored yet, counts each set once and reports progress to the end', async () => {
    const first = await runSweep({
      executor: inline(),
      window: whole,
      sets: sets.slice(0, 10),
      clock: createManualClock(),
    });
    let ran = 0;
    const base = inline();
    const counting: SweepExecutor = {
      concurrency: 2,
      runChunk: async (t) => {
        ran += t.sets.length;
        const out = await base.runChunk(t);
        return [...out, ...out]; // a retried chunk delivers its results twice
      },
    };
    const stored: SetResult[] = [];
    const progress: number[] = [];
    const all = await runSweep({
      executor: counting,
      window: whole,
      sets,
      done: first,
      chunkSize: 4,
      onResults: (r) => stored.push(...r),
      onProgress: (p) => progress.push(p.done),
      clock: createManualClock(),
    });
    expect(ran).toBe(14);
    expect(stored.map((r) => r.index).sort((a, b) => a - b)).toEqual(Array.from({ length: 14 }, (_, i) => i + 10));
    expect(all.map((r) => r.index)).toEqual(sets.map((_, i) => i));
    expect(progress.at(-1)).toBe(24);
  });

  it('marks sets that are not valid strategies instead of failing the sweep', async () => {
    const bad = [{ stopLossPercent: 5, takeProfitPercent: 4 }];
    const space = { ...config, strategy: SMA_RSI };
    const [r] = await runSweep({ executor: inline(), window: whole, sets: bad, clock: createManualClock() });
    expect(space.strategy.name).toBe('SMA cross + RSI');
    expect(r!.metrics).toBeNull();
    expect(r!.invalid).toMatch(/take profit/);
  });

  it('cuts chunks of up to 50 sets that shrink in the tail, so the workers finish together', () => {
    const sizes = chunkSizes(1000, 2);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(Math.max(...sizes)).toBe(50);
    expect(sizes.at(-1)).toBe(1);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(chunkSizes(3, 2)).toEqual([1, 1, 1]);
    expect(chunkSizes(0, 2)).toEqual([]);
  });

  it('draws the same random sets for the same seed', () => {
    expect(randomSets(ranges, 5, 42)).toEqual(randomSets(ranges, 5, 42));
    expect(randomSets(ranges, 5, 42)).not.toEqual(randomSets(ranges, 5, 43));
    expect(new Set(randomSets(ranges, 5, 42).map((s) => JSON.stringify(s))).size).toBe(5);
  });

  it('ranks by the objective within the constraints and measures overfitting', async () => {
    const results = await runSweep({ executor: inline(), window: whole, sets, clock: createManualClock() });
    const summary = summariseSweep(results, 'sharpe', { minTrades: 1 });
    const qualifying = summary.ranked.filter((r) => r.rejected === null);
    for (let i = 1; i < qualifying.length; i++)
      expect(qualifying[i - 1]!.score).toBeGreaterThanOrEqual(qualifying[i]!.score);
    expect(summary.best?.metrics?.sharpe).toBe(Math.max(...qualifying.map((r) => r.metrics!.sharpe)));
    expect(summary.pbo!.splits).toBe(70);
    expect(summary.pbo!.pbo).toBeGreaterThanOrEqual(0);
    expect(summary.pbo!.pbo).toBeLessThanOrEqual(1);
    expect(summary.deflatedSharpe!.dsr).toBeGreaterThanOrEqual(0);
    expect(summary.deflatedSharpe!.dsr).toBeLessThanOrEqual(1);
    const none = summariseSweep(results, 'sharpe', { minTrades: 100_000 });
    expect(none.best).toBeNull();
    expect(none.rejected).toBe(24);
  });
});
