import { z } from 'zod';
import { MarketSymbol, Timeframe } from './market.js';

/** Candle CSV files travel as text; 64 MiB is about a million rows. */
export const CSV_TEXT_MAX = 64 * 1024 * 1024;
const CsvText = z.string().min(1, 'the file is empty').max(CSV_TEXT_MAX, 'the file is larger than 64 MiB: split it');

/** Where stored candles came from: 'simulator', an exchange id, or a name chosen at import ('csv'). */
export const CandleSourceName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{1,31}$/, 'a source name is lower-case letters, digits, "-" or "_", e.g. "csv" or "kraken"')
  .max(32, 'a source name is at most 32 characters');

const RowError = z.object({ line: z.number().int(), reason: z.string() });

export const CsvPreview = z.object({
  delimiter: z.string(),
  header: z.array(z.string()),
  /** The header name found for each candle field (null: missing). */
  mapping: z.record(z.string(), z.string().nullable()),
  missing: z.array(z.string()),
  rows: z.array(z.object({ line: z.number().int(), fields: z.array(z.string()), error: z.string().nullable() })),
  rowCount: z.number().int(),
  validCount: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(RowError),
  first: z.number().nullable(),
  last: z.number().nullable(),
  timeframe: Timeframe.nullable(),
  fatal: z.string().nullable(),
});
export type CsvPreview = z.infer<typeof CsvPreview>;

export const CandleImportRequest = z
  .object({
    text: CsvText,
    source: CandleSourceName.default('csv'),
    symbol: MarketSymbol,
    /** Default: the timeframe the file's spacing shows. */
    timeframe: Timeframe.optional(),
    skipBadRows: z.boolean().default(false),
  })
  .strict();

export const CandleImportResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    imported: z.number().int(),
    skipped: z.number().int(),
    timeframe: Timeframe,
    first: z.number(),
    last: z.number(),
  }),
  z.object({ ok: z.literal(false), reason: z.string(), errors: z.array(RowError) }),
]);
export type CandleImportResult = z.infer<typeof CandleImportResult>;

export const CandleSeriesRef = z
  .object({
    source: CandleSourceName,
    symbol: MarketSymbol,
    timeframe: Timeframe,
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
  })
  .strict();

export const CandleSeriesInfo = z.object({
  source: z.string(),
  symbol: z.string(),
  timeframe: Timeframe,
  count: z.number().int(),
  first: z.number(),
  last: z.number(),
});
export type CandleSeriesInfo = z.infer<typeof CandleSeriesInfo>;
