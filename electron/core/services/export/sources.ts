import type { AuditFilter } from '../../../../shared/domain/audit.js';
import type { LogFilter } from '../../../../shared/domain/log-filter.js';
import { parseContext, type LogStore } from '../../../logging/log-store.js';
import type { Redactor } from '../../../logging/redact.js';
import type { AuditRepo } from '../../../persistence/repositories/audit-repo.js';
import type { ExportRecord } from './formats.js';

/** Where an export reads from: keyset pages in id order, up to the last id when it began. */
export type ExportSource = {
  header: readonly string[];
  /** Up to `limit` records with ids above afterId, oldest first, and the id to continue after. */
  page(afterId: number, limit: number): { records: ExportRecord[]; lastId: number };
};

export const LOG_EXPORT_COLUMNS = [
  'id',
  'time',
  'time_ms',
  'level',
  'category',
  'symbol',
  'message',
  'context',
] as const;
export const AUDIT_EXPORT_COLUMNS = [
  'id',
  'time',
  'time_ms',
  'kind',
  'actor',
  'summary',
  'details',
  'prev_hash',
  'hash',
] as const;

function isoTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** JSON text of a redacted copy of stored JSON (redaction again at export: secrets learned since). */
function redactJsonText(text: string, redactor: Redactor): string {
  return JSON.stringify(redactor.redactValue(parseContext(text))) ?? '{}';
}

/** The log store (logs.db), filtered; every field passes the redactor again on the way out. */
export function logExportSource(store: LogStore, filter: LogFilter, redactor: Redactor): ExportSource {
  const untilId = store.maxId();
  return {
    header: LOG_EXPORT_COLUMNS,
    page(afterId, limit) {
      const rows = store.pageAscending(filter, afterId, untilId, limit);
      const records = rows.map((row): ExportRecord => {
        const message = redactor.redactString(row.message);
        const symbol = row.symbol === null ? null : redactor.redactString(row.symbol);
        const context = redactJsonText(row.context, redactor);
        const time = isoTime(row.time);
        return {
          cells: [String(row.id), time, String(row.time), row.level, row.category, symbol ?? '', message, context],
          json:
            `{"id":${row.id},"time":${JSON.stringify(time)},"timeMs":${row.time},"level":${JSON.stringify(row.level)},` +
            `"category":${JSON.stringify(row.category)},"symbol":${JSON.stringify(symbol)},` +
            `"message":${JSON.stringify(message)},"context":${context}}`,
        };
      });
      return { records, lastId: rows.at(-1)?.id ?? afterId };
    },
  };
}

/**
 * The audit trail (workstation.db), filtered, oldest first, with each entry's prev_hash and hash so
 * a receiver can check the chain. Details are stored redacted; the redactor runs again regardless.
 */
export function auditExportSource(repo: AuditRepo, filter: AuditFilter, redactor: Redactor): ExportSource {
  const untilId = repo.maxId();
  return {
    header: AUDIT_EXPORT_COLUMNS,
    page(afterId, limit) {
      const rows = repo.pageAscending(filter, afterId, untilId, limit);
      const records = rows.map((row): ExportRecord => {
        const summary = redactor.redactString(row.summary);
        const details = redactJsonText(row.details, redactor);
        const time = isoTime(row.time);
        return {
          cells: [
            String(row.id),
            time,
            String(row.time),
            row.kind,
            row.actor,
            summary,
            details,
            row.prevHash,
            row.hash,
          ],
          json:
            `{"id":${row.id},"time":${JSON.stringify(time)},"timeMs":${row.time},"kind":${JSON.stringify(row.kind)},` +
            `"actor":${JSON.stringify(row.actor)},"summary":${JSON.stringify(summary)},"details":${details},` +
            `"prevHash":${JSON.stringify(row.prevHash)},"hash":${JSON.stringify(row.hash)}}`,
        };
      });
      return { records, lastId: rows.at(-1)?.id ?? afterId };
    },
  };
}
