import { describe, expect, it } from 'vitest';
import { BacktestSettings, GridStrategy, STRATEGY_TEMPLATES } from '../../../shared/domain/strategy.js';
import { runGridBacktest } from '../grid/backtest.js';
import { gridSeries } from '../grid/readings.js';
import { gridVariants } from './grid-variants.js';
import { gridWarmupCandles, runGridWindow } from './grid-window.js';
import { runGauntlet } from './run.js';
import { simulatedHistory, TEST_START } from './test-candles.js';
import { DAY_MS, indexAtOrAfter, sliceCandles } from './windows.js';

const template = STRATEGY_TEMPLATES.find((t) => t.id === 'atr-grid')!.strategy as GridStrategy;
const candles = simulatedHistory(90, '1h');
const to = TEST_START + 90 * DAY_MS;
const settings = BacktestSettings.parse({});
const options = { strategy: template, candles, to, symbol: 'BTC/USD', settings, monteCarloRuns: 200 };

describe('the gauntlet on a grid strategy', () => {
  it('runs every stage of the ATR grid template and gives a verdict, the same twice', () => {
    const seen: number[] = [];
    const r = runGauntlet(options, (f) => seen.push(f));
    expect(r.backtest.start).toBe(to - 30 * DAY_MS);
    expect(r.backtest.end).toBe(to);
    expect(r.backtest.candles).toBe(30 * 24);
    expect(r.backtest.trades.length).toBeGreaterThan(0);
    expect(r.backtest.trades.every((t) => t.reason === 'GRID' || t.reason === 'STOP' || t.reason === 'END')).toBe(true);
    expect(r.outOfSample.split).toBeGreaterThan(r.outOfSample.from);
    expect(r.costStress.feeRate).toBeCloseTo(0.002, 12);
    expect(r.costStress.figures.netProfitPercent).toBeLessThan(r.backtest.metrics.netProfitPercent);
    const moves = r.stability.variants.map((v) => `${v.change} ${v.parameter}`);
    expect(moves).toContain('-20% levelsPerSide: 5 -> 4');
    expect(moves).toContain('+20% levelsPerSide: 5 -> 6');
    expect(moves).toContain('-20% spacingAtrMultiple: 1.5 -> 1.2');
    expect(moves).toContain('+20% spacingAtrMultiple: 1.5 -> 1.8');
    // 20 % is the most capital a grid may use: +20 % is refused by the schema, not counted.
    expect(moves.some((m) => m.startsWith('+20% capitalPerSymbolPercent'))).toBe(false);
    expect(r.stability.total).toBe(13);
    expect(r.monteCarlo.runs).toBe(200);
    expect(['FAILED', 'ACCEPTABLE', 'GOOD', 'EXCELLENT']).toContain(r.verdict.grade);
    expect(r.verdict.reasons.length).toBeGreaterThan(0);
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1);
    expect(runGauntlet(options).verdict).toEqual(r.verdict);
  });

  it('runs a window from the starting capital with the indicators warmed up just before it', () => {
    expect(gridSeries(template, candles).firstReady).toBe(gridWarmupCandles(template));
    const a = indexAtOrAfter(candles.time, to - 30 * DAY_MS);
    const b = candles.length;
    const window = runGridWindow(template, candles, a, b, { symbol: 'BTC/USD', settings });
    // The grid's first decision is at the close before the window: trades start in its first candles.
    expect(window.firstReady).toBe(0);
    expect(window.trades[0]!.entryIndex).toBeLessThan(20);
    expect(window.trades.every((t) => t.entryTime >= candles.time[a]!)).toBe(true);
    expect(window.equity.length).toBe(b - a);
    // The same grid run on the window alone only starts once its indicators are ready (day 1 lost).
    const cold = runGridBacktest({ strategy: template, candles: sliceCandles(candles, a, b), settings });
    expect(cold.firstReady).toBe(gridWarmupCandles(template));
    expect(cold.trades[0]!.entryIndex).toBeGreaterThan(gridWarmupCandles(template));
    // The warm-up filled nothing: the totals are those of the run including it.
    const start = a - gridWarmupCandles(template) - 1;
    const whole = runGridBacktest({ strategy: template, candles: sliceCandles(candles, start, b), settings });
    expect(window.exact).toEqual(whole.exact);
    expect(window.trades.length).toBe(whole.trades.length);
    expect([...whole.equity.subarray(0, a - start)].every((e) => e === settings.initialCapital)).toBe(true);
  });

  it('skips grid variants the schema refuses: a fast EMA not shorter than the slow one', () => {
    const grid = GridStrategy.parse({ ...template, trendFilter: { fastEma: 20, slowEma: 22 }, stopLossPercent: 5 });
    const moves = gridVariants(grid).map((v) => `${v.change} ${v.parameter}`);
    expect(moves).toContain('-20% trendFilter.fastEma: 20 -> 16');
    expect(moves.some((m) => m.startsWith('+20% trendFilter.fastEma'))).toBe(false);
    expect(moves.some((m) => m.startsWith('-20% trendFilter.slowEma'))).toBe(false);
    expect(moves).toContain('+20% trendFilter.slowEma: 22 -> 26');
    expect(moves).toContain('+20% stopLossPercent: 5 -> 6');
    expect(moves).toContain('-20% atrPeriod: 14 -> 11');
    const one = GridStrategy.parse({ ...template, levelsPerSide: 1 });
    // 1 x 0.8 rounds back to 1 level: no variant.
    expect(gridVariants(one).map((v) => `${v.change} ${v.parameter}`)).not.toContain('-20% levelsPerSide: 1 -> 1');
    expect(gridVariants(one).some((v) => v.parameter.startsWith('levelsPerSide') && v.change === '-20%')).toBe(false);
  });
});
