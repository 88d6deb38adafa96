import { z } from 'zod';
import { AUDIT_KINDS, AuditFilter } from '../../../shared/domain/audit.js';
import { LOG_CATEGORIES, LOG_LEVELS } from '../../../shared/domain/logs.js';
import { ExportFormat, parseTimeParam, type ExportRequest } from '../../../shared/domain/export.js';
import { LogFilter } from '../../../shared/domain/log-filter.js';
import { describeIssues } from '../../core/dispatch.js';
import { writeExport, type ExportCounts } from '../../core/services/export/exporter.js';
import { exportToFile } from '../../core/services/export/export-service.js';
import { auditExportSource, logExportSource, type ExportSource } from '../../core/services/export/sources.js';
import type { LogStore } from '../../logging/log-store.js';
import { createRedactor } from '../../logging/redact.js';
import type { Database } from '../../persistence/database.js';
import { createAuditRepo } from '../../persistence/repositories/audit-repo.js';
import { CliUsageError, many, parseArgs, single, type ParsedArgs } from '../args.js';
import { openLogsReadOnly, openWorkstationDbReadOnly, resolveDataDir } from '../data-dir.js';
import type { CliIo } from '../io.js';

export const EXPORT_LOGS_USAGE = `export-logs --out FILE [--format csv|json|jsonl] [--from ISO] [--to ISO]
            [--level L] [--category C] [--symbol S] [--text T] [--audit [--kind K]] [--data-dir DIR]
    Exports the log store (or with --audit the audit trail) oldest first, streamed, read-only.
    --out -        writes to stdout
    --format       csv (default; RFC 4180, context as a JSON column), json (one array), jsonl
    --from, --to   inclusive UTC range: 2025-01-31, 2025-01-31T14:00:00Z or UTC milliseconds
    --level        error|warn|info|debug; --category engine|orders|risk|strategy|exchange|ai|system
                   (repeat the option or separate with commas)
    --kind         audit kinds, e.g. setting.changed,order.submitted (with --audit)
    Every field passes the redactor again (patterns; secrets known only to the running app were
    already removed when the entry was written).`;

const SPEC = {
  values: [
    '--out',
    '--format',
    '--from',
    '--to',
    '--level',
    '--category',
    '--symbol',
    '--text',
    '--kind',
    '--data-dir',
  ],
  flags: ['--audit'],
};

function usageFrom(error: z.ZodError): CliUsageError {
  return new CliUsageError(
    describeIssues(error)
      .replace(/^filter\./, '')
      .replace(/; filter\./g, '; '),
  );
}

function time(args: ParsedArgs, name: '--from' | '--to'): number | undefined {
  const value = single(args, name);
  if (value === undefined) return undefined;
  try {
    return parseTimeParam(value, name);
  } catch (error) {
    if (error instanceof z.ZodError) throw usageFrom(error);
    throw error;
  }
}

/** Values of a list option, each one of `allowed`. */
function oneOf<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[]): T[] {
  const values = many(args, name);
  for (const v of values) {
    if (!(allowed as readonly string[]).includes(v)) {
      throw new CliUsageError(`${name}: "${v}" is not one of ${allowed.join(', ')}`);
    }
  }
  return values as T[];
}

/** The export request the options describe; a CliUsageError names the option that is wrong. */
export function exportRequestFromArgs(args: ParsedArgs): ExportRequest {
  const format = ExportFormat.safeParse(single(args, '--format') ?? 'csv');
  if (!format.success)
    throw new CliUsageError(`--format must be csv, json or jsonl, not "${single(args, '--format')}"`);
  const from = time(args, '--from');
  const to = time(args, '--to');
  if (from !== undefined && to !== undefined && from > to) throw new CliUsageError('--from is after --to');
  const text = single(args, '--text');
  const common = {
    ...(text ? { text } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  };
  if (args.flags.has('--audit')) {
    for (const name of ['--level', '--category', '--symbol']) {
      if (args.values.has(name)) throw new CliUsageError(`${name} filters log entries; the audit trail has --kind`);
    }
    const kinds = oneOf(args, '--kind', AUDIT_KINDS);
    const filter = AuditFilter.safeParse({ ...common, ...(kinds.length ? { kinds } : {}) });
    if (!filter.success) throw usageFrom(filter.error);
    return { kind: 'audit', format: format.data, filter: filter.data };
  }
  if (args.values.has('--kind')) throw new CliUsageError('--kind filters the audit trail: add --audit');
  const levels = oneOf(args, '--level', LOG_LEVELS);
  const categories = oneOf(args, '--category', LOG_CATEGORIES);
  const symbol = single(args, '--symbol');
  const filter = LogFilter.safeParse({
    ...common,
    ...(levels.length ? { levels } : {}),
    ...(categories.length ? { categories } : {}),
    ...(symbol ? { symbol } : {}),
  });
  if (!filter.success) throw usageFrom(filter.error);
  return { kind: 'logs', format: format.data, filter: filter.data };
}

export async function exportLogs(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, SPEC);
  const out = single(args, '--out');
  if (out === undefined) throw new CliUsageError('--out FILE is required (or --out - for stdout)');
  const request = exportRequestFromArgs(args);
  const dataDir = resolveDataDir(args, io.env);
  const redactor = createRedactor();
  let logStore: LogStore | undefined;
  let db: Database | undefined;
  try {
    let source: ExportSource;
    if (request.kind === 'logs') {
      logStore = openLogsReadOnly(dataDir);
      source = logExportSource(logStore, request.filter, redactor);
    } else {
      db = openWorkstationDbReadOnly(dataDir);
      source = auditExportSource(createAuditRepo(db), request.filter, redactor);
    }
    let counts: ExportCounts;
    if (out === '-') counts = await writeExport(io.stdout, request.format, source);
    else counts = await exportToFile(request, out, source);
    const what = request.kind === 'logs' ? 'log entries' : 'audit entries';
    const where = out === '-' ? 'stdout' : out;
    io.stderr.write(
      `exported ${counts.rows.toLocaleString('en-US')} ${what} as ${request.format.toUpperCase()} (${counts.bytes.toLocaleString('en-US')} bytes) to ${where}\n`,
    );
    return 0;
  } finally {
    logStore?.close();
    db?.close();
  }
}
