/**
 * Summaries of an equity curve that the overfitting measures need from every parameter set, small
 * enough to keep for thousands of sets: per-block sums of per-candle returns (for the Sharpe ratio
 * of any union of blocks, probability of backtest overfitting: pbo.ts) and the moments of the daily
 * returns (deflated Sharpe ratio: deflated-sharpe.ts).
 */
const DAY_MS = 86_400_000;

/** Sum, sum of squares and count of the per-candle returns of one block of candles. */
export type BlockStats = { sum: number; sumSq: number; count: number };

/** Daily returns (equity at the last close of each UTC day): mean, standard deviation, skewness, kurtosis. */
export type DailyStats = { days: number; mean: number; std: number; skew: number; kurtosis: number };

/** The candles split into `blocks` consecutive blocks of (nearly) equal size. */
export function blockStats(equity: Float64Array, initialCapital: number, blocks: number): BlockStats[] {
  const n = equity.length;
  const k = Math.max(1, Math.min(blocks, n));
  const out: BlockStats[] = [];
  let previous = initialCapital;
  for (let b = 0; b < k; b++) {
    const start = Math.floor((b * n) / k);
    const end = Math.floor(((b + 1) * n) / k);
    let sum = 0;
    let sumSq = 0;
    for (let i = start; i < end; i++) {
      const r = previous > 0 ? equity[i]! / previous - 1 : 0;
      sum += r;
      sumSq += r * r;
      previous = equity[i]!;
    }
    out.push({ sum, sumSq, count: end - start });
  }
  return out;
}

/** Mean / standard deviation of the returns of the given blocks together (0 without spread). */
export function blocksSharpe(blocks: readonly BlockStats[]): number {
  let sum = 0;
  let sumSq = 0;
  let count = 0;
  for (const b of blocks) {
    sum += b.sum;
    sumSq += b.sumSq;
    count += b.count;
  }
  if (count < 2) return 0;
  const mean = sum / count;
  const variance = sumSq / count - mean * mean;
  return variance > 1e-24 ? mean / Math.sqrt(variance) : 0;
}

/** The index of each UTC day's last candle: the same for every set of a window, so a sweep finds them once. */
export function dayEnds(time: Float64Array): Int32Array {
  const ends: number[] = [];
  for (let i = 0; i < time.length; i++) {
    if (i === time.length - 1 || Math.floor(time[i + 1]! / DAY_MS) !== Math.floor(time[i]! / DAY_MS)) ends.push(i);
  }
  return Int32Array.from(ends);
}

/** The return of each day: its last close's equity over the day before's (the start capital before the first). */
export function dailyReturns(equity: Float64Array, ends: Int32Array, initialCapital: number): number[] {
  const out: number[] = [];
  let previous = initialCapital;
  for (const i of ends) {
    out.push(previous > 0 ? equity[i]! / previous - 1 : 0);
    previous = equity[i]!;
  }
  return out;
}

export function moments(values: readonly number[]): DailyStats {
  const n = values.length;
  if (n === 0) return { days: 0, mean: 0, std: 0, skew: 0, kurtosis: 3 };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const v of values) {
    const d = v - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const std = Math.sqrt(m2);
  if (m2 <= 1e-24) return { days: n, mean, std: 0, skew: 0, kurtosis: 3 };
  return { days: n, mean, std, skew: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}

export function dailyStats(equity: Float64Array, ends: Int32Array, initialCapital: number): DailyStats {
  return moments(dailyReturns(equity, ends, initialCapital));
}
