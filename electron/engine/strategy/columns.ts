/**
 * Candles as columns (one Float64Array per field, no object per candle), as the strategy
 * evaluator and the backtest runner read them. `time` holds open times in UTC ms, ascending.
 * Structurally compatible with the simulator's CandleArrays. Nothing in the engine writes to them.
 */
export type OhlcvColumns = {
  readonly length: number;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
};

export function allocateColumns(length: number): OhlcvColumns & { length: number } {
  return {
    length,
    time: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
  };
}

/** The first `length` candles of `columns` (views, no copy). */
export function sliceColumns(columns: OhlcvColumns, length: number): OhlcvColumns {
  return {
    length,
    time: columns.time.subarray(0, length),
    open: columns.open.subarray(0, length),
    high: columns.high.subarray(0, length),
    low: columns.low.subarray(0, length),
    close: columns.close.subarray(0, length),
    volume: columns.volume.subarray(0, length),
  };
}
