import fs from 'node:fs';
import path from 'node:path';
import { LOG_FILE_NAME } from './logger.js';

const ROTATED = new RegExp(`^${LOG_FILE_NAME.replace('.log', '')}(\\d+)\\.log$`);

/**
 * Removes rotated JSON-lines files (workstation1.log, workstation2.log, ...) last written before
 * `before` (UTC ms). The current file is never removed. Returns the names removed.
 */
export function pruneRotatedLogFiles(logDir: string, before: number): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(logDir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!ROTATED.test(name)) continue;
    const file = path.join(logDir, name);
    try {
      if (fs.statSync(file).mtimeMs < before) {
        fs.rmSync(file, { force: true });
        removed.push(name);
      }
    } catch {
      // Removed meanwhile by rotation: nothing to do.
    }
  }
  return removed.sort();
}

/** Total size of the current and rotated log files, bytes. */
export function logFilesSize(logDir: string): number {
  let total = 0;
  try {
    for (const name of fs.readdirSync(logDir)) {
      if (name !== LOG_FILE_NAME && !ROTATED.test(name)) continue;
      try {
        total += fs.statSync(path.join(logDir, name)).size;
      } catch {
        // rotated away between readdir and stat
      }
    }
  } catch {
    return 0;
  }
  return total;
}
