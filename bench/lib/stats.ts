/** Summary statistics of a sample array (nearest-rank percentiles over the sorted samples). */

export type Summary = {
  n: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
};

/** Ascending copy; the input is left untouched. */
export function sorted(samples: readonly number[]): number[] {
  // A typed array sorts numerically (Array#sort would compare as strings).
  return Array.from(Float64Array.from(samples).sort());
}

/**
 * Nearest-rank percentile of an ascending array: the smallest value with at least p% of the
 * samples at or below it (rank = ceil(p/100 * n), 1-based). p in [0, 100]; p = 0 gives the minimum.
 */
export function percentileOfSorted(ascending: readonly number[], p: number): number {
  const n = ascending.length;
  if (n === 0) throw new Error('percentile of an empty sample');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be within 0..100, not ${p}`);
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return ascending[rank - 1]!;
}

export function percentile(samples: readonly number[], p: number): number {
  return percentileOfSorted(sorted(samples), p);
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function summarize(samples: readonly number[]): Summary {
  const s = sorted(samples);
  let total = 0;
  for (const v of s) total += v;
  return {
    n: s.length,
    min: s[0] ?? Number.NaN,
    p50: percentileOfSorted(s, 50),
    p90: percentileOfSorted(s, 90),
    p99: percentileOfSorted(s, 99),
    max: s[s.length - 1] ?? Number.NaN,
    mean: total / s.length,
  };
}
