/**
 * The job worker's script, and the backtest-only client over it.
 *
 * Loaded as a worker (workerData.role === 'jobs') it serves the jobs of jobs.ts (serveJobs). The
 * bundle emits it as its own main-build entry, out/main/backtest-worker.js (electron.vite.config.ts),
 * whose URL the entries pass to createCore as backtestWorkerUrl; from the TypeScript sources (dev,
 * tests, bench, the e2e engine) createJobWorker() loads this .ts file with tsx.
 *
 * Imported on the main thread, createBacktestWorker() is the job worker with one kind: run(job)
 * backtests (candle columns transferred unless `transfer: false`; the equity curve comes back
 * transferred), with the risk gate rebuilt in the worker from `job.risk`.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { BacktestResult } from '../../engine/backtest/types.js';
import { createJobWorker, serveJobs, WORKER_ROLE, type RunOptions } from './job-worker.js';
import type { BacktestJob } from './jobs.js';

export { JobCancelledError } from './job-worker.js';
export { JobError as BacktestJobError, type BacktestJob } from './jobs.js';

export type BacktestWorker = {
  /** Runs one job; jobs queue and run one at a time. */
  run(job: BacktestJob, options?: RunOptions): Promise<BacktestResult>;
  /** Stops the worker; pending jobs are rejected. */
  close(): Promise<void>;
};

export function createBacktestWorker(options: { url?: URL; execArgv?: string[] } = {}): BacktestWorker {
  const worker = createJobWorker(options);
  return { run: (job, runOptions) => worker.run('backtest', job, runOptions), close: () => worker.close() };
}

if (!isMainThread && parentPort && (workerData as { role?: unknown } | null)?.role === WORKER_ROLE) {
  serveJobs(parentPort);
}
