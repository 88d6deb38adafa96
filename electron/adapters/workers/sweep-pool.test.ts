import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SETTINGS } from '../../../shared/domain/risk.js';
import { BacktestSettings, Strategy } from '../../../shared/domain/strategy.js';
import { riskGateForBacktest } from '../../engine/backtest/risk-gate-adapter.js';
import { runBacktest } from '../../engine/backtest/runner.js';
import { createManualClock } from '../../engine/clock.js';
import { simulatedHistory } from '../../engine/gauntlet/test-candles.js';
import type { SetResult } from '../../engine/optimize/evaluate.js';
import { gridSets, parseRanges } from '../../engine/optimize/ranges.js';
import { parameterSpace } from '../../engine/optimize/space.js';
import { runSweep, SweepCancelledError, type SweepConfig } from '../../engine/optimize/sweep.js';
import { createSweepPool, type SweepPool } from './sweep-pool.js';

const strategy = Strategy.parse({
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
const settings = BacktestSettings.parse({});
const config: SweepConfig = {
  strategy,
  settings,
  risk: DEFAULT_RISK_SETTINGS,
  accounting: 'exact',
  shareSeries: true,
  blocks: 8,
};
const ranges = parseRanges(
  ['SMA(10).period=5:13:2', 'SMA(30).period=20,30,40', 'takeProfitPercent=3,6'],
  parameterSpace(strategy).parameters,
);
const sets = gridSets(ranges);
const whole = { from: 0, to: candles.length, tradeFrom: 0 };

let pool: SweepPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('the sweep pool (worker threads)', () => {
  it('gives every set the result of a single backtest with those parameters, trade for trade', async () => {
    pool = createSweepPool({ columns: candles, config, workers: 2 });
    const results = await runSweep({ executor: pool, window: whole, sets, chunkSize: 4, clock: createManualClock() });
    expect(results).toHaveLength(30);
    for (const [i, values] of sets.entries()) {
      const single = runBacktest({
        strategy: Strategy.parse(parameterSpace(strategy).apply(values)),
        candles,
        settings,
        gate: riskGateForBacktest(DEFAULT_RISK_SETTINGS),
      });
      expect(results[i]!.metrics).toEqual(single.metrics);
    }
    const [kept] = await pool.runChunk({ window: whole, sets: [{ index: 7, values: sets[7]! }], keep: true });
    const single = runBacktest({
      strategy: Strategy.parse(parameterSpace(strategy).apply(sets[7]!)),
      candles,
      settings,
      gate: riskGateForBacktest(DEFAULT_RISK_SETTINGS),
    });
    expect(kept!.trades).toEqual(single.trades);
    expect(Array.from(kept!.equity!)).toEqual(Array.from(single.equity));
  });

  it('cancels mid-sweep, keeps what arrived, and resumes to the same results as an uninterrupted run', async () => {
    pool = createSweepPool({ columns: candles, config, workers: 2 });
    const stored: SetResult[] = [];
    const controller = new AbortController();
    const cancelled = runSweep({
      executor: pool,
      window: whole,
      sets,
      chunkSize: 2,
      onResults: (r) => {
        stored.push(...r);
        if (stored.length >= 6) controller.abort();
      },
      signal: controller.signal,
      clock: createManualClock(),
    });
    await expect(cancelled).rejects.toBeInstanceOf(SweepCancelledError);
    expect(stored.length).toBeGreaterThanOrEqual(6);
    expect(stored.length).toBeLessThan(30);
    const resumedRuns: SetResult[] = [];
    const resumed = await runSweep({
      executor: pool,
      window: whole,
      sets,
      done: stored,
      onResults: (r) => resumedRuns.push(...r),
      clock: createManualClock(),
    });
    expect(resumedRuns.length).toBe(30 - stored.length);
    await pool.close();
    pool = createSweepPool({ columns: candles, config, workers: 1 });
    const straight = await runSweep({ executor: pool, window: whole, sets, clock: createManualClock() });
    expect(resumed.map((r) => r.metrics)).toEqual(straight.map((r) => r.metrics));
  });
});
