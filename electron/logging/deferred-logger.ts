import type { LogCategory, LogLevel } from '../../shared/domain/logs.js';
import type { LogFields, Logger } from './types.js';

type Held = { level: LogLevel; category: LogCategory; message: string; fields: LogFields | undefined };

/** Entries kept for the real logger before it exists; more than this are counted, not kept. */
const MAX_HELD = 500;

/**
 * A logger for what runs before the engine's logger is open (the desktop window is created while
 * the core is still being built): every entry goes to `write` at once (stderr) and is kept; attach()
 * hands the kept entries to the real logger, in order, and forwards everything after that. Nothing
 * logged before the core exists is lost from the engine's log (up to MAX_HELD entries; the number
 * dropped beyond that is logged).
 */
export function createDeferredLogger(write: (line: string) => void): { logger: Logger; attach(real: Logger): void } {
  let real: Logger | null = null;
  const held: Held[] = [];
  const secrets: string[] = [];
  let dropped = 0;
  const log = (level: LogLevel, category: LogCategory, message: string, fields?: LogFields) => {
    if (real) {
      real.log(level, category, message, fields);
      return;
    }
    write(`${level}: [${category}] ${message}\n`);
    if (held.length < MAX_HELD) held.push({ level, category, message, fields });
    else dropped++;
  };
  const logger: Logger = {
    error: (category, message, fields) => log('error', category, message, fields),
    warn: (category, message, fields) => log('warn', category, message, fields),
    info: (category, message, fields) => log('info', category, message, fields),
    debug: (category, message, fields) => log('debug', category, message, fields),
    log,
    addSecret(value) {
      if (real) real.addSecret(value);
      else secrets.push(value);
    },
    close: () => (real ? real.close() : Promise.resolve()),
  };
  return {
    logger,
    attach(logger) {
      if (real) return;
      for (const secret of secrets.splice(0)) logger.addSecret(secret);
      for (const entry of held.splice(0)) logger.log(entry.level, entry.category, entry.message, entry.fields);
      if (dropped > 0) logger.warn('system', `${dropped} log entries from before the engine started were dropped`);
      real = logger;
    },
  };
}
