import path from 'node:path';
import winston from 'winston';
import type TransportStream from 'winston-transport';
import {
  LOG_CATEGORIES,
  LOG_LEVELS,
  type LogCategory,
  type LogEntry,
  type LogLevel,
} from '../../shared/domain/logs.js';
import type { Clock } from '../engine/clock.js';
import type { LogStore } from './log-store.js';
import { createRedactor, type Redactor } from './redact.js';
import { openRotatingFile } from './rotating-file.js';
import type { LogFields, Logger } from './types.js';

export const LOG_FILE_NAME = 'workstation.log';
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_FILES = 10;
/** close() stops waiting after this long, so that shutdown never hangs. */
const CLOSE_TIMEOUT_MS = 10_000;
/** A broken log store is reported to the file at most this often. */
const STORE_ERROR_REPORT_INTERVAL_MS = 60_000;

export type LoggerOptions = {
  logDir: string;
  clock: Clock;
  /** Receives every entry for the Logs tab; the caller owns it (the logger never closes it). */
  store?: LogStore;
  /** The most detailed level written; default info. */
  level?: LogLevel;
  maxFileBytes?: number;
  maxFiles?: number;
  /** Called with each stored entry (live log events for the UI). */
  onEntry?: (entry: LogEntry) => void;
  /** The redactor to use (shared with exports, so they know the same secrets); a new one if absent. */
  redactor?: Redactor;
};

/** The logger as its owner (the core) sees it: the Logger port plus the rotation limits. */
export type AppLogger = Logger & {
  /** Applies the retention settings for the JSON-lines files (size per file, number of files). */
  setRotation(limits: { maxFileBytes: number; maxFiles: number }): void;
};

const LEVEL_RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };
const MESSAGE = Symbol.for('message');
/** Raw fields travel under a symbol: nothing unredacted is ever a serialisable property. */
const RAW_FIELDS = Symbol('raw-fields');
const FILE_ONLY = Symbol('file-only');
const NO_NOTIFY = Symbol('no-notify');

type Info = {
  time: number;
  level: LogLevel;
  category: LogCategory;
  message: string;
  symbol: string | null;
  context: Record<string, unknown>;
  [RAW_FIELDS]?: LogFields;
  [FILE_ONLY]?: boolean;
  [NO_NOTIFY]?: boolean;
  [MESSAGE]?: string;
};

// winston's type declarations name the base transport `transport`; at runtime it is `Transport`.
const Transport = (winston as unknown as { Transport: typeof TransportStream }).Transport;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The winston logger behind the Logger port: redacted JSON lines on disk plus the Logs tab store. */
export function createLogger(options: LoggerOptions): AppLogger {
  const { clock, store, onEntry } = options;
  const level = options.level ?? 'info';
  const redactor = options.redactor ?? createRedactor();
  let closed = false;
  let closing: Promise<void> | undefined;
  let notifying = false;
  let localId = 0;
  let lastStoreErrorReport: number | undefined;
  let suppressedStoreErrors = 0;

  const redactFormat = winston.format((raw) => {
    const info = raw as unknown as Info;
    const fields = info[RAW_FIELDS] ?? {};
    delete info[RAW_FIELDS];
    try {
      info.message = redactor.redactString(String(info.message));
      const { symbol, ...rest } = fields;
      const symbolIsText = typeof symbol === 'string';
      info.symbol = symbolIsText ? redactor.redactString(symbol) : null;
      const context = redactor.redactValue(symbolIsText || symbol === undefined ? rest : fields);
      info.context = isRecord(context) ? context : { value: context };
      info[MESSAGE] = JSON.stringify({
        time: info.time,
        level: info.level,
        category: info.category,
        message: info.message,
        symbol: info.symbol,
        context: info.context,
      });
    } catch {
      info.message = '[log entry could not be redacted and was dropped]';
      info.symbol = null;
      info.context = {};
      info[MESSAGE] = JSON.stringify({
        time: info.time,
        level: info.level,
        category: info.category,
        message: info.message,
      });
    }
    return raw;
  });

  const file = openRotatingFile({
    file: path.join(options.logDir, LOG_FILE_NAME),
    maxBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    maxFiles: options.maxFiles ?? DEFAULT_MAX_FILES,
  });
  const fileTransport = new Transport({
    log(raw: Info, next: () => void) {
      try {
        file.write(`${raw[MESSAGE] ?? ''}\n`);
      } catch {
        // The disk refused the line (full, removed); there is nowhere left to report it.
      } finally {
        next();
      }
    },
  });

  function reportStoreError(error: unknown, time: number): void {
    if (lastStoreErrorReport !== undefined && time - lastStoreErrorReport < STORE_ERROR_REPORT_INTERVAL_MS) {
      suppressedStoreErrors += 1;
      return;
    }
    const fields: LogFields = { error, suppressedSinceLastReport: suppressedStoreErrors };
    lastStoreErrorReport = time;
    suppressedStoreErrors = 0;
    write('error', 'system', 'the log store could not save entries; they are kept in the log file only', fields, {
      fileOnly: true,
    });
  }

  function notify(entry: LogEntry): void {
    if (onEntry === undefined) return;
    notifying = true;
    try {
      onEntry(entry);
    } catch {
      // A failing listener must not break logging.
    } finally {
      notifying = false;
    }
  }

  const storeTransport = new Transport({
    log(raw: Info, next: () => void) {
      try {
        if (raw[FILE_ONLY] === true) return;
        const entry = {
          time: raw.time,
          level: raw.level,
          category: raw.category,
          message: raw.message,
          symbol: raw.symbol,
          context: raw.context,
        };
        let stored: LogEntry;
        if (store === undefined) {
          localId += 1;
          stored = { id: localId, ...entry };
        } else {
          try {
            stored = store.append(entry);
          } catch (error) {
            reportStoreError(error, raw.time);
            return;
          }
        }
        if (raw[NO_NOTIFY] !== true) notify(stored);
      } finally {
        next();
      }
    },
  });

  const logger = winston.createLogger({
    levels: LEVEL_RANK,
    level,
    format: redactFormat(),
    transports: [fileTransport, storeTransport],
    exitOnError: false,
  });
  // Transport errors (disk full, file removed) must never crash the app through an unhandled 'error'.
  logger.on('error', () => undefined);

  function write(
    lvl: LogLevel,
    category: LogCategory,
    message: string,
    fields: LogFields | undefined,
    flags: { fileOnly?: boolean } = {},
  ): void {
    try {
      if (closed) return;
      const safeLevel: LogLevel = LOG_LEVELS.includes(lvl) ? lvl : 'info';
      if (LEVEL_RANK[safeLevel] > LEVEL_RANK[level]) return;
      const info: Info = {
        time: clock.now(),
        level: safeLevel,
        category: LOG_CATEGORIES.includes(category) ? category : 'system',
        message: typeof message === 'string' ? message : String(message),
        symbol: null,
        context: {},
        [RAW_FIELDS]: fields,
      };
      if (flags.fileOnly === true) info[FILE_ONLY] = true;
      // Entries logged by an onEntry listener do not notify again (no feedback loops).
      if (notifying) info[NO_NOTIFY] = true;
      logger.log(info as unknown as winston.LogEntry);
    } catch {
      // Logging never throws into the caller.
    }
  }

  return {
    error: (category, message, fields) => write('error', category, message, fields),
    warn: (category, message, fields) => write('warn', category, message, fields),
    info: (category, message, fields) => write('info', category, message, fields),
    debug: (category, message, fields) => write('debug', category, message, fields),
    log: (lvl, category, message, fields) => write(lvl, category, message, fields),
    addSecret(value) {
      redactor.addSecret(value);
    },
    setRotation(limits) {
      file.setLimits({ maxBytes: limits.maxFileBytes, maxFiles: limits.maxFiles });
    },
    close() {
      if (closing !== undefined) return closing;
      closed = true;
      closing = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
        timer.unref();
        const done = (): void => {
          clearTimeout(timer);
          resolve();
        };
        // The file transport finishes after it has written every line logged before close().
        fileTransport.once('finish', () => {
          try {
            file.close();
          } catch {
            // fsync failed; the lines were already handed to the operating system.
          }
          done();
        });
        logger.end();
      });
      return closing;
    },
  };
}
