/**
 * The sweep pool's worker script (worker_threads): it receives the sweep's config and its candles
 * (a SharedArrayBuffer: the same memory as the main thread's, not a copy) once, then runs chunks of
 * parameter sets with one SetEvaluator, whose indicator series and signals are shared by every set
 * this worker runs on the same window. Each chunk's results go back with their equity curves
 * transferred. Loaded by sweep-pool.ts (from the TypeScript source with tsx, or the bundled
 * out/main/sweep-worker.js).
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { SetEvaluator, SetResult } from '../../engine/optimize/evaluate.js';
import { evaluatorFor, type ChunkTask, type SweepConfig } from '../../engine/optimize/sweep.js';
import { columnsOf, type SharedColumns } from './shared-columns.js';

export const SWEEP_WORKER_ROLE = 'sweep';

export type SweepWorkerData = { role: typeof SWEEP_WORKER_ROLE; columns: SharedColumns; config: SweepConfig };
export type SweepRequest = { id: number; task: ChunkTask };
export type SweepReply =
  { id: number; type: 'done'; results: SetResult[] } | { id: number; type: 'failed'; message: string };

function serve(data: SweepWorkerData): void {
  const port = parentPort!;
  const evaluator: SetEvaluator = evaluatorFor(data.config, columnsOf(data.columns));
  port.on('message', ({ id, task }: SweepRequest) => {
    try {
      const results = task.sets.map((s) => evaluator.run(s.index, s.values, task.window, task.keep));
      const buffers = results.flatMap((r) => (r.equity ? [r.equity.buffer as ArrayBuffer] : []));
      port.postMessage({ id, type: 'done', results } satisfies SweepReply, buffers);
    } catch (error) {
      port.postMessage({
        id,
        type: 'failed',
        message: error instanceof Error ? error.message : String(error),
      } satisfies SweepReply);
    }
  });
}

const data = workerData as Partial<SweepWorkerData> | null;
if (!isMainThread && parentPort && data?.role === SWEEP_WORKER_ROLE) serve(data as SweepWorkerData);
