import fs from 'node:fs/promises';
import path from 'node:path';
import type { Timeframe } from '../../../shared/domain/market.js';
import type { CandleStore } from '../../engine/market/candle-store-port.js';
import {
  formatCandleCsv,
  parseCandleCsv,
  planCandleImport,
  previewCandleCsv,
  type CandleCsvPreview,
  type CsvRowError,
} from '../../engine/market/csv.js';

/** The thin file layer over the pure CSV reader/writer in electron/engine/market/csv.ts. */

/** Files larger than this are refused rather than read into memory (about 8 million candle rows). */
export const MAX_CSV_BYTES = 512 * 1024 * 1024;

export type CsvImportOptions = {
  source: string;
  symbol: string;
  /** Default: inferred from the candles' spacing. */
  timeframe?: Timeframe;
  /** Import the good rows and skip the bad ones (default: any bad row means nothing is imported). */
  skipBadRows?: boolean;
};

export type CsvImportResult =
  | {
      ok: true;
      imported: number;
      skipped: number;
      timeframe: Timeframe;
      first: number;
      last: number;
      errors: CsvRowError[];
    }
  | { ok: false; reason: string; errors: CsvRowError[] };

export type CsvExportRange = { source: string; symbol: string; timeframe: Timeframe; from: number; to: number };

async function readText(file: string): Promise<string> {
  let size: number;
  try {
    size = (await fs.stat(file)).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${file} does not exist: check the path.`, { cause: error });
    throw new Error(`${file} cannot be read (${code ?? (error as Error).message}).`, { cause: error });
  }
  if (size > MAX_CSV_BYTES) {
    throw new Error(
      `${file} is ${Math.round(size / 2 ** 20)} MiB: split it into files under ${MAX_CSV_BYTES / 2 ** 20} MiB.`,
    );
  }
  return fs.readFile(file, 'utf8');
}

/** What importing `file` would do: delimiter, columns, the first rows, counts and errors. Writes nothing. */
export async function previewCandleCsvFile(file: string, options: { rows?: number } = {}): Promise<CandleCsvPreview> {
  return previewCandleCsv(await readText(file), options);
}

/**
 * Imports a candle CSV into the store in one transaction: either every candle is written or none.
 * With any bad row nothing is imported and every bad row is reported, unless `skipBadRows`.
 */
export async function importCandleCsvFile(
  file: string,
  store: CandleStore,
  options: CsvImportOptions,
): Promise<CsvImportResult> {
  const csv = parseCandleCsv(await readText(file));
  const plan = planCandleImport(csv, {
    ...(options.timeframe ? { timeframe: options.timeframe } : {}),
    ...(options.skipBadRows ? { skipBadRows: true } : {}),
  });
  if (!plan.ok) return plan;
  const imported = store.upsert(options.source, options.symbol, plan.timeframe, plan.candles);
  return {
    ok: true,
    imported,
    skipped: plan.skipped,
    timeframe: plan.timeframe,
    first: plan.candles[0]!.time,
    last: plan.candles[plan.candles.length - 1]!.time,
    errors: csv.errors,
  };
}

/**
 * Writes the stored candles of one series in [from, to] as CSV (header time,open,high,low,close,volume,
 * ISO 8601 UTC times). The file appears complete or not at all (written aside, then renamed).
 */
export async function exportCandleCsvFile(file: string, store: CandleStore, range: CsvExportRange): Promise<number> {
  const candles = store.range(range.source, range.symbol, range.timeframe, range.from, range.to);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.partial`;
  try {
    await fs.writeFile(temp, formatCandleCsv(candles), 'utf8');
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  return candles.length;
}
