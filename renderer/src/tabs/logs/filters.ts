import type { AuditFilter, AuditKind } from '../../../../shared/domain/audit';
import type { LogFilter } from '../../../../shared/domain/log-filter';
import type { LogCategory, LogLevel } from '../../../../shared/domain/logs';

/** What the filter bar holds: form values, times as `datetime-local` text read as UTC. */
export type LogFilterForm = {
  levels: LogLevel[];
  category: LogCategory | '';
  symbol: string;
  text: string;
  from: string;
  to: string;
};

export const EMPTY_LOG_FILTER: LogFilterForm = { levels: [], category: '', symbol: '', text: '', from: '', to: '' };

/**
 * `2025-01-31T14:05` (a datetime-local value) as UTC milliseconds, or undefined when empty or
 * incomplete. The field is labelled UTC: the machine's time zone plays no part.
 */
export function utcInputToMs(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms] = m;
  const time = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
    Number((ms ?? '0').padEnd(3, '0')),
  );
  return Number.isFinite(time) && time >= 0 ? time : undefined;
}

/** UTC milliseconds as a datetime-local value (minutes), e.g. for a "last hour" shortcut. */
export function msToUtcInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

/**
 * The filter the store understands. `to` is inclusive to the end of its minute, so "to 14:05"
 * includes entries at 14:05:30.
 */
export function toLogFilter(form: LogFilterForm): LogFilter {
  const from = utcInputToMs(form.from);
  const toStart = utcInputToMs(form.to);
  const symbol = form.symbol.trim().toUpperCase();
  const text = form.text.trim();
  return {
    ...(form.levels.length > 0 && form.levels.length < 4 ? { levels: [...form.levels].sort() } : {}),
    ...(form.category ? { categories: [form.category] } : {}),
    ...(symbol ? { symbol } : {}),
    ...(text ? { text: text.slice(0, 200) } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(toStart !== undefined ? { to: toStart + 59_999 } : {}),
  };
}

export type AuditFilterForm = { kind: AuditKind | ''; text: string; from: string; to: string };
export const EMPTY_AUDIT_FILTER: AuditFilterForm = { kind: '', text: '', from: '', to: '' };

export function toAuditFilter(form: AuditFilterForm): AuditFilter {
  const from = utcInputToMs(form.from);
  const toStart = utcInputToMs(form.to);
  const text = form.text.trim();
  return {
    ...(form.kind ? { kinds: [form.kind] } : {}),
    ...(text ? { text: text.slice(0, 200) } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(toStart !== undefined ? { to: toStart + 59_999 } : {}),
  };
}

/** A message when the range is the wrong way round, else null. */
export function rangeProblem(form: { from: string; to: string }): string | null {
  const from = utcInputToMs(form.from);
  const to = utcInputToMs(form.to);
  return from !== undefined && to !== undefined && from > to ? 'The start of the range is after its end.' : null;
}
