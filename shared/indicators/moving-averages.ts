/**
 * Batch indicators over Float64Array, following TA-Lib's definitions. Output arrays have the
 * input's length; positions before the warm-up is complete hold NaN.
 * Pure math shared by the engine (strategies, backtests) and the renderer (chart overlays), so
 * the chart shows exactly what a strategy evaluates.
 */
export type Series = Float64Array;

export function nanArray(length: number): Float64Array {
  return new Float64Array(length).fill(Number.NaN);
}

/** Simple moving average: mean of the last n values. First value at index n-1. */
export function sma(values: ArrayLike<number>, n: number, from = 0): Float64Array {
  const out = nanArray(values.length);
  if (n < 1 || values.length - from < n) return out;
  let sum = 0;
  for (let i = from; i < from + n; i++) sum += values[i]!;
  out[from + n - 1] = sum / n;
  for (let i = from + n; i < values.length; i++) {
    sum += values[i]! - values[i - n]!;
    out[i] = sum / n;
  }
  return out;
}

/**
 * Exponential moving average, k = 2/(n+1), seeded with the SMA of the n values ending at
 * `seedEnd` (default n-1, the first n values) as TA-Lib does.
 */
export function ema(values: ArrayLike<number>, n: number, seedEnd = n - 1): Float64Array {
  const out = nanArray(values.length);
  if (n < 1 || seedEnd >= values.length || seedEnd < n - 1) return out;
  let prev = 0;
  for (let i = seedEnd - n + 1; i <= seedEnd; i++) prev += values[i]!;
  prev /= n;
  out[seedEnd] = prev;
  const k = 2 / (n + 1);
  for (let i = seedEnd + 1; i < values.length; i++) {
    prev = (values[i]! - prev) * k + prev;
    out[i] = prev;
  }
  return out;
}

/** EMA of a series that itself starts with NaN (e.g. the MACD line): seeded after its warm-up. */
export function emaOfSeries(values: Float64Array, n: number): Float64Array {
  let first = 0;
  while (first < values.length && Number.isNaN(values[first])) first++;
  return ema(values, n, first + n - 1);
}
