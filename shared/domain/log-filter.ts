import { z } from 'zod';
import { LogCategory, LogLevel, type LogEntry } from './logs.js';

/** A log query without paging: what the Logs tab's filter bar and an export select. */
export const LogFilter = z
  .object({
    levels: z.array(LogLevel).max(4).optional(),
    categories: z.array(LogCategory).max(7).optional(),
    symbol: z.string().max(32).optional(),
    text: z.string().max(200).optional(),
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
  })
  .strict();
export type LogFilter = z.infer<typeof LogFilter>;

/** Lower-cases A-Z only, as SQLite's LIKE compares (ASCII case-insensitive). */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * True when an entry passes the filter, with the same meaning as the log store's SQL (levels,
 * categories, exact symbol, inclusive time range, case-insensitive text in the message or the
 * context JSON). The Logs tab uses it to decide whether a live entry belongs in its view.
 */
export function matchesLogFilter(entry: LogEntry, filter: LogFilter): boolean {
  if (filter.levels !== undefined && filter.levels.length > 0 && !filter.levels.includes(entry.level)) return false;
  if (filter.categories !== undefined && filter.categories.length > 0 && !filter.categories.includes(entry.category))
    return false;
  if (filter.symbol !== undefined && filter.symbol !== '' && entry.symbol !== filter.symbol) return false;
  if (filter.from !== undefined && entry.time < filter.from) return false;
  if (filter.to !== undefined && entry.time > filter.to) return false;
  if (filter.text !== undefined && filter.text !== '') {
    const needle = asciiLower(filter.text);
    if (!asciiLower(entry.message).includes(needle) && !asciiLower(JSON.stringify(entry.context)).includes(needle))
      return false;
  }
  return true;
}
