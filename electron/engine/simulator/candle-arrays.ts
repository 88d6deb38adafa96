import type { Candle } from '../../../shared/domain/market.js';

/**
 * Generated 1-minute candles as typed columns: one Float64Array per field, no object per candle.
 * `sigma` is the 1-minute log-return volatility the process used (the order book widens with it);
 * `regime` indexes REGIMES.
 */
export type CandleArrays = {
  length: number;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  sigma: Float64Array;
  regime: Uint8Array;
};

export function allocateCandleArrays(length: number): CandleArrays {
  if (!Number.isInteger(length) || length < 0)
    throw new RangeError(`candle count must be a whole number >= 0, not ${length}`);
  return {
    length,
    time: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
    sigma: new Float64Array(length),
    regime: new Uint8Array(length),
  };
}

export function candleAt(arrays: CandleArrays, index: number): Candle {
  if (index < 0 || index >= arrays.length) throw new RangeError(`index ${index} outside 0..${arrays.length - 1}`);
  return {
    time: arrays.time[index]!,
    open: arrays.open[index]!,
    high: arrays.high[index]!,
    low: arrays.low[index]!,
    close: arrays.close[index]!,
    volume: arrays.volume[index]!,
  };
}

/** Candle objects for callers that need them (the store, the contract), for indexes [from, to). */
export function arraysToCandles(arrays: CandleArrays, from = 0, to = arrays.length): Candle[] {
  const start = Math.max(0, from);
  const end = Math.min(arrays.length, to);
  const out = new Array<Candle>(Math.max(0, end - start));
  for (let i = start; i < end; i++) out[i - start] = candleAt(arrays, i);
  return out;
}
