/**
 * The measured side of bench/export.ts. Each variant runs in its own child process (forked with
 * tsx), so its peak RSS is its own: `runExportVariant(job)` forks this file, which exports the
 * seeded logs.db once and sends back what it measured.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { csvLine } from '../../electron/core/services/export/formats.js';
import { exportToFile } from '../../electron/core/services/export/export-service.js';
import { logExportSource } from '../../electron/core/services/export/sources.js';
import { openLogStoreReadOnly } from '../../electron/logging/log-store.js';
import { createRedactor, type Redactor } from '../../electron/logging/redact.js';
import type { LogRow } from '../../electron/persistence/repositories/log-repo.js';

export const VARIANTS = ['naive-json', 'naive-csv', 'stream-csv', 'stream-csv-no-reredaction'] as const;
export type Variant = (typeof VARIANTS)[number];

export type ExportJob = { variant: Variant; logsDb: string; out: string };

export type ExportMeasure = {
  variant: Variant;
  rows: number;
  bytes: number;
  seconds: number;
  /** Peak resident set size of the whole process (kernel's maxRSS), bytes. */
  peakRssBytes: number;
  /** RSS right before the export began (modules loaded, database open), bytes. */
  startRssBytes: number;
  /** Highest V8 heap used seen (sampled every 10 ms and at each step), bytes. */
  peakHeapBytes: number;
  /** Event-loop delay during the export (perf_hooks monitorEventLoopDelay, 1 ms resolution), ms. */
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
};

type Reply = { ok: true; result: ExportMeasure } | { ok: false; error: string };

const THIS_FILE = fileURLToPath(import.meta.url);

/**
 * The monitor's timer ticks every LOOP_RESOLUTION_MS and records the interval between ticks; the
 * delay is that interval minus the resolution (what other work waited beyond its due time).
 */
const LOOP_RESOLUTION_MS = 1;
const delayMs = (intervalNs: number) => Math.max(0, intervalNs / 1e6 - LOOP_RESOLUTION_MS);

/** Leaves every string as it is: the cost of the export path without the second redaction pass. */
const identityRedactor: Redactor = {
  addSecret: () => undefined,
  redactString: (s) => s,
  redactValue: (v) => v,
};

/** The baseline: every row in memory at once, one JSON.stringify (or one CSV string), one write. */
function naive(job: ExportJob, format: 'json' | 'csv', sample: () => void): { rows: number; bytes: number } {
  const db = new BetterSqlite3(job.logsDb, { readonly: true });
  const rows = db
    .prepare<[], LogRow>('SELECT id, time, level, category, message, symbol, context FROM logs ORDER BY id')
    .all();
  db.close();
  sample();
  let text: string;
  if (format === 'json') {
    const objects = rows.map((r) => ({
      ...r,
      time: new Date(r.time).toISOString(),
      timeMs: r.time,
      context: JSON.parse(r.context) as unknown,
    }));
    sample();
    text = JSON.stringify(objects);
  } else {
    const header = csvLine(['id', 'time', 'time_ms', 'level', 'category', 'symbol', 'message', 'context']);
    text =
      header +
      rows
        .map((r) =>
          csvLine([
            String(r.id),
            new Date(r.time).toISOString(),
            String(r.time),
            r.level,
            r.category,
            r.symbol ?? '',
            r.message,
            r.context,
          ]),
        )
        .join('');
  }
  sample();
  fs.writeFileSync(job.out, text);
  sample();
  return { rows: rows.length, bytes: Buffer.byteLength(text) };
}

async function measure(job: ExportJob): Promise<ExportMeasure> {
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = () => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const sampler = setInterval(sample, 10);
  const startRss = process.memoryUsage().rss;
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  // Let the monitor tick a few times first: the interval it records ends at a tick, so a block
  // before its first tick would go unseen. A variant that blocks throughout then records the block
  // as one interval among about a dozen ticks, so its p99 is the block itself.
  await new Promise((resolve) => setTimeout(resolve, 10));
  const t0 = performance.now();
  let counts: { rows: number; bytes: number };
  if (job.variant === 'naive-json') counts = naive(job, 'json', sample);
  else if (job.variant === 'naive-csv') counts = naive(job, 'csv', sample);
  else {
    const store = openLogStoreReadOnly(job.logsDb);
    const redactor = job.variant === 'stream-csv' ? createRedactor() : identityRedactor;
    counts = await exportToFile(
      { kind: 'logs', format: 'csv', filter: {} },
      job.out,
      logExportSource(store, {}, redactor),
    );
    store.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  // One more tick, so a loop blocked until the very end is recorded too.
  await new Promise((resolve) => setTimeout(resolve, LOOP_RESOLUTION_MS + 1));
  loop.disable();
  clearInterval(sampler);
  sample();
  return {
    variant: job.variant,
    ...counts,
    seconds,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    startRssBytes: startRss,
    peakHeapBytes: peakHeap,
    loopDelayP50Ms: delayMs(loop.percentile(50)),
    loopDelayP99Ms: delayMs(loop.percentile(99)),
    loopDelayMaxMs: delayMs(loop.max),
  };
}

/** Runs one variant in a fresh child process and returns its figures. */
export function runExportVariant(job: ExportJob): Promise<ExportMeasure> {
  return new Promise((resolve, reject) => {
    const child = fork(THIS_FILE, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: 'inherit' });
    let settled = false;
    child.once('message', (message) => {
      settled = true;
      const reply = message as Reply;
      if (reply.ok) resolve(reply.result);
      else reject(new Error(`export variant ${job.variant} failed: ${reply.error}`));
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`export variant ${job.variant} exited with ${code} before answering`));
    });
    child.once('error', reject);
    child.send(job);
  });
}

if (process.argv[1] === THIS_FILE && typeof process.send === 'function') {
  process.once('message', (job: ExportJob) => {
    measure(job).then(
      (result) => process.send?.({ ok: true, result } satisfies Reply, () => process.disconnect()),
      (error: unknown) =>
        process.send?.(
          { ok: false, error: error instanceof Error ? error.message : String(error) } satisfies Reply,
          () => process.disconnect(),
        ),
    );
  });
}
