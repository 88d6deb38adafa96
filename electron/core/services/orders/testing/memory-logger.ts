/** A Logger that keeps entries in memory: for tests, the crash child and benchmarks (no files, no winston). */
import type { LogCategory, LogLevel } from '../../../../../shared/domain/logs.js';
import type { LogFields, Logger } from '../../../../logging/types.js';

export type MemoryEntry = { level: LogLevel; category: LogCategory; message: string; fields?: LogFields };

export type MemoryLogger = Logger & { entries: MemoryEntry[] };

export function createMemoryLogger(options: { keep?: boolean } = {}): MemoryLogger {
  const entries: MemoryEntry[] = [];
  const log = (level: LogLevel, category: LogCategory, message: string, fields?: LogFields) => {
    if (options.keep === false) return;
    entries.push({ level, category, message, ...(fields ? { fields } : {}) });
    if (entries.length > 10_000) entries.splice(0, 5_000);
  };
  return {
    entries,
    log,
    error: (c, m, f) => log('error', c, m, f),
    warn: (c, m, f) => log('warn', c, m, f),
    info: (c, m, f) => log('info', c, m, f),
    debug: (c, m, f) => log('debug', c, m, f),
    addSecret: () => undefined,
    close: async () => undefined,
  };
}
