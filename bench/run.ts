/**
 * `npm run bench -- NAME` runs bench/NAME.ts: prints a header, the benchmark's readable report,
 * and as the very last line of stdout one line of JSON with its figures. `npm run bench` lists
 * the benchmarks. Progress goes to stderr.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchSetupError, type BenchModule, type BenchResult } from './lib/result.js';
import { formatTable } from './lib/table.js';

const BENCH_DIR = import.meta.dirname;
const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

function availableNames(): string[] {
  return fs
    .readdirSync(BENCH_DIR)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'run.ts')
    .map((file) => file.slice(0, -'.ts'.length))
    .filter((name) => NAME_PATTERN.test(name))
    .sort();
}

function isBenchModule(value: unknown): value is BenchModule {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return typeof m.run === 'function' && typeof m.description === 'string';
}

async function load(name: string): Promise<BenchModule> {
  const mod: unknown = await import(pathToFileURL(path.join(BENCH_DIR, `${name}.ts`)).href);
  if (!isBenchModule(mod)) throw new Error(`bench/${name}.ts must export run(): Promise<BenchResult> and description`);
  return mod;
}

async function listing(): Promise<string> {
  const rows: string[][] = [];
  for (const name of availableNames()) {
    try {
      rows.push([name, (await load(name)).description]);
    } catch (error) {
      rows.push([name, `(cannot load: ${error instanceof Error ? error.message : String(error)})`]);
    }
  }
  return [
    'usage: npm run bench -- NAME',
    '',
    formatTable(['NAME', 'what it measures'], rows, ['left', 'left']),
    '',
    'Each prints a readable report and ends with one line of JSON holding its figures (see bench/README.md).',
  ].join('\n');
}

function header(name: string): string {
  const cpus = os.cpus();
  return [
    `bench ${name}  ${new Date().toISOString()}`,
    `node ${process.version}, ${process.platform}-${process.arch}, ${cpus.length} x ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`,
    // Other work on the machine moves every figure: the load is printed to judge the run by.
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (1, 5, 15 min) at start`,
  ].join('\n');
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (name === undefined || name === '--list' || name === '--help' || name === '-h') {
    console.log(await listing());
    return;
  }
  if (!NAME_PATTERN.test(name) || !availableNames().includes(name)) {
    console.error(`unknown benchmark "${name}"\n`);
    console.error(await listing());
    process.exitCode = 2;
    return;
  }
  const bench = await load(name);
  console.log(header(name));
  console.log('');
  let result: BenchResult;
  try {
    result = await bench.run();
  } catch (error) {
    if (error instanceof BenchSetupError) {
      console.error(`bench ${name}: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  console.log(result.report);
  console.log('');
  console.log(JSON.stringify({ bench: result.bench, ...result.figures }));
  // The JSON line must stay last: if a handle keeps the process alive, say so on stderr and exit.
  setTimeout(() => {
    process.stderr.write('warning: the benchmark left a handle open; exiting\n');
    process.exit(process.exitCode ?? 0);
  }, 10_000).unref();
}

await main();
