/**
 * Drift through the real core: a signal run on the simulator (fixed seed, manual clock, one candle
 * a step) compared with the backtest of its strategy version over the same candles must be 0: the
 * same trades at the same candles, none missed or added; only the simulated exchange's fills and
 * fees are measured against what the backtest assumed. (Where they must differ, injected slippage
 * and a missed candle: engine/drift/compare.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftReport } from '../../../../../shared/domain/drift.js';
import type { StrategyRunView } from '../../../../../shared/domain/strategy-runs.js';
import { createManualClock } from '../../../../engine/clock.js';
import type { TempCore } from '../../../testing/temp-core.js';
import { contractCalls, seedBacktest, startRunsCore, until } from '../testing/contract-harness.js';

// On the minute: each close is decided, and its order filled, at the instant the candle closes.
const clock = createManualClock(Date.UTC(2025, 0, 6, 12, 0, 0));
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
      const closed = Math.floor(clock.now() / 60_000) * 60_000;
      await until(
        async () =>
          ((await data<StrategyRunView[]>('strategies.runs')).find((r) => r.runId === run.runId)!.lastEvaluatedAt ??
            0) >= closed,
        `evaluation ${i}`,
      );
      await t.core.services.runs.idle();
      await t.core.services.orders.idle();
      await t.core.services.runs.idle();
    }
    await data('strategies.stop', { runId: run.runId });
    const report = await data<DriftReport>('strategies.drift', { runId: run.runId });
    const summary = JSON.stringify({ ...report, equity: undefined }, null, 1);
    const count = (status: string) => report.trades.filter((x) => x.status === status).length;
    // 0 drift: the run made every trade its backtest made, at the same candles, and no other.
    expect(report.trades.length, summary).toBeGreaterThanOrEqual(3);
    expect(count('matched'), summary).toBe(report.trades.length);
    expect([report.missed, report.extra]).toEqual([0, 0]);
    for (const trade of report.trades) expect([trade.entryDelayMs, trade.exitDelayMs], summary).toEqual([0, 0]);
    expect(report.breaches).toEqual([]);
    const first = report.trades[0]!;
    // The backtest assumed Settings' default fee rate and its slippage; the simulated exchange fills
    // at its book (spread, depth), so the slippage is measured, not assumed.
    const { defaultFeeRate } = await data<{ defaultFeeRate: number }>('settings.get');
    expect(report.assumed).toEqual({ feeRate: defaultFeeRate, slippage: 0.0005 });
    expect(first.entrySlippageBps).not.toBeNull();
    expect(Math.abs(first.entrySlippageBps!)).toBeLessThan(100);
    expect(first.feeGapPercent).not.toBeNull();
    expect(report.equity.length).toBeGreaterThan(0);
    // What remains is the price: the exchange's spread against the assumed slippage, well under a point.
    expect(Math.abs(report.equityGap), summary).toBeLessThan(0.5);
  }, 120_000);

  it('refuses a run that does not exist', async () => {
    expect(await call('strategies.drift', { runId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
