/**
 * The kinds of job the job worker runs (job-worker.ts), one entry of JOBS each: what runs in the
 * worker, and which ArrayBuffers are transferred (not copied) each way. Adding a kind is one entry
 * here (e.g. `gauntlet: defineJob<GauntletJob, GauntletResult>({ ... })`); the client, queue,
 * progress and cancellation in job-worker.ts are shared by every kind.
 *
 * backtest: runBacktest (electron/engine/backtest), or runGridBacktest (electron/engine/grid) for
 * a grid strategy, with the risk gate rebuilt here from the serialisable RiskSettings (a gate is a
 * function and cannot cross threads); `risk: null` or absent approves every intent. Progress is
 * coarse: signals evaluated (0.5, signal strategies only), done (1).
 */
import type { RiskSettings } from '../../../shared/domain/risk.js';
import type { BacktestSettings, StrategyDefinition } from '../../../shared/domain/strategy.js';
import { validateColumns } from '../../engine/backtest/candles.js';
import { riskGateForBacktest } from '../../engine/backtest/risk-gate-adapter.js';
import { runBacktest, StrategyCompileError } from '../../engine/backtest/runner.js';
import { approveAll, type BacktestResult, type OrderGate } from '../../engine/backtest/types.js';
import type { OhlcvColumns } from '../../engine/strategy/columns.js';
import { gauntletJob } from './gauntlet-job.js';
import { runGridBacktest } from '../../engine/grid/backtest.js';
import { compileStrategy, evaluateSignals, type StrategyIssue } from '../../engine/strategy/program.js';

/** Reports coarse progress of the running job, fraction in [0, 1]. */
export type JobContext = { progress(fraction: number, message: string): void };

export type JobSpec<J, R> = {
  /** Runs in the worker; throws to fail the job. */
  run(job: J, context: JobContext): R;
  /** Buffers of the job moved to the worker (the sender's arrays are empty afterwards). */
  inputBuffers?(job: J): ArrayBufferLike[];
  /** Buffers of the result moved back. */
  outputBuffers?(result: R): ArrayBufferLike[];
};

export function defineJob<J, R>(spec: JobSpec<J, R>): JobSpec<J, R> {
  return spec;
}

/** A job failure that carries more than a message (the strategy's issues when it did not compile). */
export class JobError extends Error {
  constructor(
    message: string,
    override readonly name: string,
    readonly issues: StrategyIssue[] | null = null,
  ) {
    super(message);
  }
}

export type BacktestJob = {
  /** A signal strategy (runBacktest) or a grid strategy (runGridBacktest, electron/engine/grid). */
  strategy: StrategyDefinition;
  candles: OhlcvColumns;
  symbol?: string;
  settings?: Partial<BacktestSettings>;
  accounting?: 'exact' | 'float';
  /** The risk settings whose gate every entry and signal exit asks; null or absent: approve all. */
  risk?: RiskSettings | null;
};

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

function signalBacktest(job: BacktestJob & { strategy: { kind?: 'signal' } }, gate: OrderGate, ctx: JobContext) {
  const compiled = compileStrategy(job.strategy);
  if (!compiled.ok) throw new StrategyCompileError(compiled.issues);
  validateColumns(job.candles);
  const signals = evaluateSignals(compiled.program, job.candles);
  ctx.progress(0.5, 'signals evaluated');
  const { candles, symbol, settings, accounting } = job;
  return runBacktest({ strategy: compiled.program, candles, symbol, settings, accounting, gate, signals });
}

/** The backtest of each strategy kind: one line per kind (a grid is always exactly accounted). */
function backtest(job: BacktestJob, gate: OrderGate, ctx: JobContext): BacktestResult {
  const { strategy, candles, symbol, settings } = job;
  if (strategy.kind === 'grid') return runGridBacktest({ strategy, candles, symbol, settings, gate });
  return signalBacktest({ ...job, strategy }, gate, ctx);
}

export const JOBS = {
  backtest: defineJob<BacktestJob, BacktestResult>({
    run(job, ctx) {
      const gate = job.risk ? riskGateForBacktest(job.risk) : approveAll;
      const result = backtest(job, gate, ctx);
      ctx.progress(1, 'done');
      return result;
    },
    inputBuffers: (job) => COLUMNS.map((k) => job.candles[k].buffer),
    outputBuffers: (result) => [result.equity.buffer],
  }),
  /** The validation gauntlet (gauntlet-job.ts). */
  gauntlet: gauntletJob,
};

export type JobKind = keyof typeof JOBS;
export type JobInput<K extends JobKind> = (typeof JOBS)[K] extends JobSpec<infer J, unknown> ? J : never;
export type JobResult<K extends JobKind> = (typeof JOBS)[K] extends JobSpec<never, infer R> ? R : never;
