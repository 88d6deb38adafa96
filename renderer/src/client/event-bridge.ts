import type { QueryClient } from '@tanstack/react-query';
import type { EventName } from '../../../shared/ipc/contract';
import type { Transport } from './transport';

let logsRefetch: ReturnType<typeof setTimeout> | undefined;

/** How each engine event updates the query cache. One place, so screens only read queries. */
const EVENT_EFFECTS: Record<EventName, (client: QueryClient, payload: unknown) => void> = {
  'settings.changed': (client, payload) => {
    client.setQueryData(['settings.get', {}], payload);
  },
  'secrets.changed': (client) => {
    void client.invalidateQueries({ queryKey: ['secrets.overview'] });
  },
  'logs.appended': (client) => {
    // Log bursts are common: refetch the visible log queries at most twice a second.
    if (logsRefetch !== undefined) return;
    logsRefetch = setTimeout(() => {
      logsRefetch = undefined;
      void client.invalidateQueries({ queryKey: ['logs.query'] });
    }, 500);
  },
};

export function bridgeEventsToCache(transport: Transport, client: QueryClient): () => void {
  const offs = (Object.keys(EVENT_EFFECTS) as EventName[]).map((name) =>
    transport.on(name, (payload) => EVENT_EFFECTS[name](client, payload)),
  );
  const offState = transport.onState((state) => {
    // After a reconnect everything may have changed while we were away.
    if (state === 'connected') void client.invalidateQueries();
  });
  return () => {
    for (const off of offs) off();
    offState();
  };
}
