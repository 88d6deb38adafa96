/** The job worker with its backtest kind: same results as in-process, risk gate, progress, cancellation. */
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SETTINGS, RiskSettings } from '../../../shared/domain/risk.js';
import { STRATEGY_TEMPLATES, type GridStrategy } from '../../../shared/domain/strategy.js';
import { runBacktest } from '../../engine/backtest/runner.js';
import { runGridBacktest } from '../../engine/grid/backtest.js';
import { hourly, testStrategy } from '../../engine/backtest/test-helpers.js';
import { BacktestJobError, createBacktestWorker, JobCancelledError } from './backtest-worker.js';

const wave = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const c = 100 + 10 * Math.sin(i / 9) + 3 * Math.sin(i / 2.3);
    return [c - 0.2, c + 1.5, c - 1.5, c + 0.1] as const;
  });
const rows = wave(400);
const strategy = testStrategy({
  entryConditions: ['SMA(5) crosses above SMA(20)'],
  exitConditions: ['SMA(5) crosses below SMA(20)'],
});

describe('backtest worker', () => {
  const worker = createBacktestWorker();
  afterAll(() => worker.close());

  it('runs a backtest off the main thread with the same result as in-process, reporting progress', async () => {
    const local = runBacktest({ strategy, candles: hourly(rows) });
    const candles = hourly(rows);
    const progress: number[] = [];
    const remote = await worker.run({ strategy, candles }, { onProgress: (f) => progress.push(f) });
    expect(candles.close.length).toBe(0); // transferred, not copied
    expect(remote.trades).toEqual(local.trades);
    expect(remote.metrics).toEqual(local.metrics);
    expect(remote.equity).toBeInstanceOf(Float64Array);
    expect(Array.from(remote.equity)).toEqual(Array.from(local.equity));
    expect(progress).toEqual([0.5, 1]);
  });

  it('backtests a grid strategy with the grid backtest', async () => {
    const grid = { ...STRATEGY_TEMPLATES.find((t) => t.id === 'atr-grid')!.strategy, timeframe: '1h' } as GridStrategy;
    const local = runGridBacktest({ strategy: grid, candles: hourly(rows) });
    const remote = await worker.run({ strategy: grid, candles: hourly(rows) });
    expect(remote.trades).toEqual(local.trades);
    expect(remote.metrics).toEqual(local.metrics);
  });

  it('rejects with the strategy issues when a condition does not compile', async () => {
    const bad = testStrategy({ entryConditions: ['RSX < 30'] });
    const error = await worker.run({ strategy: bad, candles: hourly(rows) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BacktestJobError);
    expect((error as BacktestJobError).issues?.[0]).toMatchObject({
      path: ['entryConditions', 0],
      condition: { suggestion: 'RSI' },
    });
  });

  it('applies the risk gate rebuilt from the risk settings; no settings approve all', async () => {
    const tight = RiskSettings.parse({ capitalPerSymbol: { percent: 1 } });
    const free = await worker.run({ strategy, candles: hourly(rows), risk: null });
    const gated = await worker.run({ strategy, candles: hourly(rows), risk: tight });
    const defaults = await worker.run({ strategy, candles: hourly(rows), risk: DEFAULT_RISK_SETTINGS });
    expect(free.trades.length).toBeGreaterThan(0);
    expect(gated.trades).toHaveLength(0);
    expect(gated.vetoes.length).toBeGreaterThan(0);
    expect(gated.vetoes[0]).toMatchObject({ kind: 'entry', side: 'buy' });
    expect(defaults.trades).toEqual(free.trades); // a 10 % position passes the default limits
  });

  it('cancelling the running job stops it; a queued job runs on a fresh worker', async () => {
    const big = hourly(wave(300_000));
    const running = new AbortController();
    const first = worker.run({ strategy, candles: big }, { signal: running.signal });
    const second = worker.run({ strategy, candles: hourly(rows) });
    running.abort();
    await expect(first).rejects.toBeInstanceOf(JobCancelledError);
    expect((await second).trades.length).toBeGreaterThan(0);
  });

  it('cancelling a queued job drops it; the running one finishes', async () => {
    const queued = new AbortController();
    const first = worker.run({ strategy, candles: hourly(rows) });
    const second = worker.run({ strategy, candles: hourly(rows) }, { signal: queued.signal });
    queued.abort();
    await expect(second).rejects.toBeInstanceOf(JobCancelledError);
    expect((await first).candles).toBe(400);
  });
});
