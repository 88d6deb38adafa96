import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, openPrivateForAppend } from '../persistence/private-files.js';

/**
 * An append-only log file with size-based, tailable rotation: the newest lines are always in
 * `<name>.log`; when it would grow past maxBytes it becomes `<name>1.log`, `<name>1.log` becomes
 * `<name>2.log`, and so on, keeping at most maxFiles files (the same names winston's tailable
 * File transport uses).
 *
 * Why not winston.transports.File: with maxsize set it drops lines when many are logged while it
 * rotates (winstonjs/winston#1655; measured here: 539 of 2,000 lines kept), and ending it during a
 * rotation throws an unhandled 'write after end'. Lines here are written synchronously, so a line
 * is in the operating system's hands when write() returns and nothing is lost on rotation or close.
 */
export type RotatingFile = {
  readonly file: string;
  /** Appends text (one or more complete lines). Throws only if the disk refuses the write. */
  write(text: string): void;
  /**
   * Changes the limits (the retention settings); takes effect at the next write. Files beyond a
   * lower maxFiles are removed at once.
   */
  setLimits(limits: { maxBytes: number; maxFiles: number }): void;
  /** Flushes to the disk and closes; safe to call more than once. */
  close(): void;
};

export type RotatingFileOptions = {
  file: string;
  maxBytes: number;
  /** Total number of files kept, the current one included (at least 1). */
  maxFiles: number;
};

export function openRotatingFile(options: RotatingFileOptions): RotatingFile {
  const { file } = options;
  let maxBytes = Math.max(1, options.maxBytes);
  let maxFiles = Math.max(1, Math.floor(options.maxFiles));
  const ext = path.extname(file);
  const stem = file.slice(0, file.length - ext.length);
  const nameOf = (n: number): string => (n === 0 ? file : `${stem}${n}${ext}`);

  ensurePrivateDir(path.dirname(file));
  let closed = false;
  let fd: number | null = null;
  let size = 0;

  function open(): number {
    // 0600 whatever the umask (also a file left world-readable by an earlier version).
    const opened = openPrivateForAppend(file);
    size = fs.fstatSync(opened).size;
    return opened;
  }

  function shiftFiles(): void {
    fs.rmSync(nameOf(maxFiles - 1), { force: true });
    for (let n = maxFiles - 2; n >= 0; n -= 1) {
      if (fs.existsSync(nameOf(n))) fs.renameSync(nameOf(n), nameOf(n + 1));
    }
  }

  function rotate(current: number): number {
    fs.closeSync(current);
    try {
      shiftFiles();
    } catch {
      // A file that cannot be moved (locked by a viewer on Windows): keep appending to the current one.
    }
    return open();
  }

  fd = open();

  return {
    file,
    write(text) {
      if (closed) throw new Error(`${file} is closed`);
      const bytes = Buffer.from(text, 'utf8');
      // After a failed rotation (fd null) the next write tries to open the file again.
      if (fd === null) fd = open();
      if (size > 0 && size + bytes.length > maxBytes) {
        const current = fd;
        fd = null;
        fd = rotate(current);
      }
      let offset = 0;
      while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
      size += bytes.length;
    },
    setLimits(limits) {
      const previousMaxFiles = maxFiles;
      maxBytes = Math.max(1, limits.maxBytes);
      maxFiles = Math.max(1, Math.floor(limits.maxFiles));
      for (let n = maxFiles; n < previousMaxFiles; n += 1) fs.rmSync(nameOf(n), { force: true });
    },
    close() {
      if (closed) return;
      closed = true;
      if (fd === null) return;
      const current = fd;
      fd = null;
      try {
        fs.fsyncSync(current);
      } finally {
        fs.closeSync(current);
      }
    },
  };
}
