/**
 * The crash test's parent: runs child processes (crash-child.ts) that trade on a data directory
 * until they are killed with SIGKILL (at a checkpoint they were told, or by the parent at a random
 * moment); after each kill the next child restarts on the same directory and reconciles, and the
 * database is checked (crash-check.ts) before it may trade again. Several lanes (directories) run
 * side by side. Used by crash.test.ts and `npm run bench -- crash-recovery`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rngFor } from '../../../../engine/simulator/prng.js';
import { type CrashCheck, checkCrashConsistency, failuresOf } from './crash-check.js';
import type { ChildMessage, ParentMessage } from './crash-child.js';

export const CRASH_POINTS = [
  'after-created',
  'after-submitted',
  'exchange-placed',
  'after-place',
  'after-accepted',
  'after-fill',
  'exchange-matched',
  'after-cancel-requested',
  'after-cancel-sent',
  'random',
] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

export type CrashOptions = {
  kills: number;
  lanes?: number;
  seed?: number;
  /** A child that has not reached its checkpoint by then is killed by the parent (default 500 ms). */
  maxRunMs?: number;
  onProgress?: (done: number, total: number) => void;
};

export type CrashSummary = {
  kills: number;
  /** Kills by where they happened ('timeout': the parent killed a child that had not reached its point). */
  byPoint: Record<string, number>;
  restarts: number;
  orders: number;
  exchangeOrders: number;
  trades: number;
  lost: number;
  duplicated: number;
  orphaned: number;
  missingFills: number;
  unresolved: number;
  balanceMismatches: number;
  integrityFailures: number;
  /** Orders the reconciliations resolved / withdrew. */
  resolved: number;
  withdrawn: number;
  failures: string[];
  durationMs: number;
  /** Process start to reconciliation finished, for each restart after a kill, ms. */
  restartMs: number[];
};

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHILD_TS = path.join(HERE, 'crash-child.ts');

/** The child as one bundled file (esbuild, packages external) when esbuild is there: 5x faster to start than tsx. */
async function childEntry(): Promise<{ file: string; execArgv: string[] }> {
  try {
    const esbuild = await import('esbuild');
    const out = path.resolve(HERE, '../../../../../node_modules/.cache/trading-workstation/crash-child.mjs');
    await esbuild.build({
      entryPoints: [CHILD_TS],
      bundle: true,
      platform: 'node',
      format: 'esm',
      external: ['better-sqlite3'],
      outfile: out,
      logLevel: 'silent',
    });
    return { file: out, execArgv: [] };
  } catch {
    return { file: CHILD_TS, execArgv: ['--import', 'tsx'] };
  }
}

type Lane = { dir: string; kills: number };

function runChild(
  entry: { file: string; execArgv: string[] },
  env: Record<string, string>,
  onReconciled: (m: Extract<ChildMessage, { type: 'reconciled' }>) => ParentMessage,
  maxRunMs: number,
  randomKillMs: number | null,
  cleanStopMs: number | null = null,
): Promise<{
  signal: NodeJS.Signals | null;
  code: number | null;
  killedByParent: boolean;
  error: string | null;
  reconciledMs: number | null;
}> {
  return new Promise((resolve) => {
    const forked = performance.now();
    let reconciledMs: number | null = null;
    const child: ChildProcess = fork(entry.file, [], {
      execArgv: entry.execArgv,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let killedByParent = false;
    let error: string | null = null;
    let stderr = '';
    let timer: ReturnType<typeof setTimeout> | null = null;
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.on('message', (raw) => {
      const m = raw as ChildMessage;
      if (m.type === 'error') error = m.message;
      if (m.type !== 'reconciled') return;
      reconciledMs = performance.now() - forked;
      const answer = onReconciled(m);
      child.send(answer);
      if (answer.type !== 'go') return;
      timer = setTimeout(
        () => {
          if (cleanStopMs !== null) {
            child.send({ type: 'exit' } satisfies ParentMessage);
            return;
          }
          killedByParent = true;
          child.kill('SIGKILL');
        },
        cleanStopMs ?? randomKillMs ?? maxRunMs,
      );
    });
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (code !== 0 && signal === null && error === null) error = `exit ${code}: ${stderr}`;
      resolve({ signal, code, killedByParent, error, reconciledMs });
    });
  });
}

function add(summary: CrashSummary, c: CrashCheck): void {
  summary.lost += c.lost.length;
  summary.duplicated += c.duplicated.length;
  summary.orphaned += c.orphanedOrders.length + c.orphanedFills.length;
  summary.missingFills += c.missingFills.length;
  summary.unresolved += c.unresolved.length;
  summary.balanceMismatches += c.balanceMismatches.length;
  if (c.integrity !== 'ok') summary.integrityFailures += 1;
  summary.failures.push(...failuresOf(c).slice(0, 5));
}

export async function runCrashTest(o: CrashOptions): Promise<CrashSummary> {
  const started = performance.now();
  const entry = await childEntry();
  const lanes = Math.max(1, o.lanes ?? Math.min(6, Math.max(3, 2 * os.cpus().length)));
  const rng = rngFor('crash-run', o.seed ?? 1);
  const summary: CrashSummary = {
    kills: 0,
    byPoint: {},
    restarts: 0,
    orders: 0,
    exchangeOrders: 0,
    trades: 0,
    lost: 0,
    duplicated: 0,
    orphaned: 0,
    missingFills: 0,
    unresolved: 0,
    balanceMismatches: 0,
    integrityFailures: 0,
    resolved: 0,
    withdrawn: 0,
    failures: [],
    durationMs: 0,
    restartMs: [],
  };
  const laneList: Lane[] = Array.from({ length: lanes }, () => ({
    dir: fs.mkdtempSync(path.join(os.tmpdir(), 'tw-crash-')),
    kills: 0,
  }));
  let seed = 0;
  const check = (lane: Lane) => {
    const c = checkCrashConsistency(path.join(lane.dir, 'workstation.db'));
    add(summary, c);
    return c;
  };
  const onReconciled =
    (lane: Lane, last: boolean) =>
    (m: Extract<ChildMessage, { type: 'reconciled' }>): ParentMessage => {
      summary.restarts += 1;
      summary.resolved += m.resolved;
      summary.withdrawn += m.withdrawn;
      check(lane);
      return { type: last ? 'exit' : 'go' };
    };
  try {
    await Promise.all(
      laneList.map(async (lane) => {
        while (summary.kills < o.kills) {
          const point = CRASH_POINTS[Math.floor(rng.next() * CRASH_POINTS.length)]!;
          const at = 1 + Math.floor(rng.next() * (point === 'after-fill' || point === 'exchange-matched' ? 8 : 4));
          const randomKill = point === 'random' ? 30 + Math.floor(rng.next() * 400) : null;
          seed += 1;
          const env = {
            TW_CRASH_DIR: lane.dir,
            TW_CRASH_POINT: point,
            TW_CRASH_AT: String(at),
            TW_CRASH_SEED: String(seed),
          };
          const result = await runChild(entry, env, onReconciled(lane, false), o.maxRunMs ?? 500, randomKill);
          if (lane.kills > 0 && result.reconciledMs !== null) summary.restartMs.push(result.reconciledMs);
          if (result.signal !== 'SIGKILL') {
            summary.failures.push(`a child ended without being killed (${result.error ?? `code ${result.code}`})`);
            return;
          }
          const where = result.killedByParent ? (point === 'random' ? 'random' : 'timeout') : point;
          summary.byPoint[where] = (summary.byPoint[where] ?? 0) + 1;
          summary.kills += 1;
          lane.kills += 1;
          o.onProgress?.(summary.kills, o.kills);
        }
        // The last restart: reconcile, check, exit cleanly.
        const final = await runChild(
          entry,
          { TW_CRASH_DIR: lane.dir, TW_CRASH_POINT: 'none', TW_CRASH_SEED: '0' },
          onReconciled(lane, true),
          10_000,
          null,
        );
        if (final.code !== 0) summary.failures.push(`the final restart failed: ${final.error ?? final.signal}`);
        const c = checkCrashConsistency(path.join(lane.dir, 'workstation.db'));
        summary.orders += c.orders;
        summary.exchangeOrders += c.exchangeOrders;
        summary.trades += c.trades;
      }),
    );
  } finally {
    for (const lane of laneList) fs.rmSync(lane.dir, { recursive: true, force: true });
  }
  summary.durationMs = performance.now() - started;
  return summary;
}

/**
 * The baseline of the benchmark: restarts after a clean stop (the child trades for `tradeMs`, is
 * asked to exit, closes and exits 0): process start to reconciliation finished, ms.
 */
export async function measureCleanRestarts(restarts: number, tradeMs = 300): Promise<number[]> {
  const entry = await childEntry();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-clean-'));
  const times: number[] = [];
  try {
    for (let i = 0; i <= restarts; i++) {
      const env = { TW_CRASH_DIR: dir, TW_CRASH_POINT: 'none', TW_CRASH_SEED: String(i + 1) };
      const result = await runChild(entry, env, () => ({ type: 'go' }), 10_000, null, tradeMs);
      if (result.code !== 0) throw new Error(`a clean run failed: ${result.error ?? result.signal}`);
      if (i > 0 && result.reconciledMs !== null) times.push(result.reconciledMs);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return times;
}
