/**
 * Backtests off the main thread: a worker_threads Worker runs electron/engine/backtest's
 * runBacktest, so a 1,000,000-candle run never stalls the main process's event loop (IPC, the
 * order journal, the kill switch stay responsive).
 *
 * This file is both sides: imported on the main thread it exports createBacktestWorker(); loaded as
 * a worker (workerData.role === 'backtest') it serves jobs. Candle columns are transferred, not
 * copied, unless `transfer: false` (a transferred array is empty in the sender afterwards); the
 * equity curve comes back transferred. Under tsx (dev, tests, bench) the worker inherits the
 * loader through execArgv; a bundled build must emit this file as its own entry and pass its URL.
 *
 * A risk gate is a function and cannot cross threads: jobs run with the default approve-all gate;
 * a gate for worker runs must be rebuilt inside the worker from serialisable risk settings.
 */
import { isMainThread, parentPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import type { BacktestSettings, Strategy } from '../../../shared/domain/strategy.js';
import { runBacktest, StrategyCompileError } from '../../engine/backtest/runner.js';
import type { BacktestResult } from '../../engine/backtest/types.js';
import type { OhlcvColumns } from '../../engine/strategy/columns.js';
import type { StrategyIssue } from '../../engine/strategy/program.js';

export type BacktestJob = {
  strategy: Strategy;
  candles: OhlcvColumns;
  symbol?: string;
  settings?: Partial<BacktestSettings>;
  accounting?: 'exact' | 'float';
};

type Request = { id: number; job: BacktestJob };
type Reply =
  | { id: number; ok: true; result: BacktestResult }
  | { id: number; ok: false; error: { name: string; message: string; issues?: StrategyIssue[] } };

/** A failed job: the worker's error, with the strategy's issues when it did not compile. */
export class BacktestJobError extends Error {
  constructor(
    message: string,
    override readonly name: string,
    readonly issues: StrategyIssue[] | null,
  ) {
    super(message);
  }
}

export type BacktestWorker = {
  /** Runs one job; jobs queue in the worker and run one at a time. */
  run(job: BacktestJob, options?: { transfer?: boolean }): Promise<BacktestResult>;
  /** Stops the worker; pending jobs are rejected. */
  close(): Promise<void>;
};

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * @param options.url the worker script (default: this file).
 * @param options.execArgv Node options for the worker (default: the process's own, e.g. tsx's
 *   `--import tsx`); tests running under vitest pass ['--import', 'tsx'].
 */
export function createBacktestWorker(options: { url?: URL; execArgv?: string[] } = {}): BacktestWorker {
  // A one-line bootstrap imports the module. Running from TypeScript sources (dev, tests, bench),
  // it first registers tsx in the worker: Node 20 does not apply the parent's loader hooks to a
  // worker's modules. A bundled .js worker needs no loader.
  const url = options.url ?? new URL(import.meta.url);
  const target = `import(${JSON.stringify(url.href)})`;
  const code = url.pathname.endsWith('.ts')
    ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return ${target}; });`
    : `${target};`;
  const worker = new Worker(code, {
    eval: true,
    workerData: { role: 'backtest' },
    ...(options.execArgv ? { execArgv: options.execArgv } : {}),
  });
  const pending = new Map<number, { resolve: (r: BacktestResult) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('message', (reply: Reply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.result);
    else p.reject(new BacktestJobError(reply.error.message, reply.error.name, reply.error.issues ?? null));
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`the backtest worker stopped (exit code ${code})`)));
  return {
    run(job, { transfer = true } = {}) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        const buffers = transfer ? uniqueBuffers(COLUMNS.map((k) => job.candles[k].buffer)) : [];
        worker.postMessage({ id, job } satisfies Request, buffers);
      });
    },
    async close() {
      failAll(new Error('the backtest worker was closed'));
      await worker.terminate();
    },
  };
}

function uniqueBuffers(buffers: ArrayBufferLike[]): ArrayBuffer[] {
  return [...new Set(buffers)].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

function serve(port: MessagePort): void {
  port.on('message', ({ id, job }: Request) => {
    let reply: Reply;
    let transfer: ArrayBuffer[] = [];
    try {
      const { strategy, candles, symbol, settings, accounting } = job;
      const result = runBacktest({ strategy, candles, symbol, settings, accounting });
      reply = { id, ok: true, result };
      transfer = uniqueBuffers([result.equity.buffer]);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      const issues = error instanceof StrategyCompileError ? error.issues : undefined;
      reply = { id, ok: false, error: { name: e.name, message: e.message, ...(issues ? { issues } : {}) } };
    }
    port.postMessage(reply, transfer);
  });
}

if (!isMainThread && parentPort && (workerData as { role?: unknown } | null)?.role === 'backtest') {
  serve(parentPort);
}
