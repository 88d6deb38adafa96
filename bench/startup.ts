import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type * as Esbuild from 'esbuild';
import { BenchSetupError, progress, type BenchResult, type Figure } from './lib/result.js';
import { summarize, type Summary } from './lib/stats.js';
import { formatNumber, formatTable, round, section } from './lib/table.js';

export const description =
  'headless start to first page served (cold and warm data dir) vs a bare node http server; tsx loader cost';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const RENDERER_INDEX = path.join(REPO_ROOT, 'out', 'renderer', 'index.html');
const HEADLESS_ENTRY = path.join('electron', 'headless', 'index.ts');
const RUNS = 5;
const TIMEOUT_MS = 60_000;
const TOKEN = 'bench-startup-token-0123456789abcdef';
/**
 * Where the esbuild bundle of the headless entry goes: two levels below the repository, because
 * electron/core/app-paths.ts finds the app root (package.json, out/renderer) two folders above the
 * running file. bench/results/ is ignored by git; the file is deleted after the run.
 */
const BUNDLE_FILE = path.join(REPO_ROOT, 'bench', 'results', 'headless-bundle.mjs');
/** The line our entry prints once it listens; the baseline server prints the same shape. */
const URL_LINE = / at (http:\/\/127\.0\.0\.1:\d+\/\S*)/;

const BARE_SERVER = [
  "const http = require('node:http');",
  "const server = http.createServer((req, res) => res.writeHead(200, {'content-type': 'text/html'}).end('<!doctype html>ok'));",
  "server.listen(0, '127.0.0.1', () => console.log('bare server at http://127.0.0.1:' + server.address().port + '/'));",
  "process.on('SIGTERM', () => server.close(() => process.exit(0)));",
].join('\n');

/** The children get our environment minus WORKSTATION_* settings, so only the flags decide. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('WORKSTATION_')) env[key] = value;
  return env;
}

type ServerTiming = { urlMs: number; firstPageMs: number; stopMs: number };

function fetchFirstPage(url: string): Promise<{ status: number; type: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume(); // read the whole body: "served" means the page arrived
      res.once('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? '') }));
      res.once('error', reject);
    });
    req.once('error', reject);
  });
}

/** Spawns a server process, waits for its URL line, GETs the URL, then stops it with SIGTERM. */
async function timeServer(args: readonly string[]): Promise<ServerTiming> {
  const start = performance.now();
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL on stdout within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const match = URL_LINE.exec(stdout);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`exited with code ${code} before printing its URL`));
      });
    });
    const urlMs = performance.now() - start;
    const page = await fetchFirstPage(url);
    const firstPageMs = performance.now() - start;
    if (page.status !== 200 || !page.type.startsWith('text/html')) {
      throw new Error(`GET ${url} answered ${page.status} (${page.type}), expected 200 text/html`);
    }
    const stopStart = performance.now();
    child.kill('SIGTERM');
    const exit = await exited;
    const stopMs = performance.now() - stopStart;
    if (exit.code !== 0) throw new Error(`exited with ${exit.code ?? exit.signal} after SIGTERM`);
    return { urlMs, firstPageMs, stopMs };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    const detail = `${stdout}${stderr}`.trim().split('\n').slice(-5).join('\n');
    throw new Error(`node ${args.join(' ')}: ${(error as Error).message}${detail ? `\n${detail}` : ''}`, {
      cause: error,
    });
  }
}

/** Spawn to exit of a process that does its work and ends by itself. */
async function timeProcess(args: readonly string[]): Promise<number> {
  const start = performance.now();
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: childEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ms = performance.now() - start;
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}: ${stderr.trim()}`);
  return ms;
}

function headlessArgs(dataDir: string): string[] {
  return [
    '--import',
    'tsx',
    HEADLESS_ENTRY,
    '--headless',
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--data-dir',
    dataDir,
    '--token',
    TOKEN,
  ];
}

/**
 * Our TypeScript bundled into one ESM file with esbuild (packages stay external): what the start
 * would cost if the headless entry were built JavaScript instead of TypeScript run through tsx.
 * esbuild comes with tsx and vite; without it the row is skipped.
 */
async function bundleHeadlessEntry(): Promise<string | null> {
  let esbuild: typeof Esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  fs.mkdirSync(path.dirname(BUNDLE_FILE), { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(REPO_ROOT, HEADLESS_ENTRY)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: BUNDLE_FILE,
    logLevel: 'error',
  });
  return BUNDLE_FILE;
}

function bundleArgs(bundle: string, dataDir: string): string[] {
  return [bundle, ...headlessArgs(dataDir).slice(3)];
}

type Samples = {
  bareServer: ServerTiming[];
  cold: ServerTiming[];
  warm: ServerTiming[];
  bundled: ServerTiming[];
  nodeExit: number[];
  tsxExit: number[];
  graphExit: number[];
};

async function oneRound(samples: Samples | null, bundle: string | null): Promise<void> {
  const bareServer = await timeServer(['-e', BARE_SERVER]);
  const nodeExit = await timeProcess(['-e', '']);
  const tsxExit = await timeProcess(['--import', 'tsx', '-e', '']);
  const graphExit = await timeProcess([
    '--import',
    'tsx',
    '--input-type=module',
    '-e',
    "await import('./electron/headless/run.ts');",
  ]);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bench-startup-'));
  const bundledDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bench-startup-bundled-'));
  try {
    const cold = await timeServer(headlessArgs(dataDir));
    const warm = await timeServer(headlessArgs(dataDir));
    const bundled = bundle === null ? null : await timeServer(bundleArgs(bundle, bundledDir));
    if (!samples) return;
    samples.bareServer.push(bareServer);
    samples.cold.push(cold);
    samples.warm.push(warm);
    if (bundled) samples.bundled.push(bundled);
    samples.nodeExit.push(nodeExit);
    samples.tsxExit.push(tsxExit);
    samples.graphExit.push(graphExit);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(bundledDir, { recursive: true, force: true });
  }
}

const pick = (timings: readonly ServerTiming[], key: keyof ServerTiming) => summarize(timings.map((t) => t[key]));

function serverRow(label: string, timings: readonly ServerTiming[]): (string | number)[] {
  if (timings.length === 0) return [label, '-', '-', '-', '-', '-'];
  const page = pick(timings, 'firstPageMs');
  return [label, page.min, page.p50, page.max, pick(timings, 'urlMs').p50, pick(timings, 'stopMs').p50];
}

async function measureAll(): Promise<Samples & { bundleSkipped: boolean }> {
  const samples: Samples = {
    bareServer: [],
    cold: [],
    warm: [],
    bundled: [],
    nodeExit: [],
    tsxExit: [],
    graphExit: [],
  };
  const bundle = await bundleHeadlessEntry();
  try {
    progress('startup: 1 unmeasured warm-up round (disk cache, tsx transform cache)');
    await oneRound(null, bundle);
    for (let i = 1; i <= RUNS; i++) {
      progress(`startup: round ${i}/${RUNS}`);
      await oneRound(samples, bundle);
    }
  } finally {
    if (bundle) {
      fs.rmSync(bundle, { force: true });
      if (fs.readdirSync(path.dirname(bundle)).length === 0) fs.rmdirSync(path.dirname(bundle));
    }
  }
  return { ...samples, bundleSkipped: bundle === null };
}

export async function run(): Promise<BenchResult> {
  if (!fs.existsSync(RENDERER_INDEX)) {
    throw new BenchSetupError(
      `the UI is not built (${path.relative(REPO_ROOT, RENDERER_INDEX)} is missing): run \`npm run build\` first`,
    );
  }
  const samples = await measureAll();
  const bare = pick(samples.bareServer, 'firstPageMs');
  const cold = pick(samples.cold, 'firstPageMs');
  const warm = pick(samples.warm, 'firstPageMs');
  const nodeExit = summarize(samples.nodeExit);
  const tsxExit = summarize(samples.tsxExit);
  const graphExit = summarize(samples.graphExit);

  const firstPage = formatTable(
    ['what', 'min ms', 'median ms', 'max ms', 'URL printed (median ms)', 'SIGTERM to exit (median ms)'],
    [
      serverRow('baseline: node -e, bare http server', samples.bareServer),
      serverRow('headless, cold (fresh data dir)', samples.cold),
      serverRow('headless, warm (existing data dir)', samples.warm),
      serverRow(
        samples.bundleSkipped
          ? 'headless, cold, esbuild bundle: skipped (no esbuild)'
          : 'headless, cold, esbuild bundle, no tsx',
        samples.bundled,
      ),
    ],
  );
  const exitRow = (label: string, s: Summary) => [label, s.min, s.p50, s.max];
  const phases = formatTable(
    ['process (spawn to exit)', 'min ms', 'median ms', 'max ms'],
    [
      exitRow("node -e ''", nodeExit),
      exitRow("node --import tsx -e ''", tsxExit),
      exitRow('node --import tsx: import electron/headless/run.ts only', graphExit),
    ],
  );
  // Differences of medians of separate noisy processes can go negative: the breakdown uses the
  // minimums, the runs least disturbed by the rest of the machine.
  const share = (ms: number) => `${formatNumber(ms)} ms (${Math.round((ms / cold.min) * 100)}% of the cold minimum)`;
  const lines = [
    'Cold start, by minimums:',
    `  node process start        ${share(nodeExit.min)}`,
    `  + tsx loader              ${share(tsxExit.min - nodeExit.min)}`,
    `  + loading our modules     ${share(graphExit.min - tsxExit.min)}  (through tsx: our TS, zod, ws, winston, better-sqlite3, ...)`,
    `  + core, listen, 1st page  ${share(cold.min - graphExit.min)}  (secret store, database, migrations, logs, HTTP)`,
    `Warm minus cold: ${formatNumber(warm.p50 - cold.p50)} ms by medians, ${formatNumber(warm.min - cold.min)} ms by minimums. Our cold start takes ${formatNumber(cold.p50 / bare.p50)}x the bare node server's time (medians).`,
  ];
  const figures: Record<string, Figure> = {};
  const put = (prefix: string, s: Summary) => {
    figures[`${prefix}_min_ms`] = round(s.min, 1);
    figures[`${prefix}_median_ms`] = round(s.p50, 1);
    figures[`${prefix}_max_ms`] = round(s.max, 1);
  };
  put('cold_first_page', cold);
  put('warm_first_page', warm);
  put('baseline_bare_node_first_page', bare);
  if (samples.bundled.length > 0) {
    const bundled = pick(samples.bundled, 'firstPageMs');
    put('bundled_cold_first_page', bundled);
    lines.push(
      `The same start from an esbuild bundle run by plain node: ${formatNumber(bundled.p50)} ms median, ${formatNumber(cold.p50 - bundled.p50)} ms less than through tsx.`,
    );
  }
  put('node_exit', nodeExit);
  put('tsx_import', tsxExit);
  put('module_graph_import', graphExit);
  figures.cold_url_printed_median_ms = round(pick(samples.cold, 'urlMs').p50, 1);
  figures.cold_sigterm_to_exit_median_ms = round(pick(samples.cold, 'stopMs').p50, 1);
  figures.tsx_loader_share_of_cold_min_pct = Math.round(((tsxExit.min - nodeExit.min) / cold.min) * 100);
  figures.runs = RUNS;

  return {
    bench: 'startup',
    report: [
      section(
        `process start to first page served (GET / with the token, 200 text/html body received), ${RUNS} runs each`,
        firstPage,
      ),
      section('where the cold start goes', phases, '', lines.join('\n')),
      [
        `Runs are interleaved round by round after one unmeasured warm-up round (OS file cache and tsx's transform cache are warm, as on a developer machine).`,
        `Cold = a fresh --data-dir (database and migrations created); warm = a second start on that directory. The environment's WORKSTATION_* variables are removed, so the secret store is chosen as for a user with none set.`,
        'The esbuild bundle (our TypeScript in one file, packages external) is built once before the runs; it is not part of the product, it shows what a built headless entry would save.',
        'No target is given for these figures.',
      ].join('\n'),
    ].join('\n\n'),
    figures,
  };
}
