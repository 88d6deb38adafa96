/**
 * Heavy jobs off the main thread: one worker_threads Worker runs the jobs of jobs.ts (JOBS), one at
 * a time, so a 1,000,000-candle backtest never stalls the main process's event loop (IPC, the
 * order journal, the kill switch stay responsive).
 *
 * Main side: createJobWorker() keeps the queue here and posts one job at a time as
 * {id, kind, job}; the worker answers with progress messages, then done or failed. Cancelling the
 * running job terminates the worker (a synchronous job cannot be interrupted otherwise) and
 * rejects it with JobCancelledError; the jobs still queued stay queued and run on a fresh worker,
 * started lazily when there is work. Cancelling a queued job just drops it. A crashed worker fails
 * its running job only. Worker side: serveJobs() (called by the entry, backtest-worker.ts).
 *
 * The worker script: `url` (a bundled build passes out/main/backtest-worker.js, its own entry), by
 * default backtest-worker.ts beside this file, loaded with tsx registered in the worker (Node 20
 * does not apply the parent's loader hooks to a worker's modules).
 */
import { Worker, type MessagePort } from 'node:worker_threads';
import { StrategyCompileError } from '../../engine/backtest/runner.js';
import type { StrategyIssue } from '../../engine/strategy/program.js';
import { JobError, JOBS, type JobInput, type JobKind, type JobResult, type JobSpec } from './jobs.js';

export const WORKER_ROLE = 'jobs';

type JobMessage = { id: number; kind: JobKind; job: unknown };
type Reply =
  | { id: number; type: 'progress'; fraction: number; message: string }
  | { id: number; type: 'done'; result: unknown }
  | { id: number; type: 'failed'; error: { name: string; message: string; issues?: StrategyIssue[] } };

/** The job was cancelled before it finished. */
export class JobCancelledError extends Error {
  override readonly name = 'JobCancelledError';
}

export type RunOptions = {
  /** Move the job's buffers instead of copying them (default true). */
  transfer?: boolean;
  /** Progress reported by the job in the worker. */
  onProgress?: (fraction: number, message: string) => void;
  /** Aborting cancels the job (see the top of this file). */
  signal?: AbortSignal;
};

export type JobWorker = {
  run<K extends JobKind>(kind: K, job: JobInput<K>, options?: RunOptions): Promise<JobResult<K>>;
  /** Stops the worker; the running and queued jobs are rejected. */
  close(): Promise<void>;
};

type Entry = {
  id: number;
  kind: JobKind;
  job: unknown;
  transfer: boolean;
  onProgress: (fraction: number, message: string) => void;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  detach: () => void;
};

function uniqueBuffers(buffers: ArrayBufferLike[]): ArrayBuffer[] {
  return [...new Set(buffers)].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

function spec(kind: JobKind): JobSpec<unknown, unknown> {
  return JOBS[kind] as JobSpec<unknown, unknown>;
}

/**
 * @param options.url the worker script (default: backtest-worker.ts beside this file).
 * @param options.execArgv Node options for the worker (default: the process's own).
 */
export function createJobWorker(options: { url?: URL; execArgv?: string[] } = {}): JobWorker {
  const url = options.url ?? new URL('./backtest-worker.ts', import.meta.url);
  const target = `import(${JSON.stringify(url.href)})`;
  const code = url.pathname.endsWith('.ts')
    ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return ${target}; });`
    : `${target};`;
  const queue: Entry[] = [];
  let worker: Worker | null = null;
  let running: Entry | null = null;
  let nextId = 1;
  let closed = false;

  function settle(entry: Entry): void {
    entry.detach();
    if (running === entry) running = null;
    // An idle worker does not keep the process alive.
    if (!running && queue.length === 0) worker?.unref();
  }

  function spawn(): Worker {
    const w = new Worker(code, {
      eval: true,
      workerData: { role: WORKER_ROLE },
      ...(options.execArgv ? { execArgv: options.execArgv } : {}),
    });
    w.on('message', (reply: Reply) => {
      const entry = running;
      if (!entry || entry.id !== reply.id) return;
      if (reply.type === 'progress') {
        entry.onProgress(reply.fraction, reply.message);
        return;
      }
      settle(entry);
      if (reply.type === 'done') entry.resolve(reply.result);
      else entry.reject(new JobError(reply.error.message, reply.error.name, reply.error.issues ?? null));
      pump();
    });
    const lost = (error: Error) => {
      if (worker !== w) return; // terminated on purpose (cancel, close)
      worker = null;
      const entry = running;
      if (entry) {
        settle(entry);
        entry.reject(error);
      }
      pump();
    };
    w.on('error', lost);
    w.on('exit', (code) => lost(new Error(`the job worker stopped (exit code ${code})`)));
    return w;
  }

  function pump(): void {
    if (closed || running || queue.length === 0) return;
    const entry = queue.shift()!;
    running = entry;
    worker ??= spawn();
    worker.ref();
    const buffers = entry.transfer ? uniqueBuffers(spec(entry.kind).inputBuffers?.(entry.job) ?? []) : [];
    worker.postMessage({ id: entry.id, kind: entry.kind, job: entry.job } satisfies JobMessage, buffers);
  }

  function cancel(entry: Entry): void {
    if (running === entry) {
      const w = worker;
      worker = null;
      void w?.terminate();
    } else {
      const i = queue.indexOf(entry);
      if (i < 0) return;
      queue.splice(i, 1);
    }
    settle(entry);
    entry.reject(new JobCancelledError('the job was cancelled'));
    pump();
  }

  return {
    run<K extends JobKind>(kind: K, job: JobInput<K>, runOptions: RunOptions = {}): Promise<JobResult<K>> {
      const { signal, transfer = true, onProgress = () => undefined } = runOptions;
      if (closed) return Promise.reject(new Error('the job worker was closed'));
      if (signal?.aborted) return Promise.reject(new JobCancelledError('the job was cancelled'));
      return new Promise<JobResult<K>>((resolve, reject) => {
        const entry: Entry = {
          id: nextId++,
          kind,
          job,
          transfer,
          onProgress,
          resolve: resolve as (r: unknown) => void,
          reject,
          detach: () => signal?.removeEventListener('abort', onAbort),
        };
        const onAbort = () => cancel(entry);
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(entry);
        pump();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      const error = new Error('the job worker was closed');
      for (const entry of [...(running ? [running] : []), ...queue.splice(0)]) {
        settle(entry);
        entry.reject(error);
      }
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}

/** Worker side: runs each job posted to `port` and answers with progress, then done or failed. */
export function serveJobs(port: MessagePort): void {
  port.on('message', ({ id, kind, job }: JobMessage) => {
    const s = spec(kind);
    let reply: Reply;
    let transfer: ArrayBuffer[] = [];
    try {
      if (!(s as JobSpec<unknown, unknown> | undefined)) throw new Error(`unknown job kind "${String(kind)}"`);
      const progress = (fraction: number, message: string) =>
        port.postMessage({ id, type: 'progress', fraction, message } satisfies Reply);
      const result = s.run(job, { progress });
      reply = { id, type: 'done', result };
      transfer = uniqueBuffers(s.outputBuffers?.(result) ?? []);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      const issues =
        error instanceof StrategyCompileError ? error.issues : error instanceof JobError ? error.issues : null;
      reply = { id, type: 'failed', error: { name: e.name, message: e.message, ...(issues ? { issues } : {}) } };
    }
    port.postMessage(reply, transfer);
  });
}
