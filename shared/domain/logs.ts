import { z } from 'zod';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export const LogLevel = z.enum(LOG_LEVELS);
export type LogLevel = z.infer<typeof LogLevel>;

export const LOG_CATEGORIES = ['engine', 'orders', 'risk', 'strategy', 'exchange', 'ai', 'system'] as const;
export const LogCategory = z.enum(LOG_CATEGORIES);
export type LogCategory = z.infer<typeof LogCategory>;

export const LogEntry = z.object({
  id: z.number().int(),
  time: z.number().int(),
  level: LogLevel,
  category: LogCategory,
  message: z.string(),
  symbol: z.string().nullable(),
  context: z.record(z.string(), z.unknown()),
});
export type LogEntry = z.infer<typeof LogEntry>;

export const LogQuery = z
  .object({
    levels: z.array(LogLevel).max(LOG_LEVELS.length).optional(),
    categories: z.array(LogCategory).max(LOG_CATEGORIES.length).optional(),
    symbol: z.string().max(32).optional(),
    text: z.string().max(200).optional(),
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
    /** Only entries with an id below this one (paging backwards, newest first). */
    beforeId: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type LogQuery = z.input<typeof LogQuery>;
