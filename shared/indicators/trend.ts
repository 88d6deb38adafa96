import { nanArray } from './moving-averages.js';

/**
 * Wilder's directional movement (TA-Lib's PLUS_DI, MINUS_DI and ADX, unstable period 0).
 *
 * For each candle i >= 1: up = high[i] - high[i-1], down = low[i-1] - low[i];
 * +DM = up if up > 0 and up > down, else 0; -DM = down if down > 0 and down > up, else 0;
 * TR is the true range. The first n-1 values of +DM, -DM and TR are summed, then each is smoothed
 * as s = s - s/n + x from candle n on. +DI = 100 * s(+DM) / s(TR) (0 when s(TR) is zero), first
 * value at index n. DX = 100 * |+DI - -DI| / (+DI + -DI); ADX is the mean of the first n DX values
 * (first value at index 2n-1), then Wilder-smoothed: adx = (adx * (n-1) + dx) / n. As in TA-Lib, a
 * candle whose s(TR) or DI sum is (almost) zero leaves the ADX unchanged.
 */
export type Directional = { plusDi: Float64Array; minusDi: Float64Array; adx: Float64Array };

const isZero = (v: number) => v > -1e-8 && v < 1e-8;

export function directional(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  n = 14,
): Directional {
  const len = close.length;
  const plusDi = nanArray(len);
  const minusDi = nanArray(len);
  const adx = nanArray(len);
  if (n < 2 || len <= n) return { plusDi, minusDi, adx };
  let plus = 0;
  let minus = 0;
  let tr = 0;
  const step = (i: number, smooth: boolean) => {
    const up = high[i]! - high[i - 1]!;
    const down = low[i - 1]! - low[i]!;
    const p = up > 0 && up > down ? up : 0;
    const m = down > 0 && down > up ? down : 0;
    const prevClose = close[i - 1]!;
    const range = Math.max(high[i]! - low[i]!, Math.abs(high[i]! - prevClose), Math.abs(low[i]! - prevClose));
    if (smooth) {
      plus = plus - plus / n + p;
      minus = minus - minus / n + m;
      tr = tr - tr / n + range;
    } else {
      plus += p;
      minus += m;
      tr += range;
    }
  };
  for (let i = 1; i < n; i++) step(i, false);
  let dxSum = 0;
  let adxPrev = Number.NaN;
  for (let i = n; i < len; i++) {
    step(i, true);
    const zeroTr = isZero(tr);
    const pdi = zeroTr ? 0 : (100 * plus) / tr;
    const mdi = zeroTr ? 0 : (100 * minus) / tr;
    plusDi[i] = pdi;
    minusDi[i] = mdi;
    const sum = pdi + mdi;
    const dx = zeroTr || isZero(sum) ? Number.NaN : (100 * Math.abs(mdi - pdi)) / sum;
    if (i < 2 * n - 1) {
      if (!Number.isNaN(dx)) dxSum += dx;
    } else if (i === 2 * n - 1) {
      if (!Number.isNaN(dx)) dxSum += dx;
      adxPrev = dxSum / n;
      adx[i] = adxPrev;
    } else {
      if (!Number.isNaN(dx)) adxPrev = (adxPrev * (n - 1) + dx) / n;
      adx[i] = adxPrev;
    }
  }
  return { plusDi, minusDi, adx };
}

/** Rate of change in percent (TA-Lib ROC): (value[i] / value[i-n] - 1) * 100; 0 when value[i-n] is 0. */
export function roc(values: ArrayLike<number>, n = 10): Float64Array {
  const out = nanArray(values.length);
  for (let i = n; i < values.length; i++) {
    const prev = values[i - n]!;
    out[i] = prev !== 0 ? (values[i]! / prev - 1) * 100 : 0;
  }
  return out;
}
