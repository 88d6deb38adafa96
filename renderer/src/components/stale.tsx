import { useEffect, useState, useSyncExternalStore } from 'react';
import { useApi } from '../client/context';
import type { Transport } from '../client/transport';

/**
 * When the link to the engine is down, every live figure is frozen at its last update: these
 * helpers say so. useLinkDownSince answers the time the link dropped (null while it is up, and
 * always null in the desktop app, whose engine is in the app); useLastUpdate remembers when a value
 * last changed; StaleMark shows "stale: last update HH:MM:SS" on a figure while the link is down.
 */
type LinkTracker = { since: number | null; subscribe(notify: () => void): () => void };
const trackers = new WeakMap<Transport, LinkTracker>();

/** Follows one transport from the first use on: `since` is set when an established link drops. */
function trackerOf(transport: Transport): LinkTracker {
  const known = trackers.get(transport);
  if (known) return known;
  const listeners = new Set<() => void>();
  let connected = transport.state() === 'connected';
  const t: LinkTracker = {
    since: null,
    subscribe(notify) {
      listeners.add(notify);
      return () => listeners.delete(notify);
    },
  };
  transport.onState((state) => {
    if (state === 'connected') {
      connected = true;
      t.since = null;
    } else if (connected && t.since === null) t.since = Date.now();
    for (const l of listeners) l();
  });
  trackers.set(transport, t);
  return t;
}

export function useLinkDownSince(): number | null {
  const { transport } = useApi();
  const tracker = trackerOf(transport);
  const since = useSyncExternalStore(tracker.subscribe, () => tracker.since);
  return transport.kind === 'desktop' ? null : since;
}

/** When `value` last changed (wall clock, ms), or null before it has a value. */
export function useLastUpdate(value: unknown): number | null {
  const [at, setAt] = useState<number | null>(null);
  useEffect(() => {
    if (value === undefined || value === null) return;
    // Noted from a callback (not during render): the time this value arrived.
    const timer = setTimeout(() => setAt(Date.now()), 0);
    return () => clearTimeout(timer);
  }, [value]);
  return at;
}

export const clockTime = (ms: number | null): string =>
  ms === null ? 'never' : new Date(ms).toLocaleTimeString(undefined, { hour12: false });

/** "stale: last update 12:03:04" while the link to the engine is down; nothing otherwise. */
export function StaleMark({ lastUpdate, what }: { lastUpdate: number | null; what: string }) {
  const down = useLinkDownSince();
  if (down === null) return null;
  return (
    <span
      className="stale-mark"
      role="status"
      data-testid="stale-mark"
      title={`the engine cannot be reached since ${clockTime(down)}: the ${what} is not updated`}
    >
      stale: last update {clockTime(lastUpdate)}
    </span>
  );
}
