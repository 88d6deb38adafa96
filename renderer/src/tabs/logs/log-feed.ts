import { matchesLogFilter, type LogFilter } from '../../../../shared/domain/log-filter';
import type { LogEntry, LogQuery } from '../../../../shared/domain/logs';

export type LogFeedSnapshot = {
  /** Newest first. */
  entries: readonly LogEntry[];
  state: 'loading' | 'ready' | 'error';
  error: string | null;
  /** Older entries exist in the store beyond the last one loaded. */
  hasMore: boolean;
  loadingOlder: boolean;
  /** New entries are prepended as they arrive (else they are counted and held back). */
  live: boolean;
  /** Entries that arrived while paused. */
  pending: number;
};

export type LogFeedDeps = {
  filter: LogFilter;
  query: (q: LogQuery) => Promise<LogEntry[]>;
  /** Every entry the engine logs (the 'logs.appended' event); returns the unsubscribe function. */
  subscribe: (listener: (entry: LogEntry) => void) => () => void;
  pageSize?: number;
  olderPageSize?: number;
  /** The most entries kept in memory; older ones are dropped and can be paged in again. */
  maxEntries?: number;
  /** How often arrivals are applied (one render per burst). */
  flushMs?: number;
};

export type LogFeed = {
  getSnapshot(): LogFeedSnapshot;
  subscribe(listener: () => void): () => void;
  /** Loads the first page and follows new entries; returns the function that stops it. */
  start(): () => void;
  loadOlder(): void;
  pause(): void;
  resume(): void;
  /** Applies arrivals now (the interval does it otherwise). */
  flush(): void;
};

/** Entries held while paused before the feed gives up holding and reloads on resume. */
const MAX_HELD = 20_000;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The Logs tab's data: the newest page for the filter, older pages on demand (keyset, beforeId),
 * and a live tail from the log events, filtered with the store's own meaning. Kept outside React
 * (a small external store) so that a burst of thousands of entries costs one render per flush.
 */
export function createLogFeed(deps: LogFeedDeps): LogFeed {
  const pageSize = deps.pageSize ?? 500;
  const olderPageSize = deps.olderPageSize ?? 1000;
  const maxEntries = deps.maxEntries ?? 200_000;
  const listeners = new Set<() => void>();
  let snapshot: LogFeedSnapshot = {
    entries: [],
    state: 'loading',
    error: null,
    hasMore: false,
    loadingOlder: false,
    live: true,
    pending: 0,
  };
  /** Arrivals not yet applied, oldest first. */
  let arrived: LogEntry[] = [];
  let overflowed = false;
  let generation = 0;
  let loaded = false;

  function set(patch: Partial<LogFeedSnapshot>): void {
    snapshot = { ...snapshot, ...patch };
    for (const l of listeners) l();
  }

  function cap(entries: LogEntry[]): { entries: LogEntry[]; dropped: boolean } {
    return entries.length > maxEntries
      ? { entries: entries.slice(0, maxEntries), dropped: true }
      : { entries, dropped: false };
  }

  function loadHead(): void {
    const gen = ++generation;
    arrived = [];
    overflowed = false;
    set({ state: 'loading', error: null });
    deps.query({ ...deps.filter, limit: pageSize }).then(
      (page) => {
        if (gen !== generation) return;
        loaded = true;
        set({ entries: page, state: 'ready', hasMore: page.length === pageSize, pending: 0 });
        feed.flush();
      },
      (error: unknown) => {
        if (gen === generation) set({ state: 'error', error: message(error) });
      },
    );
  }

  const feed: LogFeed = {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      const off = deps.subscribe((entry) => {
        if (!matchesLogFilter(entry, deps.filter)) return;
        if (arrived.length >= MAX_HELD) {
          overflowed = true;
          arrived.shift();
        }
        arrived.push(entry);
      });
      const timer = setInterval(() => feed.flush(), deps.flushMs ?? 250);
      if (!loaded) loadHead();
      return () => {
        off();
        clearInterval(timer);
      };
    },
    flush() {
      if (!loaded || arrived.length === 0) return;
      if (!snapshot.live) {
        set({ pending: arrived.length });
        return;
      }
      if (overflowed) {
        loadHead();
        return;
      }
      const top = snapshot.entries[0]?.id ?? 0;
      const fresh = arrived.filter((e) => e.id > top).reverse();
      arrived = [];
      if (fresh.length === 0) return;
      const { entries, dropped } = cap([...fresh, ...snapshot.entries]);
      set({ entries, hasMore: snapshot.hasMore || dropped });
    },
    loadOlder() {
      // At the cap, the list stops growing backwards: narrow the filter or export for the rest.
      if (!loaded || !snapshot.hasMore || snapshot.loadingOlder || snapshot.entries.length >= maxEntries) return;
      const last = snapshot.entries.at(-1);
      if (last === undefined) return;
      const gen = generation;
      set({ loadingOlder: true });
      deps.query({ ...deps.filter, beforeId: last.id, limit: olderPageSize }).then(
        (page) => {
          if (gen !== generation) return;
          const { entries } = cap([...snapshot.entries, ...page]);
          set({
            entries,
            loadingOlder: false,
            hasMore: page.length === olderPageSize || entries.length === maxEntries,
          });
        },
        (error: unknown) => {
          if (gen === generation) set({ loadingOlder: false, error: message(error) });
        },
      );
    },
    pause() {
      if (snapshot.live) set({ live: false, pending: arrived.length });
    },
    resume() {
      if (snapshot.live) return;
      set({ live: true, pending: 0 });
      feed.flush();
    },
  };
  return feed;
}
