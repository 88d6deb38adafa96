/**
 * What a sweep and a walk-forward tell the trader, in numbers and, first, in words.
 *
 * Walk-forward efficiency: the out-of-sample return per year over the in-sample return per year
 * (the mean over windows of each): 1 means the chosen sets earned out of sample what they earned
 * in sample; below 0.5 is the usual sign that the in-sample results were mostly fitted noise.
 * Parameter drift: each parameter's chosen value per window, how often it changed, and the span of
 * those values as a share of the swept range (0 %: always the same value; 100 %: the whole range).
 */
import type { BacktestMetrics } from '../backtest/types.js';
import { YEAR_MS } from '../backtest/metrics.js';
import type { SetResult } from './evaluate.js';
import { rankSets, type Constraints, type Objective, type RankedSet } from './objectives.js';
import { deflatedSharpe, probabilityOfOverfitting, type DeflatedSharpe, type PboResult } from './overfitting.js';
import type { ParameterRange, ParameterSet } from './ranges.js';
import type { WalkForwardRaw } from './walk-forward.js';

export type SweepSummary = {
  total: number;
  valid: number;
  /** Valid but outside the constraints. */
  rejected: number;
  invalid: number;
  best: RankedSet | null;
  /** Best first (qualifying sets, then the rejected ones). */
  ranked: RankedSet[];
  pbo: PboResult | null;
  deflatedSharpe: DeflatedSharpe | null;
};

export function summariseSweep(
  results: readonly SetResult[],
  objective: Objective,
  constraints: Constraints,
): SweepSummary {
  const ranked = rankSets(results, objective, constraints);
  const valid = results.filter((r) => r.metrics !== null);
  const first = ranked[0];
  const best = first && first.metrics && first.rejected === null ? first : null;
  return {
    total: results.length,
    valid: valid.length,
    rejected: ranked.filter((r) => r.metrics !== null && r.rejected !== null).length,
    invalid: results.length - valid.length,
    best,
    ranked,
    pbo: probabilityOfOverfitting(valid.map((r) => r.blocks)),
    deflatedSharpe: best?.daily ? deflatedSharpe(best.daily, valid.map((r) => r.daily!).filter(Boolean)) : null,
  };
}

export type DriftRow = { name: string; values: (number | null)[]; changes: number; spanPercent: number };

export type WalkForwardSummary = {
  /** The verdict, in words, first. */
  verdict: { passed: boolean; headline: string; notes: string[] };
  windows: {
    index: number;
    inSample: { start: number; end: number };
    outOfSample: { start: number; end: number };
    values: ParameterSet | null;
    inSampleMetrics: Pick<BacktestMetrics, 'netProfitPercent' | 'trades' | 'sharpe' | 'maxDrawdownPercent'> | null;
    outOfSampleMetrics: Pick<BacktestMetrics, 'netProfitPercent' | 'trades' | 'sharpe' | 'maxDrawdownPercent'> | null;
    pbo: number | null;
    deflatedSharpe: number | null;
  }[];
  /** Out-of-sample return of the stitched curve, %. */
  outOfSampleReturnPercent: number;
  outOfSampleTrades: number;
  outOfSampleMaxDrawdownPercent: number;
  /** Mean in-sample return of the chosen sets, %. */
  inSampleMeanReturnPercent: number;
  efficiency: number | null;
  drift: DriftRow[];
  /** Mean PBO over the windows' in-sample sweeps. */
  pbo: number | null;
  /** The stitched out-of-sample equity (capital carried from window to window). */
  equity: { time: number[]; value: number[] };
};

const pick = (m: BacktestMetrics | null | undefined) =>
  m
    ? {
        netProfitPercent: m.netProfitPercent,
        trades: m.trades,
        sharpe: m.sharpe,
        maxDrawdownPercent: m.maxDrawdownPercent,
      }
    : null;

const pct = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(2)} %`;

export function summariseWalkForward(
  raw: WalkForwardRaw,
  time: Float64Array,
  candleMs: number,
  initialCapital: number,
  ranges: readonly ParameterRange[],
  objective: Objective,
  constraints: Constraints,
  maxPoints = 2000,
): WalkForwardSummary {
  let capital = initialCapital;
  let peak = initialCapital;
  let maxDd = 0;
  let trades = 0;
  const points: { time: number; value: number }[] = [];
  let isYearly = 0;
  let oosYearly = 0;
  const windows = raw.windows.map((w, k) => {
    const [a, b] = w.window.inSample;
    const [c, d] = w.window.outOfSample;
    const oos = w.outOfSample;
    const start = capital;
    if (oos?.equity) {
      for (let i = 0; i < oos.equity.length; i++) {
        const value = (start * oos.equity[i]!) / initialCapital;
        peak = Math.max(peak, value);
        maxDd = Math.max(maxDd, peak > 0 ? ((peak - value) / peak) * 100 : 0);
        points.push({ time: time[c + i]! + candleMs, value });
      }
      capital = (start * oos.equity[oos.equity.length - 1]!) / initialCapital;
      trades += oos.metrics?.trades ?? 0;
    } else {
      points.push({ time: time[d - 1]! + candleMs, value: capital });
    }
    const isYears = (time[b - 1]! + candleMs - time[a]!) / YEAR_MS;
    const oosYears = (time[d - 1]! + candleMs - time[c]!) / YEAR_MS;
    isYearly += w.inSampleReturnPercent / isYears;
    oosYearly += w.outOfSampleReturnPercent / oosYears;
    const sweep = summariseSweep(raw.inSample[k]!, objective, constraints);
    return {
      index: w.window.index,
      inSample: { start: time[a]!, end: time[b - 1]! + candleMs },
      outOfSample: { start: time[c]!, end: time[d - 1]! + candleMs },
      values: w.best?.values ?? null,
      inSampleMetrics: pick(w.best?.metrics),
      outOfSampleMetrics: pick(oos?.metrics),
      pbo: sweep.pbo?.pbo ?? null,
      deflatedSharpe: sweep.deflatedSharpe?.dsr ?? null,
    };
  });
  const n = windows.length;
  const efficiency = n > 0 && isYearly > 0 ? oosYearly / isYearly : null;
  const drift = ranges.map((r): DriftRow => {
    const values = windows.map((w) => w.values?.[r.name] ?? null);
    const chosen = values.filter((v): v is number => v !== null);
    let changes = 0;
    for (let i = 1; i < chosen.length; i++) if (chosen[i] !== chosen[i - 1]) changes++;
    const width = Math.max(...r.values) - Math.min(...r.values);
    const span = chosen.length > 0 ? Math.max(...chosen) - Math.min(...chosen) : 0;
    return { name: r.name, values, changes, spanPercent: width > 0 ? (span / width) * 100 : 0 };
  });
  const pbos = windows.map((w) => w.pbo).filter((p): p is number => p !== null);
  const pbo = pbos.length > 0 ? pbos.reduce((x, y) => x + y, 0) / pbos.length : null;
  const oosReturn = (capital / initialCapital - 1) * 100;
  const isMean = n > 0 ? raw.windows.reduce((s, w) => s + w.inSampleReturnPercent, 0) / n : 0;
  const step = Math.max(1, Math.ceil(points.length / maxPoints));
  const sampled = points.filter((_, i) => i % step === 0 || i === points.length - 1);
  return {
    verdict: verdict(oosReturn, efficiency, pbo, windows.filter((w) => w.values === null).length, n),
    windows,
    outOfSampleReturnPercent: oosReturn,
    outOfSampleTrades: trades,
    outOfSampleMaxDrawdownPercent: maxDd,
    inSampleMeanReturnPercent: isMean,
    efficiency,
    drift,
    pbo,
    equity: { time: sampled.map((p) => p.time), value: sampled.map((p) => p.value) },
  };
}

function verdict(
  oosReturn: number,
  efficiency: number | null,
  pbo: number | null,
  empty: number,
  windows: number,
): WalkForwardSummary['verdict'] {
  const notes: string[] = [];
  if (empty > 0) notes.push(`${empty} of ${windows} windows had no set meeting the constraints and did not trade`);
  if (pbo !== null && pbo >= 0.5) {
    notes.push(
      `probability of backtest overfitting ${(pbo * 100).toFixed(0)} %: the in-sample winner is no better than a random pick`,
    );
  }
  if (oosReturn <= 0) {
    return {
      passed: false,
      headline: `FAILED out of sample: the stitched out-of-sample result is ${pct(oosReturn)}; the optimised sets did not hold on data they had not seen`,
      notes,
    };
  }
  if (efficiency === null || efficiency < 0.5) {
    return {
      passed: false,
      headline: `FAILED out of sample: walk-forward efficiency ${efficiency === null ? 'n/a (the in-sample results did not make money)' : efficiency.toFixed(2)}, below 0.5; out of sample earned ${pct(oosReturn)}, far less than in sample`,
      notes,
    };
  }
  return {
    passed: true,
    headline: `PASSED out of sample: ${pct(oosReturn)} stitched, walk-forward efficiency ${efficiency.toFixed(2)}`,
    notes,
  };
}
