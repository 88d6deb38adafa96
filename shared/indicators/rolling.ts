import { nanArray } from './moving-averages.js';

/**
 * Highest (or lowest) value over a time window ending with each candle's close: for candle i
 * (open time time[i], closing at time[i] + candleMs), the candles whose open time is at or after
 * time[i] + candleMs - windowMs, including i itself. A value exists only once the data reaches back
 * over the whole window (time[0] <= that start), so a gap in the data never shortens the window.
 * O(n) with a monotonic deque; one Int32Array allocation per call.
 */
export function rollingExtremeByTime(
  time: ArrayLike<number>,
  values: ArrayLike<number>,
  windowMs: number,
  candleMs: number,
  kind: 'max' | 'min',
): Float64Array {
  if (!(windowMs >= candleMs && candleMs > 0)) {
    throw new RangeError(`the window (${windowMs} ms) must span at least one candle (${candleMs} ms)`);
  }
  const n = values.length;
  const out = nanArray(n);
  if (n === 0) return out;
  const deque = new Int32Array(n);
  let head = 0;
  let tail = 0;
  const first = time[0]!;
  const better = kind === 'max' ? (a: number, b: number) => a >= b : (a: number, b: number) => a <= b;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    while (tail > head && better(v, values[deque[tail - 1]!]!)) tail--;
    deque[tail++] = i;
    const start = time[i]! + candleMs - windowMs;
    while (time[deque[head]!]! < start) head++;
    if (first <= start) out[i] = values[deque[head]!]!;
  }
  return out;
}
