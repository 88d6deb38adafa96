/**
 * How much a sweep's best result owes to luck, across the whole sweep:
 *
 * Probability of backtest overfitting (PBO) by combinatorially symmetric cross-validation (Bailey,
 * Borwein, Lopez de Prado, Zhu, 2015): the traded candles are cut into S blocks; for every way of
 * choosing S/2 blocks as in-sample (the rest out-of-sample), the set with the best in-sample Sharpe
 * ratio is located in the out-of-sample ranking; PBO is the share of splits in which it ranks in
 * the lower half (logit of its relative rank <= 0). Near 0: the in-sample winner keeps winning;
 * 0.5 and above: picking the best in-sample set is no better than picking at random.
 *
 * Deflated Sharpe ratio (Bailey, Lopez de Prado, 2014): the probability that the best set's true
 * Sharpe ratio is above zero, after raising the bar to the Sharpe ratio the best of N unskilled trials
 * would show (from the spread of the Sharpe ratios of all sets) and correcting for the skewness,
 * kurtosis and length of its daily returns. Above 0.95: significant; low: expected from N tries.
 */
import { blocksSharpe, type BlockStats, type DailyStats } from './returns.js';
import { normalCdf, normalInverse } from './statistics.js';

export type PboResult = {
  /** Probability of backtest overfitting, 0..1. */
  pbo: number;
  /** Splits evaluated, C(S, S/2). */
  splits: number;
  blocks: number;
  /** Median of the logits of the in-sample winner's out-of-sample relative rank. */
  medianLogit: number;
};

function combinations(n: number, k: number): number[][] {
  const out: number[][] = [];
  const pick: number[] = [];
  const visit = (start: number) => {
    if (pick.length === k) {
      out.push([...pick]);
      return;
    }
    for (let i = start; i <= n - (k - pick.length); i++) {
      pick.push(i);
      visit(i + 1);
      pick.pop();
    }
  };
  visit(0);
  return out;
}

/** PBO over the sets' block statistics (every set with the same number of blocks); null below 2 sets. */
export function probabilityOfOverfitting(sets: readonly (readonly BlockStats[])[]): PboResult | null {
  const n = sets.length;
  if (n < 2) return null;
  let s = sets[0]!.length;
  if (s % 2 === 1) s -= 1;
  if (s < 2 || sets.some((b) => b.length < s)) return null;
  const logits: number[] = [];
  const all = Array.from({ length: s }, (_, i) => i);
  // Flat per-set, per-block sums: the split loop below runs C(S, S/2) x sets x S times.
  const sum = new Float64Array(n * s);
  const sumSq = new Float64Array(n * s);
  const count = new Float64Array(n * s);
  sets.forEach((blocks, j) =>
    blocks.slice(0, s).forEach((b, i) => {
      sum[j * s + i] = b.sum;
      sumSq[j * s + i] = b.sumSq;
      count[j * s + i] = b.count;
    }),
  );
  const sharpeOf = (j: number, blocks: readonly number[]) => {
    let a = 0;
    let q = 0;
    let c = 0;
    for (const i of blocks) {
      a += sum[j * s + i]!;
      q += sumSq[j * s + i]!;
      c += count[j * s + i]!;
    }
    return blocksSharpe([{ sum: a, sumSq: q, count: c }]);
  };
  for (const inSample of combinations(s, s / 2)) {
    const outSample = all.filter((i) => !inSample.includes(i));
    let best = -1;
    let bestIs = Number.NEGATIVE_INFINITY;
    const oos = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const is = sharpeOf(j, inSample);
      oos[j] = sharpeOf(j, outSample);
      if (is > bestIs) {
        bestIs = is;
        best = j;
      }
    }
    // Relative rank of the in-sample winner out of sample: (sets below it + half the ties + 1) / (n + 1).
    let below = 0;
    let ties = 0;
    for (let j = 0; j < n; j++) {
      if (oos[j]! < oos[best]!) below++;
      else if (oos[j] === oos[best] && j !== best) ties++;
    }
    const omega = (below + ties / 2 + 1) / (n + 1);
    logits.push(Math.log(omega / (1 - omega)));
  }
  const sorted = [...logits].sort((a, b) => a - b);
  return {
    pbo: logits.filter((l) => l <= 0).length / logits.length,
    splits: logits.length,
    blocks: s,
    medianLogit: sorted[Math.floor(sorted.length / 2)]!,
  };
}

const EULER_GAMMA = 0.5772156649015329;

export type DeflatedSharpe = {
  /** Probability that the best set's true Sharpe ratio is above zero, after N trials. */
  dsr: number;
  /** The best set's Sharpe ratio of daily returns (not annualised). */
  sharpe: number;
  /** The expected maximum Sharpe ratio of N trials without skill (daily). */
  benchmark: number;
  trials: number;
  days: number;
};

/** Deflated Sharpe ratio of `best` among the daily statistics of all `trials` (null without daily data). */
export function deflatedSharpe(best: DailyStats, trials: readonly DailyStats[]): DeflatedSharpe | null {
  if (best.days < 3 || best.std === 0) return null;
  const sr = best.mean / best.std;
  const srs = trials.filter((t) => t.std > 0).map((t) => t.mean / t.std);
  const n = Math.max(1, trials.length);
  let benchmark = 0;
  if (n > 1 && srs.length > 1) {
    const mean = srs.reduce((a, b) => a + b, 0) / srs.length;
    const variance = srs.reduce((a, b) => a + (b - mean) ** 2, 0) / (srs.length - 1);
    benchmark =
      Math.sqrt(variance) *
      ((1 - EULER_GAMMA) * normalInverse(1 - 1 / n) + EULER_GAMMA * normalInverse(1 - 1 / (n * Math.E)));
  }
  const denominator = 1 - best.skew * sr + ((best.kurtosis - 1) / 4) * sr * sr;
  const z = ((sr - benchmark) * Math.sqrt(best.days - 1)) / Math.sqrt(Math.max(denominator, 1e-12));
  return { dsr: normalCdf(z), sharpe: sr, benchmark, trials: n, days: best.days };
}
