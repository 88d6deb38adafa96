import { z } from 'zod';
import { AUDIT_KINDS, AuditFilter, type AuditKind } from './audit.js';
import { LogFilter } from './log-filter.js';
import { LOG_CATEGORIES, LOG_LEVELS, type LogCategory, type LogLevel } from './logs.js';

export const EXPORT_FORMATS = ['csv', 'json', 'jsonl'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const EXPORT_KINDS = ['logs', 'audit'] as const;
export const ExportKind = z.enum(EXPORT_KINDS);
export type ExportKind = z.infer<typeof ExportKind>;

/** What to export: the log store or the audit trail, in which format, for which filter and range. */
export const ExportRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('logs'), format: ExportFormat, filter: LogFilter.default({}) }).strict(),
  z.object({ kind: z.literal('audit'), format: ExportFormat, filter: AuditFilter.default({}) }).strict(),
]);
export type ExportRequest = z.infer<typeof ExportRequest>;

export const ExportResult = z.object({
  /** cancelled: the user closed the save dialog; nothing was written. */
  status: z.enum(['saved', 'cancelled']),
  file: z.string().nullable(),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
});
export type ExportResult = z.infer<typeof ExportResult>;

/** The headless server's download route: GET /export?kind=logs&format=csv&level=error,warn&... */
export const EXPORT_PATH = '/export';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** `workstation-logs-20250102T030405Z.csv`: sortable, and says what is inside. */
export function exportFileName(request: Pick<ExportRequest, 'kind' | 'format'>, now: number): string {
  const stamp = new Date(now)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `workstation-${request.kind === 'logs' ? 'logs' : 'audit-trail'}-${stamp}.${request.format}`;
}

/** Query parameters of the download route for a request (lists are comma-separated, times in UTC ms). */
export function exportRequestToParams(request: ExportRequest): URLSearchParams {
  const p = new URLSearchParams({ kind: request.kind, format: request.format });
  const f = request.filter;
  if (request.kind === 'logs') {
    const lf = request.filter;
    if (lf.levels?.length) p.set('level', lf.levels.join(','));
    if (lf.categories?.length) p.set('category', lf.categories.join(','));
    if (lf.symbol) p.set('symbol', lf.symbol);
  } else if (request.filter.kinds?.length) {
    p.set('auditKind', request.filter.kinds.join(','));
  }
  if (f.text) p.set('text', f.text);
  if (f.from !== undefined) p.set('from', String(f.from));
  if (f.to !== undefined) p.set('to', String(f.to));
  return p;
}

function list<T extends string>(value: string | null, allowed: readonly T[], name: string): T[] | undefined {
  if (value === null || value === '') return undefined;
  return value.split(',').map((item) => {
    const v = item.trim();
    if (!(allowed as readonly string[]).includes(v)) {
      throw new z.ZodError([
        { code: 'custom', path: [name], message: `"${v}" is not one of ${allowed.join(', ')}`, input: v },
      ]);
    }
    return v as T;
  });
}

/** A time parameter: UTC milliseconds, or an ISO 8601 date/time (UTC unless it carries an offset). */
export function parseTimeParam(value: string, name: string): number {
  const text = value.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text);
  else {
    // A date-time without a zone is read as UTC, never as the machine's local time.
    const zoned = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text}Z` : text;
    ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(zoned) : Number.NaN;
  }
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new z.ZodError([
      {
        code: 'custom',
        path: [name],
        message: `"${value}" is not a time: use ISO 8601 (2025-01-31 or 2025-01-31T14:00:00Z) or UTC milliseconds`,
        input: value,
      },
    ]);
  }
  return ms;
}

/** Reads the download route's parameters; throws a ZodError that names the wrong parameter. */
export function exportRequestFromParams(params: URLSearchParams): ExportRequest {
  const time = (name: 'from' | 'to') => {
    const v = params.get(name);
    return v === null || v === '' ? undefined : parseTimeParam(v, name);
  };
  const text = params.get('text') ?? undefined;
  const common = { text: text === '' ? undefined : text, from: time('from'), to: time('to') };
  const kind = params.get('kind') ?? 'logs';
  const filter =
    kind === 'audit'
      ? { ...common, kinds: list<AuditKind>(params.get('auditKind'), AUDIT_KINDS, 'auditKind') }
      : {
          ...common,
          levels: list<LogLevel>(params.get('level'), LOG_LEVELS, 'level'),
          categories: list<LogCategory>(params.get('category'), LOG_CATEGORIES, 'category'),
          symbol: params.get('symbol') || undefined,
        };
  const defined = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
  return ExportRequest.parse({ kind, format: params.get('format') ?? 'csv', filter: defined });
}
