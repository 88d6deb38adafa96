import { useEffect, useState, useSyncExternalStore } from 'react';
import type { LogFilter } from '../../../../shared/domain/log-filter';
import type { LogEntry } from '../../../../shared/domain/logs';
import { useApi } from '../../client/context';
import { createLogFeed, type LogFeed, type LogFeedSnapshot } from './log-feed';

/**
 * The log feed of one filter. The component using it is keyed by the filter, so a new filter
 * starts a new feed (first page, live tail) and the old one stops.
 */
export function useLogFeed(filter: LogFilter): { feed: LogFeed; snapshot: LogFeedSnapshot } {
  const api = useApi();
  const [feed] = useState(() =>
    createLogFeed({
      filter,
      query: (q) => api.invoke('logs.query', q),
      subscribe: (listener) => api.transport.on('logs.appended', (payload) => listener(payload as LogEntry)),
    }),
  );
  useEffect(() => feed.start(), [feed]);
  const snapshot = useSyncExternalStore(feed.subscribe, feed.getSnapshot);
  return { feed, snapshot };
}
