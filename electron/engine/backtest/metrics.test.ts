import { describe, expect, it } from 'vitest';
import { computeMetrics, maxDrawdown, riskRatios, tradeMetrics } from './metrics.js';
import type { BacktestTrade } from './types.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

function trade(pnl: number, candlesHeld: number): BacktestTrade {
  return {
    entryIndex: 0,
    exitIndex: 0,
    entryTime: T0,
    exitTime: T0,
    entryPrice: 100,
    exitPrice: 100,
    quantity: 1,
    entryFee: 0,
    exitFee: 0,
    pnl,
    pnlPercent: pnl / 10,
    reason: 'SIGNAL',
    candlesHeld,
    pnlExact: null,
    feesExact: null,
  };
}

/**
 * Daily equity 10,000 (start) -> 10,000, 10,100, 9,900, 10,200 at the four closes.
 * Returns: r0 = 0, r1 = 0.01, r2 = 9900/10100 - 1 = -0.0198019802, r3 = 10200/9900 - 1 = 0.0303030303.
 * Mean = 0.0205010501 / 4 = 0.0051252625.
 * Deviations from the mean: -0.0051252625, 0.0048747375, -0.0249272427, 0.0251777678;
 * squares 2.6268e-5 + 2.3763e-5 + 6.2137e-4 + 6.3392e-4 = 1.30532e-3; / 3 = 4.3511e-4; sd = 0.0208592.
 * Sharpe = 0.0051252625 / 0.0208592 * sqrt(365) = 0.245708 * 19.104973 = 4.6942.
 * Downside deviation = sqrt(0.0198019802^2 / 4) = 0.0099009901; Sortino = 0.517652 * 19.104973 = 9.8897.
 * Drawdown: peak 10,100 (close of day 1, i.e. T0 + 2 days) to 9,900: 200 / 10,100 = 1.980198 %;
 * recovered at the close of day 3 (T0 + 4 days): 2 days, 2 candles.
 * CAGR: 4 days, growth 1.02: 1.02^(365 / 4) - 1 = 5.0921 = 509.21 %.
 */
const equity = Float64Array.from([10_000, 10_100, 9_900, 10_200]);
const time = Float64Array.from([T0, T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY]);

describe('metrics on a hand-made series', () => {
  it('Sharpe and Sortino from per-candle returns, annualised with 365 daily candles', () => {
    const { sharpe, sortino } = riskRatios(equity, 10_000, 365);
    const r = [0, 0.01, 9900 / 10100 - 1, 10200 / 9900 - 1];
    const mean = r.reduce((a, b) => a + b) / 4;
    const sd = Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / 3);
    expect(sharpe).toBeCloseTo((mean / sd) * Math.sqrt(365), 10);
    expect(sharpe).toBeCloseTo(4.6942, 3);
    expect(sortino).toBeCloseTo((mean / Math.sqrt(r[2]! ** 2 / 4)) * Math.sqrt(365), 10);
    expect(sortino).toBeCloseTo(9.8897, 3);
    expect(riskRatios(Float64Array.from([10_000, 10_100, 10_200]), 10_000, 365).sortino).toBeNull();
    expect(riskRatios(Float64Array.from([10_000, 10_000]), 10_000, 365).sharpe).toBe(0);
  });

  it('maximum drawdown: peak to trough of the marked equity, and how long until it recovered', () => {
    expect(maxDrawdown(equity, time, DAY, 10_000)).toEqual({
      maxDrawdownPercent: expect.closeTo((200 / 10_100) * 100, 12),
      maxDrawdownDurationMs: 2 * DAY,
      maxDrawdownDurationCandles: 2,
      maxDrawdownRecovered: true,
    });
    // A fall from the start capital that never recovers: from the first open to the last close.
    const falling = maxDrawdown(Float64Array.from([9_500, 9_000, 9_200]), time.subarray(0, 3), DAY, 10_000);
    expect(falling).toEqual({
      maxDrawdownPercent: expect.closeTo(10, 12),
      maxDrawdownDurationMs: 3 * DAY,
      maxDrawdownDurationCandles: 3,
      maxDrawdownRecovered: false,
    });
  });

  it('trade statistics: win rate, profit factor, expectancy, averages, best and worst', () => {
    // P&L 50, -20, 30, -10: 2 winners of 4 (50 %); gross profit 80, gross loss 30: PF 2.6667;
    // expectancy 50 / 4 = 12.5; average win 40, average loss -15.
    expect(tradeMetrics([trade(50, 1), trade(-20, 1), trade(30, 1), trade(-10, 0)])).toEqual({
      trades: 4,
      winRatePercent: 50,
      profitFactor: expect.closeTo(80 / 30, 12),
      expectancy: 12.5,
      averageWin: 40,
      averageLoss: -15,
      bestTrade: 50,
      worstTrade: -20,
    });
    expect(tradeMetrics([trade(5, 1)]).profitFactor).toBeNull(); // no losing trade: infinite
    expect(tradeMetrics([])).toMatchObject({ trades: 0, winRatePercent: 0, profitFactor: 0, bestTrade: null });
  });

  it('puts it together: net profit, CAGR, buy and hold, exposure, fees, candles in a trade', () => {
    const m = computeMetrics({
      equity,
      time,
      candleMs: DAY,
      initialCapital: 10_000,
      finalEquity: 10_200,
      feesPaid: 12.5,
      trades: [trade(50, 1), trade(-20, 1), trade(30, 1), trade(-10, 0)],
      buyAndHold: { firstOpen: 100, lastClose: 110 },
    });
    expect(m).toMatchObject({
      netProfit: 200,
      netProfitPercent: expect.closeTo(2, 12),
      cagrPercent: expect.closeTo((1.02 ** (365 / 4) - 1) * 100, 9),
      buyAndHoldPercent: expect.closeTo(10, 12),
      exposurePercent: 75, // 3 candles held of 4
      averageCandlesInTrade: 0.75,
      feesPaid: 12.5,
      finalEquity: 10_200,
    });
    expect(m.cagrPercent).toBeCloseTo(509.21, 1);
  });
});
