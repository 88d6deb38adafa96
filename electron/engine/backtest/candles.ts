import { TIMEFRAME_MS, type Candle, type CandleColumns, type Timeframe } from '../../../shared/domain/market.js';
import { allocateColumns, type OhlcvColumns } from '../strategy/columns.js';
import { resampleColumns } from '../strategy/confirm-timeframe.js';

/**
 * The backtest's input boundary: candles become columns, and bad data is refused here with the
 * candle it is in (NaN and Infinity never enter the runner).
 */
export class CandleDataError extends RangeError {
  override readonly name = 'CandleDataError';
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

const iso = (t: number) => (Number.isFinite(t) ? new Date(t).toISOString() : String(t));

/**
 * Throws CandleDataError unless every candle has finite fields, positive prices, a high at or above
 * its open, close and low, a low at or below its open and close, a volume >= 0, and open times are
 * ascending without duplicates. The message names the candle and what to do.
 */
export function validateColumns(c: OhlcvColumns): void {
  const { time, open, high, low, close, volume } = c;
  let prev = -Infinity;
  for (let i = 0; i < c.length; i++) {
    const t = time[i]!;
    const h = high[i]!;
    const l = low[i]!;
    const v = volume[i]!;
    // Every comparison with NaN is false, so one expression checks finiteness, order and ranges.
    const ok =
      t > prev &&
      t < Infinity &&
      l > 0 &&
      h < Infinity &&
      h >= l &&
      v >= 0 &&
      v < Infinity &&
      open[i]! <= h &&
      open[i]! >= l &&
      close[i]! <= h &&
      close[i]! >= l;
    if (!ok) throw explain(c, i);
    prev = t;
  }
}

function explain(c: OhlcvColumns, i: number): CandleDataError {
  const [t, o, h, l, cl, v] = [c.time, c.open, c.high, c.low, c.close, c.volume].map((col) => col[i]!) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const at = `candle ${i} (${iso(t)})`;
  if (![t, o, h, l, cl, v].every(Number.isFinite)) {
    return new CandleDataError(i, `${at} has a field that is not a finite number: remove or repair it`);
  }
  if (i > 0 && !(t > c.time[i - 1]!)) {
    return new CandleDataError(i, `${at} is not after the candle before it: sort the candles and remove duplicates`);
  }
  if (!(l > 0)) return new CandleDataError(i, `${at}: prices must be above zero (low ${l})`);
  if (v < 0) return new CandleDataError(i, `${at}: the volume ${v} is negative`);
  if (h < o || h < cl || h < l) return new CandleDataError(i, `${at}: the high ${h} is below the open, close or low`);
  return new CandleDataError(i, `${at}: the low ${l} is above the open or close`);
}

export function columnsFromCandles(candles: readonly Candle[]): OhlcvColumns {
  const out = allocateColumns(candles.length);
  candles.forEach((k, i) => {
    out.time[i] = k.time;
    out.open[i] = k.open;
    out.high[i] = k.high;
    out.low[i] = k.low;
    out.close[i] = k.close;
    out.volume[i] = k.volume;
  });
  return out;
}

/** From the contract's CandleColumns (plain arrays). */
export function columnsFromArrays(cols: CandleColumns): OhlcvColumns {
  const n = cols.time.length;
  for (const key of ['open', 'high', 'low', 'close', 'volume'] as const) {
    if (cols[key].length !== n)
      throw new CandleDataError(0, `the ${key} column has ${cols[key].length} values, time has ${n}`);
  }
  return {
    length: n,
    time: Float64Array.from(cols.time),
    open: Float64Array.from(cols.open),
    high: Float64Array.from(cols.high),
    low: Float64Array.from(cols.low),
    close: Float64Array.from(cols.close),
    volume: Float64Array.from(cols.volume),
  };
}

/**
 * Candles of `from` as candles of the strategy's timeframe `to` (e.g. stored 1m candles for a 1h
 * strategy), with the no-lookahead rules of resampling; the same columns when they already match.
 */
export function toTimeframe(columns: OhlcvColumns, from: Timeframe, to: Timeframe): OhlcvColumns {
  if (from === to) return columns;
  return resampleColumns(columns, TIMEFRAME_MS[from], TIMEFRAME_MS[to]);
}
