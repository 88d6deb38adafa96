import { afterAll, describe, expect, it } from 'vitest';
import { runBacktest } from '../../engine/backtest/runner.js';
import { hourly, testStrategy } from '../../engine/backtest/test-helpers.js';
import { BacktestJobError, createBacktestWorker } from './backtest-worker.js';

const rows = Array.from({ length: 400 }, (_, i) => {
  const c = 100 + 10 * Math.sin(i / 9) + 3 * Math.sin(i / 2.3);
  return [c - 0.2, c + 1.5, c - 1.5, c + 0.1] as const;
});
const strategy = testStrategy({
  entryConditions: ['SMA(5) crosses above SMA(20)'],
  exitConditions: ['SMA(5) crosses below SMA(20)'],
});

describe('backtest worker', () => {
  const worker = createBacktestWorker();
  afterAll(() => worker.close());

  it('runs a backtest off the main thread with the same result as in-process', async () => {
    const local = runBacktest({ strategy, candles: hourly(rows) });
    const candles = hourly(rows);
    const remote = await worker.run({ strategy, candles });
    expect(candles.close.length).toBe(0); // transferred, not copied
    expect(remote.trades).toEqual(local.trades);
    expect(remote.metrics).toEqual(local.metrics);
    expect(remote.equity).toBeInstanceOf(Float64Array);
    expect(Array.from(remote.equity)).toEqual(Array.from(local.equity));
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
});
