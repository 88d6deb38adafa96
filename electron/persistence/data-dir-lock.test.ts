import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE, readDataDirLock } from './data-dir-lock.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-lock-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has already ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('the data directory lock', () => {
  it('is exclusive: a second engine is refused naming the first', () => {
    const first = acquireDataDirLock(dir, 'headless', { now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toEqual({
      pid: process.pid,
      startedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
      entry: 'headless',
    });
    expect(() => acquireDataDirLock(dir, 'desktop')).toThrow(
      `another workstation (pid ${process.pid}, started 2026-01-02T03:04:05.000Z) is using ${dir}`,
    );
    expect(readDataDirLock(dir)).toMatchObject({ pid: process.pid, entry: 'headless' });
    first.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    expect(readDataDirLock(dir)).toBeNull();
    const second = acquireDataDirLock(dir, 'desktop');
    expect(second.tookOverFrom).toBeNull();
    second.release();
  });

  it('takes over the lock of a process that is gone, and says whose', () => {
    const pid = deadPid();
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid, startedAt: 1, entry: 'desktop' }));
    expect(readDataDirLock(dir)).toBeNull();
    const lock = acquireDataDirLock(dir, 'headless');
    expect(lock.tookOverFrom).toEqual({ pid, startedAt: 1, entry: 'desktop' });
    expect(readDataDirLock(dir)).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('release() leaves a lock that is not its own', () => {
    const lock = acquireDataDirLock(dir, 'headless');
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 1, startedAt: 2, entry: 'desktop' }));
    lock.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(true);
  });

  it('refuses while a fresh lock file cannot be read, and names the error type', () => {
    fs.writeFileSync(path.join(dir, LOCK_FILE), '');
    const error = (() => {
      try {
        acquireDataDirLock(dir, 'headless');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect(String(error)).toMatch(/another workstation is starting on/);
  });
});
