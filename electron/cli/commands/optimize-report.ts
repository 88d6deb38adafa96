/** The text and JSON that `optimize` prints (optimize.ts). */
import type { SetResult } from '../../engine/optimize/evaluate.js';
import type { Objective, RankedSet } from '../../engine/optimize/objectives.js';
import type { ParameterRange } from '../../engine/optimize/ranges.js';
import type { SweepSummary, WalkForwardSummary } from '../../engine/optimize/report.js';

const iso = (ms: number) => new Date(ms).toISOString().replace(':00.000Z', 'Z').replace('.000Z', 'Z');
const fmt = (n: number | null | undefined, digits = 2) =>
  n === null || n === undefined ? 'n/a' : Number.isFinite(n) ? n.toFixed(digits) : n > 0 ? 'inf' : '-inf';
const pct = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(2)} %`;

/** A set without the inputs of the overfitting measures (blocks, daily moments), for printing. */
export function setJson(r: RankedSet | SetResult) {
  return {
    index: r.index,
    values: r.values,
    ...('score' in r ? { score: Number.isFinite(r.score) ? r.score : String(r.score), rejected: r.rejected } : {}),
    invalid: r.invalid,
    metrics: r.metrics,
  };
}

export function sweepJson(s: SweepSummary, top: number) {
  return {
    total: s.total,
    valid: s.valid,
    rejected: s.rejected,
    invalid: s.invalid,
    best: s.best ? setJson(s.best) : null,
    top: s.ranked.slice(0, top).map(setJson),
    pbo: s.pbo,
    deflatedSharpe: s.deflatedSharpe,
  };
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padStart(widths[c]!)).join('  '));
}

export function overfittingLines(s: SweepSummary): string[] {
  const lines: string[] = [];
  if (s.pbo) {
    lines.push(
      `probability of backtest overfitting ${fmt(s.pbo.pbo * 100, 0)} % (${s.pbo.splits} splits of ${s.pbo.blocks} blocks; 50 % and above: the in-sample best is no better than a random pick)`,
    );
  }
  if (s.deflatedSharpe) {
    const d = s.deflatedSharpe;
    lines.push(
      `deflated Sharpe ratio ${fmt(d.dsr, 3)}: probability that the best set's Sharpe is real after ${d.trials} trials (daily Sharpe ${fmt(d.sharpe, 3)} against ${fmt(d.benchmark, 3)} expected from luck, ${d.days} days; 0.95 and above: significant)`,
    );
  }
  return lines;
}

export function sweepText(
  s: SweepSummary,
  ranges: readonly ParameterRange[],
  objective: Objective,
  top: number,
): string[] {
  const lines = [
    `${s.total} sets: ${s.valid - s.rejected} within the constraints, ${s.rejected} outside, ${s.invalid} not valid strategies`,
  ];
  lines.push(
    s.best
      ? `best by ${objective}: ${ranges.map((r) => `${r.name}=${s.best!.values[r.name]}`).join(' ')}`
      : 'no set meets the constraints: loosen --min-trades or --max-drawdown, or widen the ranges',
  );
  lines.push(...overfittingLines(s), '');
  const header = ['rank', ...ranges.map((r) => r.name), objective, 'net %', 'trades', 'max dd %', 'sharpe', 'note'];
  const rows = s.ranked
    .slice(0, top)
    .map((r, i) => [
      String(i + 1),
      ...ranges.map((p) => String(r.values[p.name])),
      fmt(r.score, 3),
      fmt(r.metrics?.netProfitPercent),
      String(r.metrics?.trades ?? '-'),
      fmt(r.metrics?.maxDrawdownPercent),
      fmt(r.metrics?.sharpe),
      r.rejected ?? '',
    ]);
  lines.push(...table([header, ...rows]));
  return lines;
}

export function walkForwardText(w: WalkForwardSummary, ranges: readonly ParameterRange[]): string[] {
  const lines = [w.verdict.headline, ...w.verdict.notes.map((n) => `  - ${n}`), ''];
  lines.push(
    `out of sample (stitched): ${pct(w.outOfSampleReturnPercent)}, ${w.outOfSampleTrades} trades, max drawdown ${fmt(w.outOfSampleMaxDrawdownPercent)} %`,
    `in sample (mean of the chosen sets): ${pct(w.inSampleMeanReturnPercent)}`,
    `walk-forward efficiency: ${w.efficiency === null ? 'n/a' : fmt(w.efficiency)} (out-of-sample over in-sample return per year)`,
    `probability of backtest overfitting (mean over windows): ${w.pbo === null ? 'n/a' : `${fmt(w.pbo * 100, 0)} %`}`,
    '',
  );
  const header = [
    'window',
    'in sample',
    'out of sample',
    ...ranges.map((r) => r.name),
    'IS %',
    'OOS %',
    'OOS trades',
    'PBO',
    'DSR',
  ];
  const rows = w.windows.map((x) => [
    String(x.index + 1),
    `${iso(x.inSample.start)}..${iso(x.inSample.end)}`,
    `${iso(x.outOfSample.start)}..${iso(x.outOfSample.end)}`,
    ...ranges.map((r) => (x.values ? String(x.values[r.name]) : '-')),
    x.inSampleMetrics ? fmt(x.inSampleMetrics.netProfitPercent) : '-',
    x.outOfSampleMetrics ? fmt(x.outOfSampleMetrics.netProfitPercent) : '-',
    String(x.outOfSampleMetrics?.trades ?? 0),
    x.pbo === null ? '-' : fmt(x.pbo, 2),
    x.deflatedSharpe === null ? '-' : fmt(x.deflatedSharpe, 2),
  ]);
  lines.push(...table([header, ...rows]), '', 'parameter drift (chosen value per window; span of the swept range):');
  for (const d of w.drift) {
    lines.push(
      `  ${d.name}: ${d.values.map((v) => (v === null ? '-' : String(v))).join(' -> ')} (${d.changes} changes, ${fmt(d.spanPercent, 0)} % of the range)`,
    );
  }
  return lines;
}
