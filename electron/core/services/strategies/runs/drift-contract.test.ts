/**
 * Drift through the real core: a signal run on the simulator (manual clock, one candle a step)
 * compared with the backtest of its strategy version over the same candles: every trade accounted
 * for once, the first decision the same on both sides, the simulated exchange's fills and fees
 * measured against what the backtest assumed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftReport } from '../../../../../shared/domain/drift.js';
import type { StrategyRunView } from '../../../../../shared/domain/strategy-runs.js';
import { createManualClock } from '../../../../engine/clock.js';
import type { TempCore } from '../../../testing/temp-core.js';
import { contractCalls, seedBacktest, startRunsCore, until } from '../testing/contract-harness.js';

const clock = createManualClock(Date.UTC(2025, 0, 6, 12, 0, 30));
let t: TempCore;
const { call, data } = contractCalls(() => t);

beforeAll(async () => {
  t = await startRunsCore(clock);
}, 120_000);
afterAll(async () => {
  await t.cleanup();
});

describe('drift of a run from its backtest', () => {
  it("pairs a run's trades with its backtest's and measures the fills against the assumptions", async () => {
    // In at one close, out at the next: a trade every two or three candles.
    const { id } = await data<{ id: string }>('strategies.create', {
      definition: {
        name: 'Flip',
        symbols: ['BTC/USD'],
        timeframe: '1m',
        riskLevel: 'LOW',
        entryConditions: ['Price > 0'],
        exitConditions: ['Price > 0'],
        stopLossPercent: 10,
        takeProfitPercent: 20,
        positionSizePercent: 10,
      },
    });
    seedBacktest(t.dataDir, { strategyId: id, timeframe: '1m', grade: 'ACCEPTABLE', ranAt: clock.now() });
    const run = await data<StrategyRunView>('strategies.activate', { id });
    for (let i = 0; i < 12; i++) {
      clock.advance(60_000);
      const target = clock.now();
      await until(
        async () =>
          ((await data<StrategyRunView[]>('strategies.runs')).find((r) => r.runId === run.runId)!.lastEvaluatedAt ??
            0) >=
          target - 120_000,
        `evaluation ${i}`,
      );
      await t.core.services.orders.idle();
    }
    await data('strategies.stop', { runId: run.runId });
    const report = await data<DriftReport>('strategies.drift', { runId: run.runId });
    const summary = JSON.stringify({ ...report, equity: undefined }, null, 1);
    const count = (status: string) => report.trades.filter((x) => x.status === status).length;
    // Every trade of either side is accounted for once.
    expect(report.matched + report.missed + report.extra, summary).toBe(report.trades.length);
    expect(count('matched')).toBe(report.matched);
    // The first entry is the same decision on both sides: filled within one candle of the backtest's.
    const first = report.trades[0]!;
    expect(first.status, summary).toBe('matched');
    expect(Math.abs(first.entryDelayMs!)).toBeLessThanOrEqual(60_000);
    // The backtest assumed Settings' default fee rate and its slippage; the simulated exchange fills
    // at its book (spread, depth), so the slippage is measured, not assumed.
    const { defaultFeeRate } = await data<{ defaultFeeRate: number }>('settings.get');
    expect(report.assumed).toEqual({ feeRate: defaultFeeRate, slippage: 0.0005 });
    expect(first.entrySlippageBps).not.toBeNull();
    expect(Math.abs(first.entrySlippageBps!)).toBeLessThan(100);
    expect(first.feeGapPercent).not.toBeNull();
    expect(report.equity.length).toBeGreaterThan(0);
    // Beyond the trader's thresholds (default: 1 missed trade, 2 points), the drift says so in words.
    expect(report.breaches.length > 0).toBe(report.missed + report.extra > 1 || Math.abs(report.equityGap) > 2);
  }, 120_000);

  it('refuses a run that does not exist', async () => {
    expect(await call('strategies.drift', { runId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
