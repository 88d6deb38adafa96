import type { Candle, Timeframe } from '../../../shared/domain/market.js';

/**
 * Stored candles keyed by (source, symbol, timeframe, open time UTC ms). `source` is 'simulator'
 * or a ccxt exchange id. Implemented over SQLite by persistence/repositories/candle-repo.ts.
 */
export type CandleStore = {
  /** Inserts or replaces candles (idempotent); returns how many rows were written. One transaction. */
  upsert(source: string, symbol: string, timeframe: Timeframe, candles: readonly Candle[]): number;
  /** Candles with open time in [from, to], oldest first. */
  range(source: string, symbol: string, timeframe: Timeframe, from: number, to: number): Candle[];
  latest(source: string, symbol: string, timeframe: Timeframe): Candle | null;
  earliest(source: string, symbol: string, timeframe: Timeframe): Candle | null;
  count(source: string, symbol: string, timeframe: Timeframe, from?: number, to?: number): number;
};
