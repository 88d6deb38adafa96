import type { BacktestMetrics, BacktestTrade } from './types.js';

/** 24/7 markets: a year is 365 days of candles. */
export const YEAR_MS = 365 * 86_400_000;

export type MetricsInput = {
  /** Equity marked at each close. */
  equity: Float64Array;
  /** Candle open times. */
  time: Float64Array;
  candleMs: number;
  initialCapital: number;
  finalEquity: number;
  feesPaid: number;
  trades: readonly BacktestTrade[];
  buyAndHold: { firstOpen: number; lastClose: number };
};

/** Every metric of a run (definitions on BacktestMetrics in types.ts). */
export function computeMetrics(input: MetricsInput): BacktestMetrics {
  const { equity, time, candleMs, initialCapital, finalEquity, trades } = input;
  const n = equity.length;
  const span = n > 0 ? time[n - 1]! + candleMs - time[0]! : 0;
  const years = span / YEAR_MS;
  const growth = finalEquity / initialCapital;
  const tradeStats = tradeMetrics(trades);
  const drawdown = maxDrawdown(equity, time, candleMs, initialCapital);
  const ratios = riskRatios(equity, initialCapital, YEAR_MS / candleMs);
  let held = 0;
  for (const t of trades) held += t.candlesHeld;
  return {
    initialCapital,
    finalEquity,
    netProfit: finalEquity - initialCapital,
    netProfitPercent: (growth - 1) * 100,
    cagrPercent: years > 0 ? (growth > 0 ? (growth ** (1 / years) - 1) * 100 : -100) : 0,
    buyAndHoldPercent: (input.buyAndHold.lastClose / input.buyAndHold.firstOpen - 1) * 100,
    ...tradeStats,
    ...drawdown,
    ...ratios,
    exposurePercent: n > 0 ? (held / n) * 100 : 0,
    feesPaid: input.feesPaid,
    averageCandlesInTrade: trades.length > 0 ? held / trades.length : 0,
  };
}

export function tradeMetrics(trades: readonly BacktestTrade[]) {
  let wins = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let best = -Infinity;
  let worst = Infinity;
  for (const t of trades) {
    if (t.pnl > 0) {
      wins++;
      grossProfit += t.pnl;
    } else grossLoss -= t.pnl;
    best = Math.max(best, t.pnl);
    worst = Math.min(worst, t.pnl);
  }
  const count = trades.length;
  const losses = count - wins;
  return {
    trades: count,
    winRatePercent: count > 0 ? (wins / count) * 100 : 0,
    profitFactor: count === 0 ? 0 : grossLoss > 0 ? grossProfit / grossLoss : wins > 0 ? null : 0,
    expectancy: count > 0 ? (grossProfit - grossLoss) / count : 0,
    averageWin: wins > 0 ? grossProfit / wins : 0,
    averageLoss: losses > 0 ? -grossLoss / losses : 0,
    bestTrade: count > 0 ? best : null,
    worstTrade: count > 0 ? worst : null,
  };
}

/**
 * The largest fall from a running peak (the start capital being the first peak), in % of that
 * peak, and how long that episode lasted: from the close at which the peak was set (the first
 * candle's open time for the start capital) to the first close back at or above it, or to the last
 * close if it never recovered.
 */
export function maxDrawdown(equity: Float64Array, time: Float64Array, candleMs: number, initialCapital: number) {
  let peak = initialCapital;
  let peakIndex = -1;
  let worst = 0;
  let worstPeak = initialCapital;
  let worstPeakIndex = -1;
  let worstIndex = -1;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    if (e > peak) {
      peak = e;
      peakIndex = i;
    }
    const dd = (peak - e) / peak;
    if (dd > worst) {
      worst = dd;
      worstPeak = peak;
      worstPeakIndex = peakIndex;
      worstIndex = i;
    }
  }
  if (worstIndex < 0) {
    return {
      maxDrawdownPercent: 0,
      maxDrawdownDurationMs: 0,
      maxDrawdownDurationCandles: 0,
      maxDrawdownRecovered: true,
    };
  }
  let recovery = -1;
  for (let i = worstIndex + 1; i < equity.length; i++) {
    if (equity[i]! >= worstPeak) {
      recovery = i;
      break;
    }
  }
  const endIndex = recovery >= 0 ? recovery : equity.length - 1;
  const peakTime = worstPeakIndex >= 0 ? time[worstPeakIndex]! + candleMs : time[0]!;
  return {
    maxDrawdownPercent: worst * 100,
    maxDrawdownDurationMs: time[endIndex]! + candleMs - peakTime,
    maxDrawdownDurationCandles: endIndex - worstPeakIndex,
    maxDrawdownRecovered: recovery >= 0,
  };
}

/**
 * Sharpe and Sortino of the per-candle equity returns r_i = equity[i] / equity[i-1] - 1 (the start
 * capital before the first candle), risk-free rate 0, annualised by sqrt(candles per year).
 * Sharpe: mean / sample standard deviation (0 when it is 0). Sortino: mean / downside deviation,
 * sqrt(sum(min(r, 0)^2) / count) (null when no return is negative). One pass; the variance is
 * summed around the first return (a shifted sum: no cancellation when the mean is far from 0).
 */
export function riskRatios(equity: Float64Array, initialCapital: number, periodsPerYear: number) {
  const n = equity.length;
  if (n < 2) return { sharpe: 0, sortino: null };
  const shift = equity[0]! / initialCapital - 1;
  let prev = initialCapital;
  let sum = 0;
  let sumSq = 0;
  let downSq = 0;
  for (let i = 0; i < n; i++) {
    const e = equity[i]!;
    const r = e / prev - 1;
    prev = e;
    const d = r - shift;
    sum += d;
    sumSq += d * d;
    if (r < 0) downSq += r * r;
  }
  const mean = shift + sum / n;
  const sd = Math.sqrt(Math.max(0, (sumSq - (sum * sum) / n) / (n - 1)));
  const annual = Math.sqrt(periodsPerYear);
  const downside = Math.sqrt(downSq / n);
  return { sharpe: sd > 0 ? (mean / sd) * annual : 0, sortino: downside > 0 ? (mean / downside) * annual : null };
}
