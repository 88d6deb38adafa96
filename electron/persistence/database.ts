import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrate, type Migration } from './migration.js';
import { ensurePrivateFile, PRIVATE_DIR_MODE } from './private-files.js';

export type { Database } from 'better-sqlite3';

/** The database cannot be used as it is; nothing was written to it. */
export class DatabaseOpenError extends Error {
  readonly file: string;
  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
    this.file = file;
  }
}

export type OpenOptions = {
  file: string;
  migrations: readonly Migration[];
  /** FULL makes every commit survive power loss (the order journal); NORMAL survives a crash. */
  synchronous: 'FULL' | 'NORMAL';
};

const SQLITE_HEADER = 'SQLite format 3\u0000';

function checkHeader(file: string): void {
  if (!fs.existsSync(file)) return;
  const size = fs.statSync(file).size;
  if (size === 0) return;
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    fs.readSync(fd, buf, 0, 16, 0);
    if (buf.toString('latin1') !== SQLITE_HEADER) {
      throw new DatabaseOpenError(
        file,
        `${file} is not a SQLite database (corrupted or replaced). It was left untouched: move it aside or restore a backup, then start again.`,
      );
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Opens (creating if needed) a database file in WAL mode and brings its schema up to date.
 * A corrupted file, or one written by a newer version, is refused with an error naming it and is
 * never modified.
 */
export function openDatabase(options: OpenOptions): Database {
  const { file, migrations } = options;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  checkHeader(file);
  // 0600 before SQLite opens it: SQLite gives the -wal and -shm files the same permissions.
  ensurePrivateFile(file);
  let db: Database;
  try {
    db = new BetterSqlite3(file, { fileMustExist: false });
  } catch (cause) {
    throw new DatabaseOpenError(file, `${file} could not be opened: ${(cause as Error).message}`, { cause });
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > migrations.length) {
      throw new DatabaseOpenError(
        file,
        `${file} was written by a newer version of the workstation (schema ${version}; this version knows up to ${migrations.length}). It was left untouched: update the app, or start with another --data-dir.`,
      );
    }
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') {
      throw new DatabaseOpenError(
        file,
        `${file} is damaged (integrity check: ${check}). It was left untouched: restore a backup or move it aside.`,
      );
    }
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (cause) {
    db.close();
    if (cause instanceof DatabaseOpenError) throw cause;
    throw new DatabaseOpenError(
      file,
      `${file} could not be read as a workstation database (${(cause as Error).message}). It was left untouched: restore a backup or move it aside.`,
      { cause },
    );
  }
}
