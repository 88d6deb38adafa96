/**
 * The registry of long jobs (backtests; the gauntlet may register its jobs here too): each runs
 * under the caller's jobId with an AbortSignal, and its progress goes to one sink (core maps it to
 * the strategies.progress event). Phases: candles -> running -> done | failed | cancelled; the
 * final phase is emitted by the registry. strategies.cancelJob aborts the signal; the job then
 * rejects with AppError('cancelled') whatever it was doing (the worker terminates a running job).
 */
import type { JobProgress } from '../../../../shared/domain/backtest-report.js';
import { AppError } from '../../../../shared/ipc/envelope.js';

export type JobHandle = {
  readonly signal: AbortSignal;
  /** A progress event (ignored once the job was cancelled). */
  progress(phase: 'candles' | 'running', fraction: number, message: string): void;
  /** Throws AppError('cancelled') if the job was cancelled. */
  check(): void;
};

export type JobRegistry = {
  /** Runs `work` as job `jobId`; refused (conflict) while another job has the same id. */
  run<T>(jobId: string, kind: string, work: (job: JobHandle) => Promise<T>): Promise<T>;
  /** Cancels a running job: false when there is none with this id (finished, or never started). */
  cancel(jobId: string): boolean;
  /** Cancels every job (shutdown). */
  cancelAll(): void;
};

const clamp = (f: number) => Math.min(1, Math.max(0, Number.isFinite(f) ? f : 0));

export function createJobRegistry(emit: (progress: JobProgress) => void = () => undefined): JobRegistry {
  const jobs = new Map<string, AbortController>();
  return {
    async run(jobId, kind, work) {
      if (jobs.has(jobId)) {
        throw new AppError('conflict', `job ${jobId} is still running: wait for it, cancel it, or use another jobId`);
      }
      const controller = new AbortController();
      const { signal } = controller;
      jobs.set(jobId, controller);
      const cancelled = () => new AppError('cancelled', `the ${kind} was cancelled`);
      const handle: JobHandle = {
        signal,
        progress(phase, fraction, message) {
          if (!signal.aborted) emit({ jobId, phase, fraction: clamp(fraction), message });
        },
        check() {
          if (signal.aborted) throw cancelled();
        },
      };
      try {
        const result = await work(handle);
        handle.check();
        emit({ jobId, phase: 'done', fraction: 1, message: `the ${kind} is done` });
        return result;
      } catch (error) {
        if (signal.aborted) {
          emit({ jobId, phase: 'cancelled', fraction: 1, message: `the ${kind} was cancelled` });
          throw cancelled();
        }
        const message = error instanceof Error ? error.message : String(error);
        emit({ jobId, phase: 'failed', fraction: 1, message });
        throw error;
      } finally {
        jobs.delete(jobId);
      }
    },
    cancel(jobId) {
      const job = jobs.get(jobId);
      if (!job || job.signal.aborted) return false;
      job.abort();
      return true;
    },
    cancelAll() {
      for (const job of jobs.values()) job.abort();
    },
  };
}
