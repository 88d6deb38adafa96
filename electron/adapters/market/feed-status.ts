import type { FeedStatus } from '../../../shared/domain/market.js';
import type { Clock } from '../../engine/clock.js';
import type { Logger } from '../../logging/types.js';

type State = FeedStatus['state'];

/**
 * The status of one market-data source: connecting until the first answer, live while data
 * arrives, stale when nothing has arrived for `staleAfterMs`, reconnecting / maintenance / down
 * after failures. Every change is logged and passed to the listeners.
 */
export type FeedStatusTracker = {
  get(): FeedStatus;
  /** Data arrived: live. */
  received(): void;
  set(state: State, message: string | null): void;
  /** Called periodically: live -> stale when no data came for too long. */
  checkStale(): void;
  onChange(listener: (status: FeedStatus) => void): () => void;
};

export function createFeedStatus(options: {
  source: string;
  clock: Clock;
  staleAfterMs: number;
  logger?: Logger | undefined;
}): FeedStatusTracker {
  const { source, clock, logger } = options;
  let status: FeedStatus = { source, state: 'connecting', message: null, lastUpdate: null };
  const listeners = new Set<(status: FeedStatus) => void>();

  const change = (next: FeedStatus) => {
    const moved = next.state !== status.state || next.message !== status.message;
    status = next;
    if (!moved) return;
    const fields = { source, state: next.state };
    if (next.state === 'live') logger?.info('exchange', `${source} market data is live`, fields);
    else if (next.state === 'down') logger?.error('exchange', next.message ?? `${source} market data is down`, fields);
    else logger?.warn('exchange', next.message ?? `${source} market data is ${next.state}`, fields);
    for (const l of listeners) l(status);
  };

  return {
    get: () => status,
    received() {
      change({ source, state: 'live', message: null, lastUpdate: clock.now() });
    },
    set(state, message) {
      change({ ...status, state, message });
    },
    checkStale() {
      if (status.state !== 'live' || status.lastUpdate === null) return;
      const quiet = clock.now() - status.lastUpdate;
      if (quiet < options.staleAfterMs) return;
      const at = new Date(status.lastUpdate).toISOString().slice(11, 19);
      change({
        ...status,
        state: 'stale',
        message: `No data from ${source} for ${Math.round(quiet / 1000)} s (last update ${at} UTC): prices may be out of date.`,
      });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
