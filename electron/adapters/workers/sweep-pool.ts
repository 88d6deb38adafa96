/**
 * The local sweep executor: a pool of worker_threads (by default one per core), each running
 * sweep-worker.ts with the sweep's candles in one SharedArrayBuffer given to every worker once.
 * Chunks go to the first idle worker; a chunk's results come back as one message. Cancelling (the
 * signal of runChunk) terminates the workers: the chunks in flight are dropped (their sets run again
 * when the sweep resumes); the pool starts fresh workers for the next chunk.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SetResult } from '../../engine/optimize/evaluate.js';
import {
  SweepCancelledError,
  type ChunkTask,
  type SweepConfig,
  type SweepExecutor,
} from '../../engine/optimize/sweep.js';
import type { OhlcvColumns } from '../../engine/strategy/columns.js';
import { shareColumns } from './shared-columns.js';
import { SWEEP_WORKER_ROLE, type SweepReply, type SweepRequest, type SweepWorkerData } from './sweep-worker.js';

export type SweepPool = SweepExecutor & { close(): Promise<void> };

export type SweepPoolOptions = {
  columns: OhlcvColumns;
  config: SweepConfig;
  /** Worker threads (default: the machine's cores). */
  workers?: number;
  /** The worker script (default: sweep-worker.ts beside this file, loaded with tsx). */
  url?: URL;
};

type Pending = { id: number; task: ChunkTask; resolve: (r: SetResult[]) => void; reject: (e: Error) => void };
type Slot = { worker: Worker; busy: Pending | null };

/**
 * The worker script: beside a bundled entry (`besideEntry`, e.g. out/main/backtest-worker.js: the
 * build writes out/main/sweep-worker.js as its own entry), else the TypeScript source beside this
 * file (tsx: dev and tests).
 */
export function sweepWorkerUrl(besideEntry?: URL): URL {
  return besideEntry ? new URL('./sweep-worker.js', besideEntry) : new URL('./sweep-worker.ts', import.meta.url);
}

export function defaultWorkers(): number {
  return Math.max(1, os.availableParallelism());
}

export function createSweepPool(options: SweepPoolOptions): SweepPool {
  const size = Math.max(1, Math.floor(options.workers ?? defaultWorkers()));
  const url = options.url ?? sweepWorkerUrl();
  const target = `import(${JSON.stringify(url.href)})`;
  const code = url.pathname.endsWith('.ts')
    ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return ${target}; });`
    : `${target};`;
  const workerData: SweepWorkerData = {
    role: SWEEP_WORKER_ROLE,
    columns: shareColumns(options.columns),
    config: options.config,
  };
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(code, { eval: true, workerData }), busy: null };
    slot.worker.on('message', (reply: SweepReply) => {
      const p = slot.busy;
      if (!p || p.id !== reply.id) return;
      slot.busy = null;
      if (reply.type === 'done') p.resolve(reply.results);
      else p.reject(new Error(`a sweep worker failed: ${reply.message}`));
      pump();
    });
    const lost = (error: Error) => {
      const i = slots.indexOf(slot);
      if (i < 0) return; // terminated on purpose
      slots.splice(i, 1);
      slot.busy?.reject(error);
      slot.busy = null;
      pump();
    };
    slot.worker.on('error', lost);
    slot.worker.on('exit', (code) => lost(new Error(`a sweep worker stopped (exit code ${code})`)));
    slots.push(slot);
    return slot;
  };

  function pump(): void {
    while (!closed && queue.length > 0) {
      const slot = slots.find((s) => s.busy === null) ?? (slots.length < size ? spawn() : null);
      if (!slot) return;
      const p = queue.shift()!;
      slot.busy = p;
      slot.worker.postMessage({ id: p.id, task: p.task } satisfies SweepRequest);
    }
  }

  /** Terminates every worker; their chunks and the queued ones fail with `error`. */
  async function stopAll(error: Error): Promise<void> {
    const stopping = slots.splice(0);
    for (const p of [...stopping.flatMap((s) => (s.busy ? [s.busy] : [])), ...queue.splice(0)]) p.reject(error);
    await Promise.all(stopping.map((s) => s.worker.terminate()));
  }

  return {
    concurrency: size,
    runChunk(task, signal) {
      if (closed) return Promise.reject(new Error('the sweep pool was closed'));
      if (signal?.aborted) return Promise.reject(new SweepCancelledError());
      return new Promise<SetResult[]>((resolve, reject) => {
        const onAbort = () => void stopAll(new SweepCancelledError());
        signal?.addEventListener('abort', onAbort, { once: true });
        const done = () => signal?.removeEventListener('abort', onAbort);
        queue.push({
          id: nextId++,
          task,
          resolve: (r) => {
            done();
            resolve(r);
          },
          reject: (e) => {
            done();
            reject(e);
          },
        });
        pump();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await stopAll(new Error('the sweep pool was closed'));
    },
  };
}
