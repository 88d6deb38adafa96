import type { LogCategory, LogLevel } from '../../shared/domain/logs.js';

/** Extra structured fields of a log entry. `symbol` is indexed for the Logs tab filter. */
export type LogFields = { symbol?: string } & Record<string, unknown>;

export type LogFn = (category: LogCategory, message: string, fields?: LogFields) => void;

/** The logging port every service uses; winston is behind it. */
export type Logger = {
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
  log(level: LogLevel, category: LogCategory, message: string, fields?: LogFields): void;
  /** Teaches the redactor an exact secret value so it is never written anywhere. */
  addSecret(value: string): void;
  /** Waits until everything logged so far is on disk, then closes files. */
  close(): Promise<void>;
};
