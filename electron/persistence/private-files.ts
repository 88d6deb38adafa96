import fs from 'node:fs';
import path from 'node:path';

/**
 * The data directory holds the order journal, the logs and (headless) the secrets file: nobody
 * but the user running the app may read it. The directory and its folders are 0700 and every
 * file is 0600, set explicitly rather than left to the umask (a umask of 022 makes new files
 * world-readable). Windows has no such modes: there the folder's ACL (the user's profile) applies.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const applies = process.platform !== 'win32';
/** At most this many entries are checked at start (a data directory holds a few dozen). */
const MAX_ENTRIES = 10_000;

/** Creates the folder (and missing parents) 0700; an existing folder is made 0700. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (applies) tighten(dir, PRIVATE_DIR_MODE);
}

/** Creates the file empty and 0600 if it is missing; an existing file is made 0600. Contents are never touched. */
export function ensurePrivateFile(file: string): void {
  const fd = fs.openSync(file, 'a', PRIVATE_FILE_MODE);
  try {
    if (applies) fs.fchmodSync(fd, PRIVATE_FILE_MODE);
  } finally {
    fs.closeSync(fd);
  }
}

/** Opens a file for appending, created 0600 and made 0600 if it already existed. */
export function openPrivateForAppend(file: string): number {
  const fd = fs.openSync(file, 'a', PRIVATE_FILE_MODE);
  if (applies) fs.fchmodSync(fd, PRIVATE_FILE_MODE);
  return fd;
}

function tighten(target: string, mode: number): boolean {
  const current = fs.lstatSync(target).mode & 0o777;
  if (current === mode) return false;
  fs.chmodSync(target, mode);
  return true;
}

/**
 * Makes every folder under `dir` 0700 and every file 0600 (symbolic links are neither followed
 * nor changed). Returns the paths (relative to dir) whose permissions were changed, for the log.
 */
export function tightenTree(dir: string): string[] {
  if (!applies) return [];
  const changed: string[] = [];
  let seen = 0;
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (++seen > MAX_ENTRIES) return;
      const full = path.join(folder, entry.name);
      try {
        if (entry.isDirectory()) {
          if (tighten(full, PRIVATE_DIR_MODE)) changed.push(path.relative(dir, full));
          walk(full);
        } else if (entry.isFile() && tighten(full, PRIVATE_FILE_MODE)) {
          changed.push(path.relative(dir, full));
        }
      } catch {
        // A file that vanished or belongs to someone else: left as it is.
      }
    }
  };
  if (tighten(dir, PRIVATE_DIR_MODE)) changed.push('.');
  walk(dir);
  return changed;
}
