import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { Api } from './api';
import type { ConnectionState } from './transport';

const ApiContext = createContext<Api | null>(null);

export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}

export function useConnectionState(): ConnectionState {
  const { transport } = useApi();
  return useSyncExternalStore(
    (notify) => transport.onState(notify),
    () => transport.state(),
  );
}
