/** Display helpers of the Strategies tab: money, percents, ratios, times and durations (never raw floats). */
import { formatAmount, formatMoney as money, formatPercent } from '../../../../shared/format/numbers';

export { formatPrice } from '../../../../shared/format/numbers';

/**
 * The colour class of a gain or a loss as shown with `decimals` decimals: 'up', 'down', or '' for
 * a figure that reads as zero (0.00 is neither a gain nor a loss), null included.
 */
export function signClass(value: number | null, decimals = 2): 'up' | 'down' | '' {
  if (value === null) return '';
  const shown = Number(value.toFixed(decimals));
  return shown > 0 ? 'up' : shown < 0 ? 'down' : '';
}

/** Money in the quote currency, 2 decimals with grouping; `signed` puts + before gains. */
export function formatMoney(value: number, signed = false): string {
  return money(value, signed);
}

/** A percent with 2 decimals; the % sign is joined by a non-breaking space so it never wraps alone. */
export function formatPct(value: number, signed = false): string {
  return formatPercent(value, signed);
}

/** A ratio such as a profit factor or Sharpe; null (no losing trade) reads as ∞ when `nullIs` says so. */
export function formatRatio(value: number | null, nullIs = '—'): string {
  return value === null ? nullIs : value.toFixed(2);
}

/** A base quantity: up to 8 decimals, trailing zeros dropped. */
export function formatQty(value: number, amountStep?: number): string {
  return formatAmount(value, amountStep);
}

/** UTC ms as "YYYY-MM-DD HH:MM" (UTC). */
export function formatUtc(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A span of time in the largest sensible units, e.g. "3 d 4 h" or "25 min". */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** The path of a validation issue as it reads in JSON, e.g. entryConditions[1]. */
export function formatPath(path: (string | number)[]): string {
  if (path.length === 0) return '(strategy)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
