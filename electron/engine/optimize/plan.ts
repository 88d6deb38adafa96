/**
 * How a sweep is assembled end to end, shared by the command line (electron/cli/commands/optimize.ts)
 * and the app's optimisation service (electron/core/services/optimize): the parameter sets of a
 * method, the walk-forward windows that fit, and one run (a plain sweep or a walk-forward) whose
 * results go to a store as they arrive and whose stored results are not run again (resume). The
 * executor, the clock and the store are injected: this stays pure.
 */
import { TIMEFRAME_MS } from '../../../shared/domain/market.js';
import type { StrategyDefinition } from '../../../shared/domain/strategy.js';
import type { Clock } from '../clock.js';
import type { OhlcvColumns } from '../strategy/columns.js';
import type { SetResult } from './evaluate.js';
import type { Constraints, Objective } from './objectives.js';
import { gridSets, randomSets, type ParameterRange, type ParameterSet } from './ranges.js';
import { summariseSweep, summariseWalkForward, type SweepSummary, type WalkForwardSummary } from './report.js';
import type { Parameter } from './space.js';
import { runSweep, type SweepExecutor, type SweepProgress } from './sweep.js';
import { runWalkForward, walkForwardWindows, type WalkForwardSpec } from './walk-forward.js';

export type SweepMethod = 'grid' | 'random';

/** The sets a method runs: every combination, or `samples` of them drawn with `seed` (RangeSpecError when unusable). */
export function planSets(
  ranges: readonly ParameterRange[],
  method: SweepMethod,
  samples: number | undefined,
  seed: number,
): ParameterSet[] {
  return method === 'random' ? randomSets(ranges, samples ?? 0, seed) : gridSets(ranges);
}

/** Walk-forward windows that fit in the candles (1 without walk-forward). */
export function windowCount(
  columns: OhlcvColumns,
  strategy: StrategyDefinition,
  walkForward: WalkForwardSpec | null,
): number {
  if (walkForward === null) return 1;
  return walkForwardWindows(columns.time, TIMEFRAME_MS[strategy.timeframe], walkForward).length;
}

/** Where results go as they arrive, per window (-1: the plain sweep over all candles). */
export type OptimisationStore = {
  done(window: number): SetResult[];
  add(window: number, results: SetResult[]): void;
};

export type OptimisationProgress = SweepProgress & { window: number; windows: number };

export type Optimisation =
  { kind: 'sweep'; summary: SweepSummary } | { kind: 'walkForward'; summary: WalkForwardSummary };

export type OptimisationRun = {
  executor: SweepExecutor;
  columns: OhlcvColumns;
  strategy: StrategyDefinition;
  ranges: readonly ParameterRange[];
  sets: readonly ParameterSet[];
  objective: Objective;
  constraints: Constraints;
  walkForward: WalkForwardSpec | null;
  initialCapital: number;
  store: OptimisationStore;
  onProgress?: (progress: OptimisationProgress) => void;
  signal?: AbortSignal;
  clock: Clock;
};

/** The window a plain sweep's results are stored under. */
export const WHOLE_RANGE = -1;

/** Runs the sweep (or the walk-forward) and summarises it; SweepCancelledError when the signal aborts. */
export async function runOptimisation(run: OptimisationRun): Promise<Optimisation> {
  const { executor, columns, strategy, sets, store, clock, objective, constraints } = run;
  const signal = run.signal ? { signal: run.signal } : {};
  if (run.walkForward === null) {
    const results = await runSweep({
      executor,
      window: { from: 0, to: columns.length, tradeFrom: 0 },
      sets,
      done: store.done(WHOLE_RANGE),
      onResults: (r) => store.add(WHOLE_RANGE, r),
      onProgress: (p) => run.onProgress?.({ ...p, window: 0, windows: 1 }),
      clock,
      ...signal,
    });
    return { kind: 'sweep', summary: summariseSweep(results, objective, constraints) };
  }
  const windows = windowCount(columns, strategy, run.walkForward);
  const raw = await runWalkForward({
    executor,
    columns,
    strategy,
    sets,
    spec: run.walkForward,
    objective,
    constraints,
    done: new Map(Array.from({ length: windows }, (_, k) => [k, store.done(k)])),
    onResults: (k, r) => store.add(k, r),
    ...(run.onProgress ? { onProgress: run.onProgress } : {}),
    clock,
    ...signal,
  });
  const summary = summariseWalkForward(
    raw,
    columns.time,
    TIMEFRAME_MS[strategy.timeframe],
    run.initialCapital,
    run.ranges,
    objective,
    constraints,
  );
  return { kind: 'walkForward', summary };
}

const roundTo = (v: number, digits: number) => Number(v.toFixed(digits));

/** The step from 1, 2, 2.5, 5 x 10^k nearest to `raw` (whole numbers for whole-number parameters). */
function niceStep(raw: number, integer: boolean): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const steps = [1, 2, 2.5, 5, 10].map((m) => m * power).filter((s) => !integer || Number.isInteger(s));
  const best = steps.reduce((a, b) => (Math.abs(b - raw) < Math.abs(a - raw) ? b : a), steps[0] ?? 1);
  return integer ? Math.max(1, Math.round(best)) : best;
}

/**
 * A range to start from around a parameter's value, START:END:STEP within its limits: from about
 * half to one and a half times the value (±1 around 0) in a round step, with the value itself one
 * of the values (about seven of them).
 */
export function suggestedRange(p: Pick<Parameter, 'value' | 'integer' | 'min' | 'max'>): string {
  const spread = p.value === 0 ? 1 : Math.abs(p.value) / 2;
  const step = niceStep(spread / 3, p.integer);
  const digits = Math.max(0, Math.min(8, -Math.floor(Math.log10(step)) + 2));
  const below = Math.min(Math.floor(spread / step + 1e-9), Math.floor((p.value - p.min) / step + 1e-9));
  const above = Math.min(Math.floor(spread / step + 1e-9), Math.floor((p.max - p.value) / step + 1e-9));
  const lo = roundTo(p.value - below * step, digits);
  const hi = roundTo(p.value + above * step, digits);
  return `${lo}:${hi}:${step}`;
}
