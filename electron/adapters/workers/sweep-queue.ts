/**
 * Sweeps over BullMQ on Redis, for sweeps that outgrow one machine. The app or the CLI (the
 * producer: createRedisExecutor) puts the sweep's config and candles in Redis once, under the
 * sweep's id, and adds each chunk as a job of the "sweep-chunks" queue; `npm run worker -- --redis
 * URL` on any number of machines (serveSweepQueue) takes jobs, loads each sweep's candles once per
 * process, runs the chunk with the same evaluator as the local pool and returns the results.
 *
 * A worker that dies mid-chunk stops renewing its job's lock; after the lock time another worker's
 * stalled-job check puts the job back and it runs again (BullMQ's stalled-job handling). The
 * producer takes each chunk's result once (the job's completion), and the sweep keeps one result
 * per set index, so a retried chunk is never counted twice. Chunks run one set at a time with the
 * event loop free between sets, so a live worker renews its lock even during long chunks.
 */
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { SetEvaluator, SetResult } from '../../engine/optimize/evaluate.js';
import {
  evaluatorFor,
  SweepCancelledError,
  type ChunkTask,
  type SweepConfig,
  type SweepExecutor,
} from '../../engine/optimize/sweep.js';
import type { OhlcvColumns } from '../../engine/strategy/columns.js';
import { columnsFromBytes, columnsToBytes } from './shared-columns.js';

export const SWEEP_QUEUE = 'sweep-chunks';
const PREFIX = 'workstation';
/** How long a sweep's config and candles stay in Redis without the producer (it deletes them when done). */
const SWEEP_TTL_S = 7 * 86_400;

type ChunkJob = { sweep: string; task: ChunkTask };
/** Results as JSON: the equity curve (only for kept sets) as a plain array. */
type WireResult = Omit<SetResult, 'equity'> & { equity?: number[] };

const key = (sweep: string, part: 'config' | 'candles') => `${PREFIX}:sweep:${sweep}:${part}`;

function connect(url: string): Redis {
  // BullMQ needs maxRetriesPerRequest null for blocking connections. Connection errors surface as
  // failed commands (ioredis reconnects); the event itself needs a listener.
  const client = new Redis(url, { maxRetriesPerRequest: null });
  client.on('error', () => undefined);
  return client;
}

/** The producer's own client fails fast when Redis cannot be reached (a clear error, no hang). */
function connectOnce(url: string): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 5000,
    retryStrategy: (n) => (n > 3 ? null : 200),
  });
  client.on('error', () => undefined);
  return client;
}

export type RedisExecutor = SweepExecutor & {
  readonly sweepId: string;
  /** Sweep workers connected to the queue now (`npm run worker` processes). */
  workers(): Promise<number>;
  close(): Promise<void>;
};

/**
 * The producer side. `concurrency`: chunks in flight at once (default 8; the workers decide how
 * many run at the same time).
 */
export async function createRedisExecutor(options: {
  url: string;
  columns: OhlcvColumns;
  config: SweepConfig;
  concurrency?: number;
  /** Tries per chunk when a worker fails it (default 3); stalled chunks are retried besides. */
  attempts?: number;
}): Promise<RedisExecutor> {
  const client = connectOnce(options.url);
  const sweepId = randomUUID();
  try {
    await client.set(key(sweepId, 'config'), JSON.stringify(options.config), 'EX', SWEEP_TTL_S);
    await client.set(key(sweepId, 'candles'), columnsToBytes(options.columns), 'EX', SWEEP_TTL_S);
  } catch (error) {
    client.disconnect();
    throw new Error(
      `cannot reach Redis at ${options.url}: ${error instanceof Error ? error.message : String(error)}; check the URL and that redis-server runs there`,
      { cause: error },
    );
  }
  const queue = new Queue<ChunkJob, WireResult[]>(SWEEP_QUEUE, { connection: connect(options.url), prefix: PREFIX });
  const events = new QueueEvents(SWEEP_QUEUE, { connection: connect(options.url), prefix: PREFIX });
  await events.waitUntilReady();
  const pending = new Set<string>();
  let closed = false;
  return {
    sweepId,
    concurrency: options.concurrency ?? 8,
    workers: () => queue.getWorkersCount(),
    async runChunk(task, signal) {
      if (closed) throw new Error('the Redis sweep was closed');
      if (signal?.aborted) throw new SweepCancelledError();
      const job = await queue.add(
        'chunk',
        { sweep: sweepId, task },
        { attempts: options.attempts ?? 3, removeOnComplete: true, removeOnFail: 100 },
      );
      pending.add(job.id!);
      const aborted = new Promise<never>((_, reject) => {
        signal?.addEventListener(
          'abort',
          () => {
            void job.remove().catch(() => undefined);
            reject(new SweepCancelledError());
          },
          { once: true },
        );
      });
      try {
        const wire = await Promise.race([job.waitUntilFinished(events), aborted]);
        return wire.map((r) => ({ ...r, ...(r.equity ? { equity: Float64Array.from(r.equity) } : {}) }) as SetResult);
      } finally {
        pending.delete(job.id!);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const id of pending) await queue.remove(id).catch(() => undefined);
      await client.del(key(sweepId, 'config'), key(sweepId, 'candles')).catch(() => undefined);
      await Promise.allSettled([events.close(), queue.close()]);
      client.disconnect();
    },
  };
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The worker side (`npm run worker`): runs chunks until close(). */
export function serveSweepQueue(options: {
  url: string;
  /** Chunks this process runs at once (default 1: one core). */
  concurrency?: number;
  /** A job's lock (default 30 s): a chunk of a dead worker is retried after this. */
  lockMs?: number;
  onChunk?: (sweep: string, sets: number) => void;
}): { close(): Promise<void>; ready: Promise<void> } {
  const client = connect(options.url);
  const evaluators = new Map<string, SetEvaluator>();
  const evaluator = async (sweep: string): Promise<SetEvaluator> => {
    let e = evaluators.get(sweep);
    if (e) return e;
    const [config, candles] = await Promise.all([
      client.get(key(sweep, 'config')),
      client.getBuffer(key(sweep, 'candles')),
    ]);
    if (config === null || candles === null) throw new Error(`sweep ${sweep} is no longer in Redis`);
    e = evaluatorFor(JSON.parse(config) as SweepConfig, columnsFromBytes(candles));
    // One sweep's candles per process at a time (a sweep's chunks arrive together).
    evaluators.clear();
    evaluators.set(sweep, e);
    return e;
  };
  const lockDuration = options.lockMs ?? 30_000;
  const worker = new Worker<ChunkJob, WireResult[]>(
    SWEEP_QUEUE,
    async (job: Job<ChunkJob, WireResult[]>) => {
      const { sweep, task } = job.data;
      const e = await evaluator(sweep);
      options.onChunk?.(sweep, task.sets.length);
      const out: WireResult[] = [];
      for (const s of task.sets) {
        const r = e.run(s.index, s.values, task.window, task.keep);
        out.push({ ...r, ...(r.equity ? { equity: Array.from(r.equity) } : {}) } as WireResult);
        await yieldToLoop();
      }
      return out;
    },
    {
      connection: connect(options.url),
      prefix: PREFIX,
      concurrency: options.concurrency ?? 1,
      lockDuration,
      stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
      maxStalledCount: 3,
    },
  );
  worker.on('error', () => undefined); // connection errors: ioredis reconnects
  return {
    ready: worker.waitUntilReady().then(() => undefined),
    async close() {
      await worker.close();
      client.disconnect();
    },
  };
}
