import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import fs from 'node:fs';
import { DatabaseOpenError } from './database.js';

const SQLITE_HEADER = 'SQLite format 3\u0000';

/**
 * Opens an existing database for reading only (the CLI): nothing is created, migrated or
 * written, so it is safe while the app is running. `needsVersion` is the schema version the
 * caller needs at least; `knownVersions` the newest this build understands.
 */
export function openDatabaseReadOnly(file: string, needsVersion: number, knownVersions: number): Database {
  if (!fs.existsSync(file)) {
    throw new DatabaseOpenError(
      file,
      `${file} does not exist: check --data-dir (the app creates it on its first start)`,
    );
  }
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    fs.readSync(fd, buf, 0, 16, 0);
    if (buf.toString('latin1') !== SQLITE_HEADER) {
      throw new DatabaseOpenError(file, `${file} is not a SQLite database (corrupted or replaced)`);
    }
  } finally {
    fs.closeSync(fd);
  }
  let db: Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (cause) {
    throw new DatabaseOpenError(file, `${file} could not be opened: ${(cause as Error).message}`, { cause });
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > knownVersions) {
      throw new DatabaseOpenError(
        file,
        `${file} was written by a newer version of the workstation (schema ${version}; this version knows up to ${knownVersions}): update the app`,
      );
    }
    if (version < needsVersion) {
      throw new DatabaseOpenError(
        file,
        `${file} has schema ${version} but this command needs ${needsVersion}: start the app once to upgrade it`,
      );
    }
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
