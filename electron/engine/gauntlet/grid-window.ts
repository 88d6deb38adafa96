/**
 * A grid strategy backtested on one window [a, b) of a candle history, through runGridBacktest
 * (electron/engine/grid), for the gauntlet's stages.
 *
 * runGridBacktest has no precomputed readings: it computes ATR and the EMAs over the candles it is
 * given and makes no decision until they are ready (its first candles are warm-up). So each window
 * is run on its candles with a warm-up prefix of exactly the candles the grid's indicators need
 * (gridWarmupCandles + 1, or what the history has before `a`): the grid's first decision is at the
 * close of the candle just before the window, as a grid started at the window's start would
 * decide; its orders work from the window's first candle. Nothing can fill in the prefix, so the
 * account enters the window untouched (starting capital, no inventory, no grid centred earlier):
 * the prefix is trimmed off (its equity is the starting capital) and the metrics and grade are
 * computed again over the window only. A longer prefix would let the grid centre (and trade)
 * before the window, carrying a stale centre or inventory into it.
 */
import { TIMEFRAME_MS } from '../../../shared/domain/market.js';
import type { BacktestSettings, GridStrategy } from '../../../shared/domain/strategy.js';
import { gradeBacktest } from '../backtest/grade.js';
import { computeMetrics } from '../backtest/metrics.js';
import type { BacktestResult, OrderGate } from '../backtest/types.js';
import { runGridBacktest } from '../grid/backtest.js';
import type { OhlcvColumns } from '../strategy/columns.js';
import { sliceCandles } from './windows.js';

/**
 * Candles before the grid's first ready reading (TA-Lib lookbacks): ATR(p) is known from candle p
 * and the breaker also needs the previous one (p + 1); EMA(p) is known from candle p - 1.
 */
export function gridWarmupCandles(s: GridStrategy): number {
  return Math.max(s.atrPeriod + 1, s.trendFilter.fastEma - 1, s.trendFilter.slowEma - 1);
}

export type GridWindowOptions = { symbol: string; settings: BacktestSettings; gate?: OrderGate };

/** The grid over candles [a, b) (warm-up before a, see the file comment); b > a. */
export function runGridWindow(
  strategy: GridStrategy,
  candles: OhlcvColumns,
  a: number,
  b: number,
  options: GridWindowOptions,
): BacktestResult {
  if (b <= a) throw new RangeError('the grid window has no candles');
  const start = Math.max(0, a - (gridWarmupCandles(strategy) + 1));
  const p = a - start;
  const full = runGridBacktest({ ...options, strategy, candles: sliceCandles(candles, start, b) });
  if (p === 0) return full;
  if (full.trades.some((t) => t.entryIndex < p)) {
    throw new Error('the grid filled an order in its warm-up: the gauntlet window would not start flat');
  }
  const window = sliceCandles(candles, a, b);
  const n = window.length;
  const equity = full.equity.slice(p);
  const trades = full.trades.map((t) => ({ ...t, entryIndex: t.entryIndex - p, exitIndex: t.exitIndex - p }));
  const candleMs = TIMEFRAME_MS[strategy.timeframe];
  const metrics = computeMetrics({
    equity,
    time: window.time,
    candleMs,
    initialCapital: full.settings.initialCapital,
    finalEquity: full.metrics.finalEquity,
    feesPaid: full.metrics.feesPaid,
    trades,
    buyAndHold: { firstOpen: window.open[0]!, lastClose: window.close[n - 1]! },
  });
  // The prefix held nothing: every candle with inventory is in the window (see runGridBacktest).
  const exposed = Math.round((full.metrics.exposurePercent * full.candles) / 100);
  metrics.exposurePercent = (exposed / n) * 100;
  return {
    ...full,
    candles: n,
    firstReady: full.firstReady < 0 ? -1 : Math.max(0, full.firstReady - p),
    start: window.time[0]!,
    trades,
    vetoes: full.vetoes.filter((v) => v.index >= p - 1).map((v) => ({ ...v, index: Math.max(0, v.index - p) })),
    equity,
    metrics,
    grade: gradeBacktest(metrics),
  };
}
