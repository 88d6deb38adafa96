/**
 * A sweep: parameter sets cut into chunks, handed to an executor (the local worker pool, or BullMQ
 * workers on other machines: electron/adapters/workers), results gathered by set index so that a
 * result delivered twice (a chunk retried after its worker died) is counted once. Results already
 * stored (a sweep interrupted by a restart) are not run again. Pure orchestration: the executor,
 * the clock and the storage callback are injected.
 */
import type { RiskSettings } from '../../../shared/domain/risk.js';
import type { BacktestSettings, StrategyDefinition } from '../../../shared/domain/strategy.js';
import { approveAll } from '../backtest/types.js';
import { riskGateForBacktest } from '../backtest/risk-gate-adapter.js';
import type { Clock } from '../clock.js';
import type { OhlcvColumns } from '../strategy/columns.js';
import { SetEvaluator, type EvalWindow, type SetResult } from './evaluate.js';
import type { ParameterSet } from './ranges.js';
import { parameterSpace } from './space.js';

/** Everything a worker needs besides the candles: serialisable (it crosses threads and machines). */
export type SweepConfig = {
  strategy: StrategyDefinition;
  settings: BacktestSettings;
  /** The risk settings whose gate every entry and signal exit asks (a fresh gate per set); null: approve all. */
  risk: RiskSettings | null;
  accounting: 'exact' | 'float';
  /** Share indicator series and signals between sets (the default); false: each set on its own. */
  shareSeries: boolean;
  /** Blocks of the overfitting measure. */
  blocks: number;
};

export type ChunkTask = {
  window: EvalWindow;
  sets: { index: number; values: ParameterSet }[];
  /** Return each set's trades and equity too. */
  keep: boolean;
};

/** Runs chunks of one sweep (its config and candles were given when it was made). */
export type SweepExecutor = {
  /** Chunks it runs at once (workers). */
  readonly concurrency: number;
  runChunk(task: ChunkTask, signal?: AbortSignal): Promise<SetResult[]>;
};

export class SweepCancelledError extends Error {
  override readonly name = 'SweepCancelledError';
  constructor() {
    super('the sweep was cancelled; the results so far are kept and it resumes from there');
  }
}

/** The evaluator a worker builds from a config and the candles it shares. */
export function evaluatorFor(config: SweepConfig, columns: OhlcvColumns): SetEvaluator {
  const risk = config.risk;
  return new SetEvaluator(parameterSpace(config.strategy), {
    columns,
    settings: config.settings,
    accounting: config.accounting,
    gate: risk ? () => riskGateForBacktest(risk) : () => approveAll,
    shareSeries: config.shareSeries,
    blocks: config.blocks,
  });
}

export type SweepProgress = {
  done: number;
  total: number;
  elapsedMs: number;
  /** Estimated time left at the rate so far (null before the first result). */
  etaMs: number | null;
  setsPerSecond: number;
};

export type SweepRun = {
  executor: SweepExecutor;
  window: EvalWindow;
  sets: readonly ParameterSet[];
  /** Sets per chunk (default: chunkSizes: up to 50 sets, smaller in the tail). */
  chunkSize?: number;
  /** Results stored before (resume): not run again. */
  done?: readonly SetResult[];
  /** Called with each chunk's new results as they arrive (store them here). */
  onResults?: (results: SetResult[]) => void;
  onProgress?: (progress: SweepProgress) => void;
  signal?: AbortSignal;
  clock: Clock;
};

export function defaultChunkSize(sets: number, workers: number): number {
  return Math.max(1, Math.min(50, Math.ceil(sets / (workers * 4))));
}

/**
 * The default chunks of `total` sets: defaultChunkSize each, then smaller in the tail (never more
 * than a quarter of what is left per worker), so the workers finish together instead of one
 * running a whole last chunk while the others wait: the last chunks are of a set or two.
 */
export function chunkSizes(total: number, workers: number): number[] {
  const size = defaultChunkSize(total, workers);
  const out: number[] = [];
  for (let left = total; left > 0;) {
    const n = Math.max(1, Math.min(size, Math.ceil(left / (workers * 2))));
    out.push(n);
    left -= n;
  }
  return out;
}

/** Runs every set not yet done; resolves with all results in set order. */
export async function runSweep(run: SweepRun): Promise<SetResult[]> {
  const { executor, sets, clock, signal } = run;
  const results = new Map<number, SetResult>();
  for (const r of run.done ?? []) if (r.index >= 0 && r.index < sets.length) results.set(r.index, r);
  const todo = sets.map((values, index) => ({ index, values })).filter((s) => !results.has(s.index));
  const sizes =
    run.chunkSize === undefined
      ? chunkSizes(todo.length, executor.concurrency)
      : Array.from({ length: Math.ceil(todo.length / run.chunkSize) }, () => run.chunkSize!);
  const chunks: ChunkTask[] = [];
  let at = 0;
  for (const n of sizes) {
    chunks.push({ window: run.window, sets: todo.slice(at, at + n), keep: false });
    at += n;
  }

  const started = clock.now();
  const already = results.size;
  const report = () => {
    const elapsedMs = clock.now() - started;
    const fresh = results.size - already;
    const rate = elapsedMs > 0 ? (fresh * 1000) / elapsedMs : 0;
    const left = sets.length - results.size;
    run.onProgress?.({
      done: results.size,
      total: sets.length,
      elapsedMs,
      etaMs: fresh > 0 ? (left * elapsedMs) / fresh : null,
      setsPerSecond: rate,
    });
  };
  report();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < chunks.length) {
      if (signal?.aborted) throw new SweepCancelledError();
      const chunk = chunks[next++]!;
      const out = await executor.runChunk(chunk, signal);
      const fresh: SetResult[] = [];
      for (const r of out) {
        if (results.has(r.index)) continue;
        results.set(r.index, r);
        fresh.push(r);
      }
      if (fresh.length > 0) run.onResults?.(fresh);
      report();
    }
  };
  const lanes = Array.from({ length: Math.max(1, Math.min(executor.concurrency * 2, chunks.length)) }, lane);
  const settled = await Promise.allSettled(lanes);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (signal?.aborted) throw new SweepCancelledError();
  if (failed) throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
  return sets.map((_, i) => results.get(i)!);
}
