/**
 * The indicator readings the grid decides on: ATR(atrPeriod) and EMA(fast), EMA(slow) of the
 * close (shared/indicators, TA-Lib compatible). The backtest computes the series once over all
 * candles; a live runner computes them over the candles it holds and reads the last one. Each value
 * at candle i depends only on candles 0..i, so both see the same reading at the same close.
 */
import { TIMEFRAME_MS } from '../../../shared/domain/market.js';
import type { GridStrategy } from '../../../shared/domain/strategy.js';
import { atr, ema } from '../../../shared/indicators/index.js';
import type { OhlcvColumns } from '../strategy/columns.js';
import type { GridReading } from './types.js';

export type GridSeries = {
  candles: OhlcvColumns;
  candleMs: number;
  atr: Float64Array;
  emaFast: Float64Array;
  emaSlow: Float64Array;
  /** The first index with every value (and the previous ATR) known; -1: never. */
  firstReady: number;
};

export function gridSeries(strategy: GridStrategy, candles: OhlcvColumns): GridSeries {
  const { high, low, close } = candles;
  const a = atr(high, low, close, strategy.atrPeriod);
  const emaFast = ema(close, strategy.trendFilter.fastEma);
  const emaSlow = ema(close, strategy.trendFilter.slowEma);
  const series = { candles, candleMs: TIMEFRAME_MS[strategy.timeframe], atr: a, emaFast, emaSlow, firstReady: -1 };
  for (let i = 1; i < candles.length; i++) {
    if (isReady(readingAt(series, i))) {
      series.firstReady = i;
      break;
    }
  }
  return series;
}

/** The reading at the close of candle i (time: its close time). */
export function readingAt(series: Omit<GridSeries, 'firstReady'>, i: number): GridReading {
  return {
    index: i,
    time: series.candles.time[i]! + series.candleMs,
    close: series.candles.close[i]!,
    atr: series.atr[i]!,
    prevAtr: i > 0 ? series.atr[i - 1]! : Number.NaN,
    emaFast: series.emaFast[i]!,
    emaSlow: series.emaSlow[i]!,
  };
}

/** The reading at the close of the last candle of a live window (`index`: the runner's candle counter). */
export function latestReading(strategy: GridStrategy, window: OhlcvColumns, index = window.length - 1): GridReading {
  if (window.length === 0) throw new RangeError('the grid needs at least one closed candle');
  const reading = readingAt(gridSeries(strategy, window), window.length - 1);
  return { ...reading, index };
}

export function isReady(r: GridReading): boolean {
  return (
    Number.isFinite(r.close) &&
    r.close > 0 &&
    Number.isFinite(r.atr) &&
    r.atr > 0 &&
    Number.isFinite(r.prevAtr) &&
    Number.isFinite(r.emaFast) &&
    Number.isFinite(r.emaSlow)
  );
}
