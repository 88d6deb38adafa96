/**
 * One app sweep in flight: the worker pool for its candles and config, runOptimisation (the same
 * assembly as the command line), progress over all walk-forward windows with an ETA at the rate so
 * far, cancel, and the pool closed at the end. Also the time estimate (one set timed on the sweep's
 * candles on this thread) and the walk-forward summary of a finished sweep rebuilt from its stored
 * in-sample results (only the chosen sets run again, out of sample, on the worker pool).
 */
import type { Clock } from '../../../engine/clock.js';
import type { SetResult } from '../../../engine/optimize/evaluate.js';
import { runOptimisation, type OptimisationProgress, type OptimisationStore } from '../../../engine/optimize/plan.js';
import type { WalkForwardSummary } from '../../../engine/optimize/report.js';
import {
  evaluatorFor,
  SweepCancelledError,
  type SweepConfig,
  type SweepExecutor,
} from '../../../engine/optimize/sweep.js';
import { walkForwardWindows } from '../../../engine/optimize/walk-forward.js';
import { TIMEFRAME_MS } from '../../../../shared/domain/market.js';
import type { OhlcvColumns } from '../../../engine/strategy/columns.js';
import type { LiveProgress } from './result-view.js';
import type { SweepPlan } from './sweep-plan.js';

export type ClosableExecutor = SweepExecutor & { close(): Promise<void> };

/** This machine's worker pool, or (a Redis server in Settings) the BullMQ queue: made when a sweep starts. */
export type ExecutorFactory = (
  columns: OhlcvColumns,
  config: SweepConfig,
) => ClosableExecutor | Promise<ClosableExecutor>;

export type SweepOutcome =
  | { kind: 'done'; walkForward: WalkForwardSummary | null }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export type SweepRun = {
  sweepId: string;
  live(): LiveProgress;
  cancel(): void;
  /** Never rejects. */
  finished: Promise<SweepOutcome>;
};

export function sweepConfig(plan: SweepPlan): SweepConfig {
  return {
    strategy: plan.strategy,
    settings: plan.settings,
    risk: plan.risk,
    accounting: 'exact',
    shareSeries: true,
    blocks: 12,
  };
}

export function startSweepRun(o: {
  sweepId: string;
  plan: SweepPlan;
  columns: OhlcvColumns;
  windows: number;
  executor: ExecutorFactory;
  store: OptimisationStore;
  clock: Clock;
  onProgress: () => void;
}): SweepRun {
  const { plan, columns, clock } = o;
  const controller = new AbortController();
  const sets = plan.sets.length;
  const started = clock.now();
  let doneAtStart: number | null = null;
  let live: LiveProgress = { window: 0, windows: o.windows, etaMs: null, setsPerSecond: 0 };

  const onProgress = (p: OptimisationProgress) => {
    const overall = p.window * sets + p.done;
    doneAtStart ??= overall;
    const elapsed = clock.now() - started;
    const fresh = overall - doneAtStart;
    const left = sets * o.windows - overall;
    live = {
      window: p.window,
      windows: o.windows,
      setsPerSecond: elapsed > 0 ? (fresh * 1000) / elapsed : 0,
      etaMs: fresh > 0 ? (left * elapsed) / fresh : null,
    };
    o.onProgress();
  };

  const finished = (async (): Promise<SweepOutcome> => {
    let executor: ClosableExecutor | null = null;
    try {
      executor = await o.executor(columns, sweepConfig(plan));
      const outcome = await runOptimisation({
        executor,
        columns,
        ...fromPlan(plan),
        store: o.store,
        onProgress,
        signal: controller.signal,
        clock,
      });
      return { kind: 'done', walkForward: outcome.kind === 'walkForward' ? outcome.summary : null };
    } catch (error) {
      if (error instanceof SweepCancelledError || controller.signal.aborted) return { kind: 'cancelled' };
      return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    } finally {
      await executor?.close().catch(() => undefined);
    }
  })();

  return { sweepId: o.sweepId, live: () => live, cancel: () => controller.abort(), finished };
}

/** What runOptimisation takes from a plan: the same for a sweep and for rebuilding its walk-forward summary. */
function fromPlan(plan: SweepPlan) {
  return {
    strategy: plan.strategy,
    ranges: plan.ranges,
    sets: plan.sets,
    objective: plan.request.objective,
    constraints: plan.request.constraints,
    walkForward: plan.walkForward,
    initialCapital: plan.settings.initialCapital,
  };
}

/** The most candles the estimate times a set on (a few tens of milliseconds). */
export const TIMED_CANDLES = 20_000;

/**
 * About how long the sweep takes on `workers` workers: the strategy as saved timed on the last
 * TIMED_CANDLES candles (the faster of two runs), per candle, times the candles every set of every window runs on.
 */
export function estimateMs(plan: SweepPlan, columns: OhlcvColumns, workers: number, wallTime: () => number): number {
  const evaluator = evaluatorFor({ ...sweepConfig(plan), shareSeries: false }, columns);
  // At most TIMED_CANDLES: the engine's thread serves the app meanwhile.
  const timed = Math.min(columns.length, TIMED_CANDLES);
  const window = { from: columns.length - timed, to: columns.length, tradeFrom: columns.length - timed };
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 2; i++) {
    const t0 = wallTime();
    evaluator.run(0, {}, window);
    best = Math.min(best, wallTime() - t0);
  }
  const perCandle = best / Math.max(1, timed);
  let candles = columns.length;
  if (plan.walkForward) {
    const windows = walkForwardWindows(columns.time, TIMEFRAME_MS[plan.strategy.timeframe], plan.walkForward);
    candles = windows.reduce((n, w) => n + (w.inSample[1] - w.inSample[0]), 0);
  }
  return Math.ceil((perCandle * candles * plan.sets.length) / Math.max(1, workers));
}

/** The walk-forward summary from stored in-sample results: nothing runs again but each window's chosen set out of sample. */
export async function walkForwardOf(
  plan: SweepPlan,
  columns: OhlcvColumns,
  done: (window: number) => SetResult[],
  clock: Clock,
  factory: ExecutorFactory,
): Promise<WalkForwardSummary> {
  const executor = await factory(columns, sweepConfig(plan));
  const outcome = await runOptimisation({
    executor,
    columns,
    ...fromPlan(plan),
    store: { done, add: () => undefined },
    clock,
  }).finally(() => executor.close());
  if (outcome.kind !== 'walkForward') throw new Error('not a walk-forward sweep');
  return outcome.summary;
}
