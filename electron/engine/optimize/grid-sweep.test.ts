import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SETTINGS } from '../../../shared/domain/risk.js';
import { BacktestSettings, GridStrategy } from '../../../shared/domain/strategy.js';
import { riskGateForBacktest } from '../backtest/risk-gate-adapter.js';
import { createManualClock } from '../clock.js';
import { simulatedHistory } from '../gauntlet/test-candles.js';
import { runGridBacktest } from '../grid/backtest.js';
import { ATR_GRID } from '../grid/test-helpers.js';
import { gridSets, parseRanges } from './ranges.js';
import { parameterSpace } from './space.js';
import { evaluatorFor, runSweep, type ChunkTask, type SweepConfig, type SweepExecutor } from './sweep.js';
import { parseWalkForward, runWalkForward } from './walk-forward.js';

const candles = simulatedHistory(60, '1h');
const settings = BacktestSettings.parse({ feeRate: 0.001, slippage: 0.0005 });
const config: SweepConfig = {
  strategy: ATR_GRID,
  settings,
  risk: DEFAULT_RISK_SETTINGS,
  accounting: 'exact',
  shareSeries: true,
  blocks: 8,
};

function inline(): SweepExecutor {
  const evaluator = evaluatorFor(config, candles);
  return {
    concurrency: 1,
    runChunk: (task: ChunkTask) =>
      Promise.resolve(task.sets.map((s) => evaluator.run(s.index, s.values, task.window, task.keep))),
  };
}

function single(values: Record<string, number>, from = 0, to = candles.length) {
  const cut = (a: Float64Array) => a.subarray(from, to);
  return runGridBacktest({
    strategy: GridStrategy.parse(parameterSpace(ATR_GRID).apply(values)),
    candles: {
      length: to - from,
      time: cut(candles.time),
      open: cut(candles.open),
      high: cut(candles.high),
      low: cut(candles.low),
      close: cut(candles.close),
      volume: cut(candles.volume),
    },
    settings,
    gate: riskGateForBacktest(DEFAULT_RISK_SETTINGS),
  });
}

describe('sweeps of a grid strategy', () => {
  it("names the grid's own numbers as parameters", () => {
    const names = parameterSpace(ATR_GRID).parameters.map((p) => p.name);
    expect(names).toEqual([
      'levelsPerSide',
      'spacingAtrMultiple',
      'atrPeriod',
      'trendFilter.fastEma',
      'trendFilter.slowEma',
      'capitalPerSymbolPercent',
      'atrSpikePercent',
    ]);
    const moved = parameterSpace(ATR_GRID).apply({ levelsPerSide: 5, 'trendFilter.fastEma': 10 }) as GridStrategy;
    expect(moved).toMatchObject({ levelsPerSide: 5, trendFilter: { fastEma: 10, slowEma: 50 } });
  });

  it('gives each set the result of a single grid backtest with those parameters, trade for trade', async () => {
    const ranges = parseRanges(
      ['levelsPerSide=2:4:1', 'spacingAtrMultiple=0.5,1,1.5'],
      parameterSpace(ATR_GRID).parameters,
    );
    const sets = gridSets(ranges);
    const whole = { from: 0, to: candles.length, tradeFrom: 0 };
    const results = await runSweep({ executor: inline(), window: whole, sets, clock: createManualClock() });
    expect(results).toHaveLength(9);
    const evaluator = evaluatorFor(config, candles);
    for (const [i, values] of sets.entries()) {
      const want = single(values);
      expect(results[i]!.invalid).toBeNull();
      expect(results[i]!.metrics).toEqual(want.metrics);
      expect(evaluator.run(i, values, whole, true).trades).toEqual(want.trades);
    }
    expect(results.every((r) => (r.metrics?.trades ?? 0) > 0)).toBe(true);
    // The parameters matter: not every set ends with the same equity.
    expect(new Set(results.map((r) => r.metrics!.finalEquity)).size).toBeGreaterThan(1);
  });

  it('marks a set the grid schema refuses (fast EMA not below the slow one) instead of failing', async () => {
    const ranges = parseRanges(['trendFilter.fastEma=20,60'], parameterSpace(ATR_GRID).parameters);
    const whole = { from: 0, to: candles.length, tradeFrom: 0 };
    const [ok, bad] = await runSweep({
      executor: inline(),
      window: whole,
      sets: gridSets(ranges),
      clock: createManualClock(),
    });
    expect(ok!.invalid).toBeNull();
    expect(bad!.invalid).toContain('the fast EMA must be shorter than the slow EMA');
    expect(bad!.metrics).toBeNull();
  });

  it('walks forward: each out-of-sample run is a single grid backtest of those candles with the chosen set', async () => {
    const ranges = parseRanges(
      ['levelsPerSide=2,4', 'spacingAtrMultiple=0.5,1.5'],
      parameterSpace(ATR_GRID).parameters,
    );
    const raw = await runWalkForward({
      executor: inline(),
      columns: candles,
      strategy: ATR_GRID,
      sets: gridSets(ranges),
      spec: parseWalkForward('is=20d,oos=10d'),
      objective: 'netProfit',
      constraints: {},
      clock: createManualClock(),
    });
    expect(raw.windows.length).toBeGreaterThanOrEqual(3);
    for (const w of raw.windows) {
      const [c, d] = w.window.outOfSample;
      const want = single(w.best!.values, c, d);
      expect(w.outOfSample!.trades).toEqual(want.trades);
      expect(w.outOfSample!.metrics).toEqual(want.metrics);
    }
  });
});
