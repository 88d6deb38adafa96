import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Settings } from '../../../shared/domain/settings.js';
import type { Clock } from '../../engine/clock.js';
import type { LogStore } from '../../logging/log-store.js';
import type { AppLogger } from '../../logging/logger.js';
import { pruneRotatedLogFiles } from '../../logging/retention.js';

export const DAY_MS = 86_400_000;
const PRUNE_BATCH = 5_000;

export type PruneOutcome = { entries: number; files: string[]; before: number };

export type RetentionService = {
  /** Prunes now, then once a day until stop(). */
  start(): void;
  /** Applies changed retention settings (file rotation now; a shorter age prunes at once). */
  apply(settings: Settings): void;
  /** Removes log entries and rotated log files older than the retention age. Never the audit trail. */
  pruneNow(): Promise<PruneOutcome>;
  lastPrune(): { at: number | null; entries: number };
  stop(): void;
};

/**
 * Log retention by size (the JSON-lines files rotate at logMaxFileMb, keeping logMaxFiles) and by
 * age (logs.db entries and rotated files older than logRetentionDays are removed on start and
 * daily, and the removal is itself logged). The audit trail is never pruned: it lives in
 * workstation.db, whose triggers refuse deletes.
 */
export function createRetentionService(deps: {
  logStore: LogStore;
  logger: AppLogger;
  logDir: string;
  clock: Clock;
  settings: () => Settings;
}): RetentionService {
  const { logStore, logger, clock } = deps;
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<PruneOutcome> | undefined;
  let stopped = false;
  let last = { at: null as number | null, entries: 0 };
  let appliedDays = deps.settings().logRetentionDays;

  const rotation = (s: Settings) => ({ maxFileBytes: s.logMaxFileMb * 1024 * 1024, maxFiles: s.logMaxFiles });

  async function prune(): Promise<PruneOutcome> {
    const days = deps.settings().logRetentionDays;
    const before = clock.now() - days * DAY_MS;
    let entries = 0;
    for (;;) {
      if (stopped) break;
      const removed = logStore.pruneOlderThan(before, PRUNE_BATCH);
      entries += removed;
      if (removed < PRUNE_BATCH) break;
      await yieldToEventLoop();
    }
    const files = stopped ? [] : pruneRotatedLogFiles(deps.logDir, before);
    last = { at: clock.now(), entries };
    const message = `log retention: removed ${entries} log entries and ${files.length} rotated log files older than ${days} days (before ${new Date(before).toISOString()})`;
    logger.log(entries > 0 || files.length > 0 ? 'info' : 'debug', 'system', message, {
      retentionDays: days,
      before,
      entries,
      files,
    });
    return { entries, files, before };
  }

  const service: RetentionService = {
    start() {
      logger.setRotation(rotation(deps.settings()));
      service.pruneNow().catch(() => undefined);
      timer = setInterval(() => {
        service.pruneNow().catch(() => undefined);
      }, DAY_MS);
      timer.unref();
    },
    apply(settings) {
      logger.setRotation(rotation(settings));
      if (settings.logRetentionDays < appliedDays) service.pruneNow().catch(() => undefined);
      appliedDays = settings.logRetentionDays;
    },
    pruneNow() {
      running ??= prune()
        .catch((error: unknown) => {
          logger.error('system', 'log retention could not remove old entries', { error });
          throw error;
        })
        .finally(() => {
          running = undefined;
        });
      return running;
    },
    lastPrune: () => last,
    stop() {
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
    },
  };
  return service;
}
