/** What every benchmark module exports: `run(): Promise<BenchResult>` and a one-line `description`. */

export type Figure = number | string | boolean | null;

export type BenchResult = {
  /** The benchmark's name (its file name in bench/). */
  bench: string;
  /** The readable report (tables), printed as is before the JSON line. */
  report: string;
  /** The figures for the JSON line; units belong in the key names (e.g. ws_p50_ms, calls_per_s). */
  figures: Record<string, Figure>;
};

export type BenchModule = {
  description: string;
  run(): Promise<BenchResult>;
};

/** Thrown when a benchmark cannot run here (e.g. the UI is not built); run.ts prints it and exits 1. */
export class BenchSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchSetupError';
  }
}

/** Progress goes to stderr, so stdout is just the report and its final JSON line. */
export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}
