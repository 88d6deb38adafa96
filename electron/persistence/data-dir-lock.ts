import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * One engine per data directory. Two engines on one directory would each resume the same
 * strategy runs, the same recovery queue and, in LIVE, the same dead man's switch; so the engine
 * (headless or desktop) takes an exclusive lock file in the directory before it opens anything
 * else, and a second one is refused at once.
 *
 * The file holds who owns it (pid, start time, entry). It is created atomically (written to a
 * temporary file, then hard-linked to its name, which fails if the name exists). A lock whose
 * process is gone (a crash, a kill -9) is taken over, and the caller logs that it was.
 */
export const LOCK_FILE = 'workstation.lock';

export type LockEntry = 'headless' | 'desktop';
export type LockOwner = { pid: number; startedAt: number; entry: LockEntry };

export type DataDirLock = {
  readonly file: string;
  readonly owner: LockOwner;
  /** The dead process whose lock this one replaced, if any (log it). */
  readonly tookOverFrom: LockOwner | null;
  /** Removes the lock file if it is still ours; safe to call more than once. */
  release(): void;
};

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | null,
  ) {
    super(
      owner
        ? `another workstation (pid ${owner.pid}, started ${new Date(owner.startedAt).toISOString()}) is using ${dataDir}: stop it first, or start with another --data-dir (if pid ${owner.pid} is not a workstation, delete ${path.join(dataDir, LOCK_FILE)})`
        : `another workstation is starting on ${dataDir} (its lock file ${path.join(dataDir, LOCK_FILE)} is being written): wait a moment and try again`,
    );
    this.name = 'DataDirLockedError';
  }
}

/** True while a process with this pid exists (EPERM: it exists, owned by another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const v = JSON.parse(text) as Partial<LockOwner>;
    if (typeof v.pid !== 'number' || typeof v.startedAt !== 'number') return null;
    return { pid: v.pid, startedAt: v.startedAt, entry: v.entry === 'desktop' ? 'desktop' : 'headless' };
  } catch {
    return null;
  }
}

/** Who holds the lock of this directory, or null when nobody does (no file, or its process is gone). */
export function readDataDirLock(dataDir: string, alive: (pid: number) => boolean = processAlive): LockOwner | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8');
  } catch {
    return null;
  }
  const owner = parseOwner(text);
  return owner && alive(owner.pid) ? owner : null;
}

/** A file created in one step with its full content; false if the name is taken. */
function createExclusive(file: string, content: string): boolean {
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, content, { mode: 0o600 });
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

export function acquireDataDirLock(
  dataDir: string,
  entry: LockEntry,
  options: { pid?: number; now?: () => number; alive?: (pid: number) => boolean } = {},
): DataDirLock {
  const alive = options.alive ?? processAlive;
  const owner: LockOwner = { pid: options.pid ?? process.pid, startedAt: (options.now ?? Date.now)(), entry };
  const content = `${JSON.stringify(owner)}\n`;
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, LOCK_FILE);
  let tookOverFrom: LockOwner | null = null;
  for (let attempt = 0; ; attempt++) {
    if (createExclusive(file, content)) break;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue; // released between the two calls: try again
    }
    const current = parseOwner(text);
    if (current === null) {
      // Unreadable: another engine in the middle of writing cannot happen (the file appears
      // complete), so this is damage; a file older than a few seconds is taken over.
      const age = Date.now() - fs.statSync(file).mtimeMs;
      if (age < 5_000 || attempt > 2) throw new DataDirLockedError(dataDir, null);
    } else if (alive(current.pid) || attempt > 2) {
      throw new DataDirLockedError(dataDir, current);
    }
    // The owner is gone: move its file aside, and check it was the one judged stale (another
    // starter may have replaced it in between); then try again.
    const aside = `${file}.stale-${crypto.randomBytes(4).toString('hex')}`;
    try {
      fs.renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = fs.readFileSync(aside, 'utf8');
    if (moved !== text) {
      // Someone else's fresh lock: put it back (link fails if yet another one appeared).
      try {
        fs.linkSync(aside, file);
      } finally {
        fs.rmSync(aside, { force: true });
      }
      throw new DataDirLockedError(dataDir, parseOwner(moved));
    }
    fs.rmSync(aside, { force: true });
    tookOverFrom = current ?? { pid: 0, startedAt: 0, entry: 'headless' };
  }
  let released = false;
  return {
    file,
    owner,
    tookOverFrom,
    release() {
      if (released) return;
      released = true;
      try {
        if (fs.readFileSync(file, 'utf8') === content) fs.rmSync(file, { force: true });
      } catch {
        // already gone
      }
    },
  };
}
