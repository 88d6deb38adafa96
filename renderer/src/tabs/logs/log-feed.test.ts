import { describe, expect, it } from 'vitest';
import type { LogEntry, LogQuery } from '../../../../shared/domain/logs';
import { createLogFeed } from './log-feed';

function entry(id: number, patch: Partial<LogEntry> = {}): LogEntry {
  return {
    id,
    time: id * 1000,
    level: 'info',
    category: 'engine',
    message: `entry ${id}`,
    symbol: null,
    context: {},
    ...patch,
  };
}

/** A fake store of entries 1..n answering logs.query like the real one (newest first, beforeId). */
function fakeStore(n: number) {
  const all = Array.from({ length: n }, (_, i) => entry(i + 1, { level: (i + 1) % 2 === 0 ? 'error' : 'info' }));
  const queries: LogQuery[] = [];
  let push: ((e: LogEntry) => void) | undefined;
  return {
    all,
    queries,
    query: (q: LogQuery) => {
      queries.push(q);
      const rows = all
        .filter(
          (e) => (q.levels ? q.levels.includes(e.level) : true) && (q.beforeId === undefined || e.id < q.beforeId),
        )
        .reverse()
        .slice(0, q.limit ?? 200);
      return Promise.resolve(rows);
    },
    subscribe: (l: (e: LogEntry) => void) => {
      push = l;
      return () => (push = undefined);
    },
    append(e: LogEntry) {
      all.push(e);
      push?.(e);
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('log feed', () => {
  it('loads the newest page, then older pages by beforeId until the start', async () => {
    const store = fakeStore(2_500);
    const feed = createLogFeed({ ...store, filter: {}, pageSize: 500, olderPageSize: 1000, flushMs: 60_000 });
    const stop = feed.start();
    await settle();
    expect(feed.getSnapshot()).toMatchObject({ state: 'ready', hasMore: true });
    expect(
      feed
        .getSnapshot()
        .entries.map((e) => e.id)
        .slice(0, 2),
    ).toEqual([2_500, 2_499]);
    feed.loadOlder();
    feed.loadOlder(); // ignored while one is loading
    await settle();
    expect(store.queries.map((q) => q.beforeId)).toEqual([undefined, 2_001]);
    feed.loadOlder();
    await settle();
    expect(feed.getSnapshot().entries).toHaveLength(2_500);
    expect(feed.getSnapshot().entries.at(-1)?.id).toBe(1);
    // A full page may have been the last one: one more (empty) page says so.
    feed.loadOlder();
    await settle();
    expect(feed.getSnapshot()).toMatchObject({ hasMore: false, loadingOlder: false });
    expect(feed.getSnapshot().entries).toHaveLength(2_500);
    stop();
  });

  it('prepends matching live entries, once each, and holds them back while paused', async () => {
    const store = fakeStore(10);
    const feed = createLogFeed({ ...store, filter: { levels: ['error'] }, flushMs: 60_000 });
    const stop = feed.start();
    store.append(entry(11, { level: 'error' })); // arrives while the first page loads
    await settle();
    feed.flush();
    expect(feed.getSnapshot().entries.map((e) => e.id)).toEqual([11, 10, 8, 6, 4, 2]);
    store.append(entry(12, { level: 'info' })); // does not match the filter
    store.append(entry(13, { level: 'error' }));
    feed.flush();
    expect(
      feed
        .getSnapshot()
        .entries.map((e) => e.id)
        .slice(0, 2),
    ).toEqual([13, 11]);

    feed.pause();
    store.append(entry(14, { level: 'error' }));
    store.append(entry(15, { level: 'error' }));
    store.append(entry(16, { level: 'info' }));
    feed.flush();
    expect(feed.getSnapshot()).toMatchObject({ live: false, pending: 2 });
    expect(feed.getSnapshot().entries[0]?.id).toBe(13);
    feed.resume();
    expect(feed.getSnapshot()).toMatchObject({ live: true, pending: 0 });
    expect(
      feed
        .getSnapshot()
        .entries.map((e) => e.id)
        .slice(0, 3),
    ).toEqual([15, 14, 13]);
    stop();
  });

  it('keeps at most maxEntries, dropping the oldest, and reports a failed load', async () => {
    const store = fakeStore(5);
    const feed = createLogFeed({ ...store, filter: {}, maxEntries: 6, flushMs: 60_000 });
    const stop = feed.start();
    await settle();
    for (let id = 6; id <= 9; id += 1) store.append(entry(id));
    feed.flush();
    expect(feed.getSnapshot().entries.map((e) => e.id)).toEqual([9, 8, 7, 6, 5, 4]);
    expect(feed.getSnapshot().hasMore).toBe(true);
    stop();

    const failing = createLogFeed({
      filter: {},
      query: () => Promise.reject(new Error('lost the connection to the engine')),
      subscribe: () => () => undefined,
    });
    const stop2 = failing.start();
    await settle();
    expect(failing.getSnapshot()).toMatchObject({ state: 'error', error: 'lost the connection to the engine' });
    stop2();
  });
});
