import type { Timeframe } from '../../../shared/domain/market.js';
import type { CandleGap, TimeRange } from './candle-gaps.js';
import type { CandleStore } from './candle-store-port.js';

/** Candles as columns of a typed array each: for bulk reads (charts, indicators, backtests). */
export type CandleColumnArrays = {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
};

/**
 * A CandleStore that also knows what it is missing: what loadCandles needs to fetch each range from
 * a source only once. Implemented over SQLite by persistence/repositories/candle-repo.ts.
 */
export type CandleCache = CandleStore & {
  /** Missing slots of [from, to] for this series (open times on the timeframe grid). */
  gaps(source: string, symbol: string, timeframe: Timeframe, from: number, to: number): CandleGap[];
  /** Recorded ranges the source was asked for and had no candles for, overlapping [from, to]. */
  holes(source: string, symbol: string, timeframe: Timeframe, from: number, to: number): TimeRange[];
  /** Records such ranges (closed history only), so they are not asked for again. */
  markHoles(source: string, symbol: string, timeframe: Timeframe, ranges: readonly TimeRange[], now: number): void;
};
