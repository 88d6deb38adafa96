import { csvField } from '../../../shared/format/csv.js';
import { TIMEFRAME_MS, TIMEFRAMES, type Candle, type Timeframe } from '../../../shared/domain/market.js';
import {
  CANDLE_FIELDS,
  COLUMN_NAMES,
  detectDelimiter,
  isClockTime,
  mapColumns,
  parseNumber,
  parseTime,
  splitLine,
  type CandleField,
  type ColumnMapping,
  type CsvDelimiter,
} from './csv-fields.js';

/**
 * Candle CSV: a pure reader and writer (file I/O lives in electron/adapters/files). A header line
 * is required; columns are found by name (see csv-fields.ts), other columns are ignored; the
 * delimiter is one of , ; tab | and is detected from the header. Bad rows are reported with their
 * line number (line 1 is the header) and the reason; the caller decides whether anything is
 * imported (planCandleImport: by default nothing when any row is bad).
 */

export type { CsvDelimiter, ColumnMapping, CandleField } from './csv-fields.js';

export type CsvRowError = { line: number; reason: string };

/** The timeframe the candles' spacing suggests: the median gap between consecutive open times. */
export type InferredTimeframe = { spacingMs: number; timeframe: Timeframe | null };

export type CandleCsv = {
  delimiter: CsvDelimiter;
  header: string[];
  columns: ColumnMapping;
  /** The good rows as candles, sorted by open time (the file may be in any order). */
  candles: Candle[];
  /** Bad rows, in file order; at most `maxErrors` listed, `errorCount` counts them all. */
  errors: CsvRowError[];
  errorCount: number;
  /** Data rows read (blank lines are not rows). */
  rowCount: number;
  timeframe: InferredTimeframe | null;
  /** Why the file cannot be read as candles at all (no header, a column missing), else null. */
  fatal: string | null;
};

export type CsvPreviewRow = { line: number; fields: string[]; candle: Candle | null; error: string | null };

export type CandleCsvPreview = Omit<CandleCsv, 'candles'> & {
  /** Header names per candle field (null: not found). */
  mapping: Record<CandleField, string | null>;
  missing: CandleField[];
  /** The first data rows in file order, each parsed or with its error. */
  rows: CsvPreviewRow[];
  validCount: number;
  first: number | null;
  last: number | null;
};

export type ParseOptions = { maxErrors?: number };

type Parsed = CandleCsv & { preview: CsvPreviewRow[] };

const ISO = (t: number) => new Date(t).toISOString();

function missingColumns(columns: ColumnMapping): CandleField[] {
  return CANDLE_FIELDS.filter((f) => columns[f] === null);
}

function describeMissing(missing: readonly CandleField[]): string {
  const wanted = missing.map((f) => `${f} (${COLUMN_NAMES[f].join(' / ')})`).join(', ');
  return `the header does not name every column: missing ${wanted}. The first line must be a header such as time,open,high,low,close,volume`;
}

function rowCandle(
  fields: readonly string[],
  columns: ColumnMapping,
  delimiter: CsvDelimiter,
): { candle: Candle } | { reasons: string[] } {
  const reasons: string[] = [];
  const time = parseTime(
    fields[columns.time!.index] ?? '',
    columns.clock ? (fields[columns.clock.index] ?? '') : undefined,
  );
  if (typeof time === 'string') reasons.push(time);
  const values: Partial<Record<CandleField, number>> = {};
  for (const f of ['open', 'high', 'low', 'close', 'volume'] as const) {
    const v = parseNumber(fields[columns[f]!.index] ?? '', delimiter);
    if (typeof v === 'string') reasons.push(`${f} ${v}`);
    else values[f] = v;
  }
  const { open, high, low, close, volume } = values;
  if (open !== undefined && high !== undefined && low !== undefined && close !== undefined) {
    if (Math.min(open, high, low, close) < 0) reasons.push('a price is negative');
    if (high < low) reasons.push(`high ${high} is below low ${low}`);
    else if (high < Math.max(open, close)) reasons.push(`high ${high} is below open/close ${Math.max(open, close)}`);
    else if (low > Math.min(open, close)) reasons.push(`low ${low} is above open/close ${Math.min(open, close)}`);
  }
  if (volume !== undefined && volume < 0) reasons.push(`volume ${volume} is negative`);
  if (reasons.length > 0 || typeof time === 'string') return { reasons };
  return { candle: { time, open: open!, high: high!, low: low!, close: close!, volume: volume! } };
}

/** The median spacing of sorted open times, and the timeframe it equals (if any). */
export function inferTimeframe(times: readonly number[]): InferredTimeframe | null {
  if (times.length < 2) return null;
  const diffs = new Float64Array(times.length - 1);
  for (let i = 1; i < times.length; i++) diffs[i - 1] = times[i]! - times[i - 1]!;
  diffs.sort();
  const spacingMs = diffs[Math.floor((diffs.length - 1) / 2)]!;
  return { spacingMs, timeframe: TIMEFRAMES.find((tf) => TIMEFRAME_MS[tf] === spacingMs) ?? null };
}

function parseAll(text: string, maxErrors: number, previewRows: number): Parsed {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  const headerLine = headerAt >= 0 ? lines[headerAt]! : '';
  const delimiter = detectDelimiter(headerLine);
  const header = splitLine(headerLine, delimiter).map((h) => h.trim());
  const columns = mapColumns(header);
  const out: Parsed = {
    delimiter,
    header,
    columns,
    candles: [],
    errors: [],
    errorCount: 0,
    rowCount: 0,
    timeframe: null,
    fatal: null,
    preview: [],
  };
  const missing = missingColumns(columns);
  if (headerAt < 0) out.fatal = 'the file is empty: expected a header line and candle rows';
  else if (missing.length > 0) out.fatal = describeMissing(missing);
  if (out.fatal) {
    out.errors.push({ line: headerAt + 1 || 1, reason: out.fatal });
    out.errorCount = 1;
    return out;
  }
  const firstData = lines.slice(headerAt + 1).find((l) => l.trim() !== '');
  if (columns.clock && firstData !== undefined) {
    const clockValue = splitLine(firstData, delimiter)[columns.clock.index] ?? '';
    if (!isClockTime(clockValue)) {
      columns.time = columns.clock; // the "time" column holds whole timestamps: use it alone
      columns.clock = null;
    }
  }
  const needed = Math.max(...CANDLE_FIELDS.map((f) => columns[f]!.index), columns.clock?.index ?? 0) + 1;
  const firstLine = new Map<number, number>();
  const fail = (line: number, reason: string) => {
    out.errorCount++;
    if (out.errors.length < maxErrors) out.errors.push({ line, reason });
  };
  let sorted = true;
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const line = i + 1;
    out.rowCount++;
    const fields = splitLine(raw, delimiter);
    let error: string | null = null;
    let candle: Candle | null = null;
    if (fields.length < needed) {
      error = `has ${fields.length} field${fields.length === 1 ? '' : 's'}, expected at least ${needed} (delimiter ${JSON.stringify(delimiter)})`;
    } else {
      const parsed = rowCandle(fields, columns, delimiter);
      if ('reasons' in parsed) error = parsed.reasons.join('; ');
      else {
        const seen = firstLine.get(parsed.candle.time);
        if (seen !== undefined) error = `duplicate timestamp ${ISO(parsed.candle.time)} (first on line ${seen})`;
        else candle = parsed.candle;
      }
    }
    if (out.preview.length < previewRows) out.preview.push({ line, fields, candle, error });
    if (error !== null || candle === null) {
      fail(line, error ?? 'unreadable row');
      continue;
    }
    firstLine.set(candle.time, line);
    const prev = out.candles[out.candles.length - 1];
    if (prev && prev.time > candle.time) sorted = false;
    out.candles.push(candle);
  }
  if (!sorted) out.candles.sort((a, b) => a.time - b.time);
  out.timeframe = inferTimeframe(out.candles.map((c) => c.time));
  return out;
}

/** Reads a candle CSV: the good rows as sorted candles, and every bad row with its line and reason. */
export function parseCandleCsv(text: string, options: ParseOptions = {}): CandleCsv {
  const { preview: _preview, ...result } = parseAll(text, options.maxErrors ?? 1_000, 0);
  return result;
}

/** What an import would do, for the import dialog: delimiter, column mapping, first rows, counts, errors. */
export function previewCandleCsv(text: string, options: { rows?: number; maxErrors?: number } = {}): CandleCsvPreview {
  const { preview, candles, ...rest } = parseAll(text, options.maxErrors ?? 100, options.rows ?? 20);
  const mapping = Object.fromEntries(CANDLE_FIELDS.map((f) => [f, rest.columns[f]?.name ?? null])) as Record<
    CandleField,
    string | null
  >;
  return {
    ...rest,
    mapping,
    missing: missingColumns(rest.columns),
    rows: preview,
    validCount: candles.length,
    first: candles[0]?.time ?? null,
    last: candles[candles.length - 1]?.time ?? null,
  };
}

/** Candles as CSV: header time,open,high,low,close,volume; ISO 8601 UTC times; one candle per line. */
export function formatCandleCsv(candles: Iterable<Candle>): string {
  const lines = ['time,open,high,low,close,volume'];
  for (const c of candles) {
    lines.push([ISO(c.time), c.open, c.high, c.low, c.close, c.volume].map((v) => csvField(String(v))).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export type ImportPlan =
  | { ok: true; timeframe: Timeframe; candles: Candle[]; skipped: number }
  | { ok: false; reason: string; errors: CsvRowError[] };

/**
 * Decides what to import from a parsed file. Nothing is imported when any row is bad, unless
 * `skipBadRows`; the timeframe is the one given or the one inferred, and they must agree; every
 * candle must open on a boundary of that timeframe.
 */
export function planCandleImport(
  csv: CandleCsv,
  options: { timeframe?: Timeframe; skipBadRows?: boolean } = {},
): ImportPlan {
  const errors = csv.errors;
  if (csv.fatal) return { ok: false, reason: `Nothing was imported: ${csv.fatal}.`, errors };
  if (csv.errorCount > 0 && !options.skipBadRows) {
    const first = errors[0]!;
    return {
      ok: false,
      reason: `Nothing was imported: ${csv.errorCount} bad row${csv.errorCount === 1 ? '' : 's'} (first: line ${first.line}, ${first.reason}). Fix them, or import with "skip bad rows" to import the ${csv.candles.length} good one${csv.candles.length === 1 ? '' : 's'}.`,
      errors,
    };
  }
  if (csv.candles.length === 0)
    return { ok: false, reason: 'Nothing was imported: the file has no candle rows.', errors };
  const inferred = csv.timeframe;
  const timeframe = options.timeframe ?? inferred?.timeframe ?? null;
  if (!timeframe) {
    const spacing = inferred ? ` (the candles are ${inferred.spacingMs / 1000} s apart)` : '';
    return {
      ok: false,
      reason: `Nothing was imported: choose the timeframe, it cannot be told from the file${spacing}.`,
      errors,
    };
  }
  if (options.timeframe && inferred?.timeframe && inferred.timeframe !== options.timeframe) {
    return {
      ok: false,
      reason: `Nothing was imported: the file holds ${inferred.timeframe} candles (median spacing), not ${options.timeframe}. Choose ${inferred.timeframe}.`,
      errors,
    };
  }
  const step = TIMEFRAME_MS[timeframe];
  const off = csv.candles.filter((c) => c.time % step !== 0);
  if (off.length > 0) {
    return {
      ok: false,
      reason: `Nothing was imported: ${off.length} candle${off.length === 1 ? '' : 's'} do not open on a ${timeframe} boundary in UTC (first at ${ISO(off[0]!.time)}).`,
      errors,
    };
  }
  return { ok: true, timeframe, candles: csv.candles, skipped: csv.errorCount };
}
