/**
 * The Optimise form's values and their conversion to an optimize request (the engine checks the
 * ranges against the strategy and says what to change), the sorting of the result table, and the
 * heatmap of two parameters (each cell: the best score over the other parameters' values).
 */
import type {
  OptimizeObjective,
  OptimizeParameter,
  OptimizeRequestInput,
  SetRowView,
} from '../../../../../shared/domain/optimize';

export type OptimiseFormValues = {
  /** Per parameter name: swept or not, and its range text. */
  ranges: Record<string, { on: boolean; range: string }>;
  objective: OptimizeObjective;
  days: string;
  minTrades: string;
  maxDrawdown: string;
  method: 'grid' | 'random';
  samples: string;
  seed: string;
  walkForward: boolean;
  inSampleDays: string;
  outOfSampleDays: string;
  stepDays: string;
  anchored: boolean;
};

export const OBJECTIVE_LABELS: Record<OptimizeObjective, string> = {
  netProfit: 'Net profit',
  sharpe: 'Sharpe ratio',
  sortino: 'Sortino ratio',
  calmar: 'Calmar ratio',
  profitFactor: 'Profit factor',
  expectancy: 'Expectancy (per trade)',
};

/** The first two signal parameters are swept to start with (a heatmap needs two). */
export function defaultOptimiseForm(parameters: readonly OptimizeParameter[]): OptimiseFormValues {
  const signal = parameters.filter((p) => p.signals).slice(0, 2);
  const chosen = new Set((signal.length > 0 ? signal : parameters.slice(0, 1)).map((p) => p.name));
  return {
    ranges: Object.fromEntries(parameters.map((p) => [p.name, { on: chosen.has(p.name), range: p.defaultRange }])),
    objective: 'sharpe',
    days: '30',
    minTrades: '',
    maxDrawdown: '',
    method: 'grid',
    samples: '100',
    seed: '1',
    walkForward: false,
    inSampleDays: '10',
    outOfSampleDays: '5',
    stepDays: '',
    anchored: false,
  };
}

type Checked = { ok: true; request: OptimizeRequestInput } | { ok: false; error: string };

function number(text: string, what: string, whole: boolean): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const v = Number(t);
  if (!Number.isFinite(v)) return `${what}: "${t}" is not a number`;
  if (whole && !Number.isInteger(v)) return `${what} takes a whole number`;
  return v;
}

/** The request of the form, or the first thing to fix. */
export function toOptimizeRequest(strategyId: string, v: OptimiseFormValues): Checked {
  const ranges = Object.entries(v.ranges)
    .filter(([, r]) => r.on)
    .map(([name, r]) => ({ name, range: r.range.trim() }));
  if (ranges.length === 0) return { ok: false, error: 'Choose at least one parameter to sweep.' };
  const empty = ranges.find((r) => r.range === '');
  if (empty) return { ok: false, error: `${empty.name}: give its values, e.g. 10:30:5 or 7,14,21.` };
  const fields = {
    days: number(v.days, 'Days', true),
    minTrades: number(v.minTrades, 'Minimum trades', true),
    maxDrawdown: number(v.maxDrawdown, 'Maximum drawdown', false),
    samples: number(v.samples, 'Samples', true),
    seed: number(v.seed, 'Seed', true),
    inSampleDays: number(v.inSampleDays, 'In-sample days', false),
    outOfSampleDays: number(v.outOfSampleDays, 'Out-of-sample days', false),
    stepDays: number(v.stepDays, 'Step days', false),
  };
  const bad = Object.values(fields).find((f) => typeof f === 'string');
  if (typeof bad === 'string') return { ok: false, error: bad };
  const f = fields as Record<keyof typeof fields, number | undefined>;
  if (f.days === undefined) return { ok: false, error: 'Days: how many days of candles to sweep.' };
  if (v.method === 'random' && f.samples === undefined) return { ok: false, error: 'Samples: how many sets to draw.' };
  if (v.walkForward && (f.inSampleDays === undefined || f.outOfSampleDays === undefined)) {
    return { ok: false, error: 'Walk-forward: give the in-sample and out-of-sample days.' };
  }
  const request: OptimizeRequestInput = {
    strategyId,
    days: f.days,
    ranges,
    objective: v.objective,
    constraints: {
      ...(f.minTrades !== undefined ? { minTrades: f.minTrades } : {}),
      ...(f.maxDrawdown !== undefined ? { maxDrawdownPercent: f.maxDrawdown } : {}),
    },
    method: v.method,
    ...(v.method === 'random' ? { samples: f.samples!, seed: f.seed ?? 1 } : {}),
    walkForward: v.walkForward
      ? {
          inSampleDays: f.inSampleDays!,
          outOfSampleDays: f.outOfSampleDays!,
          ...(f.stepDays !== undefined ? { stepDays: f.stepDays } : {}),
          anchored: v.anchored,
        }
      : null,
  };
  return { ok: true, request };
}

/** A duration as people say it: "under a second", "about 40 s", "about 3 min", "about 2 h 5 min". */
export function formatEstimate(ms: number): string {
  if (ms < 1000) return 'under a second';
  const s = Math.round(ms / 1000);
  if (s < 90) return `about ${s} s`;
  const min = Math.round(s / 60);
  if (min < 90) return `about ${min} min`;
  return `about ${Math.floor(min / 60)} h ${min % 60} min`;
}

export type SortKey =
  | 'rank'
  | 'score'
  | 'netProfitPercent'
  | 'trades'
  | 'winRatePercent'
  | 'profitFactor'
  | 'maxDrawdownPercent'
  | 'sharpe'
  | `param:${string}`;
export type Sort = { key: SortKey; descending: boolean };

/** Rows with their rank (position in the engine's order, 1 = best) sorted by `sort`; missing values last. */
export function sortRows(rows: readonly SetRowView[], sort: Sort): { rank: number; row: SetRowView }[] {
  const ranked = rows.map((row, i) => ({ rank: i + 1, row }));
  const value = ({ rank, row }: { rank: number; row: SetRowView }): number | null => {
    if (sort.key === 'rank') return rank;
    if (sort.key === 'score') return row.metrics ? (row.score ?? Number.POSITIVE_INFINITY) : null;
    if (sort.key.startsWith('param:')) return row.values[sort.key.slice(6)] ?? null;
    const m = row.metrics;
    if (!m) return null;
    const v = m[sort.key as Exclude<SortKey, 'rank' | 'score' | `param:${string}`>];
    return v ?? (sort.key === 'profitFactor' ? Number.POSITIVE_INFINITY : null);
  };
  return ranked.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? a.rank - b.rank : x === null ? 1 : -1;
    const d = sort.descending ? y - x : x - y;
    return d !== 0 ? d : a.rank - b.rank;
  });
}

export type HeatCell = { x: number; y: number; score: number | null; index: number | null };

/**
 * The grid of two swept parameters (x across, y down); a cell holds the best qualifying score of
 * the sets with those two values (null: none qualifies) and that set's index.
 */
export function heatmap(
  rows: readonly SetRowView[],
  xName: string,
  xs: readonly number[],
  yName: string,
  ys: readonly number[],
): HeatCell[][] {
  const cells = ys.map((y) => xs.map((x): HeatCell => ({ x, y, score: null, index: null })));
  const xi = new Map(xs.map((v, i) => [v, i]));
  const yi = new Map(ys.map((v, i) => [v, i]));
  // Rows arrive best first: the first row of a cell is its best.
  for (const r of rows) {
    if (!r.metrics || r.rejected !== null) continue;
    const i = yi.get(r.values[yName]!);
    const j = xi.get(r.values[xName]!);
    if (i === undefined || j === undefined) continue;
    const cell = cells[i]![j]!;
    if (cell.index === null) Object.assign(cell, { score: r.score ?? Number.POSITIVE_INFINITY, index: r.index });
  }
  return cells;
}
