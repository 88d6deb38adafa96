import { ema, emaOfSeries, nanArray } from './moving-averages.js';

/** Wilder's RSI (TA-Lib): first value at index n from the average gain/loss of the first n changes. */
export function rsi(close: ArrayLike<number>, n = 14): Float64Array {
  const out = nanArray(close.length);
  if (n < 1 || close.length <= n) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= n; i++) {
    const d = close[i]! - close[i - 1]!;
    if (d < 0) loss -= d;
    else gain += d;
  }
  gain /= n;
  loss /= n;
  out[n] = gain + loss === 0 ? 0 : (100 * gain) / (gain + loss);
  for (let i = n + 1; i < close.length; i++) {
    const d = close[i]! - close[i - 1]!;
    gain *= n - 1;
    loss *= n - 1;
    if (d < 0) loss -= d;
    else gain += d;
    gain /= n;
    loss /= n;
    out[i] = gain + loss === 0 ? 0 : (100 * gain) / (gain + loss);
  }
  return out;
}

export type Macd = { macd: Float64Array; signal: Float64Array; histogram: Float64Array };

/**
 * MACD as TA-Lib computes it: both EMAs start at index slow-1 (the fast one seeded with the SMA
 * of the `fast` values ending there), the signal is an EMA of the MACD line.
 */
export function macd(close: ArrayLike<number>, fast = 12, slow = 26, signalPeriod = 9): Macd {
  const start = slow - 1;
  const fastEma = ema(close, fast, start);
  const slowEma = ema(close, slow, start);
  const line = nanArray(close.length);
  for (let i = start; i < close.length; i++) line[i] = fastEma[i]! - slowEma[i]!;
  const signal = emaOfSeries(line, signalPeriod);
  const histogram = nanArray(close.length);
  for (let i = 0; i < close.length; i++) histogram[i] = line[i]! - signal[i]!;
  return { macd: line, signal, histogram };
}

export type Bands = { upper: Float64Array; middle: Float64Array; lower: Float64Array };

/** Bollinger bands: SMA(n) plus/minus k population standard deviations. */
export function bollinger(close: ArrayLike<number>, n = 20, k = 2): Bands {
  const upper = nanArray(close.length);
  const middle = nanArray(close.length);
  const lower = nanArray(close.length);
  if (close.length < n) return { upper, middle, lower };
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < close.length; i++) {
    const v = close[i]!;
    sum += v;
    sumSq += v * v;
    if (i >= n) {
      const old = close[i - n]!;
      sum -= old;
      sumSq -= old * old;
    }
    if (i >= n - 1) {
      const mean = sum / n;
      const sd = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
      middle[i] = mean;
      upper[i] = mean + k * sd;
      lower[i] = mean - k * sd;
    }
  }
  return { upper, middle, lower };
}

/** Wilder's ATR (TA-Lib): first value at index n = mean of the true ranges 1..n. */
export function atr(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, n = 14): Float64Array {
  const out = nanArray(close.length);
  if (close.length <= n) return out;
  let sum = 0;
  const tr = (i: number) =>
    Math.max(high[i]! - low[i]!, Math.abs(high[i]! - close[i - 1]!), Math.abs(low[i]! - close[i - 1]!));
  for (let i = 1; i <= n; i++) sum += tr(i);
  let prev = sum / n;
  out[n] = prev;
  for (let i = n + 1; i < close.length; i++) {
    prev = (prev * (n - 1) + tr(i)) / n;
    out[i] = prev;
  }
  return out;
}
