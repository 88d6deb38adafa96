import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createApi } from './client/api';
import { createBootProbe } from './client/boot';
import { ApiProvider } from './client/context';
import { bridgeEventsToCache } from './client/event-bridge';
import { createTransport } from './client/transport';
import { BootGate } from './components/BootGate';
import { rememberedTheme } from './theme';
import './styles.css';

let app: ReactNode | null = null;

/** Connects to the engine and builds the app, once: only after the engine says it is ready. */
function startApp(): ReactNode {
  if (app !== null) return app;
  const transport = createTransport();
  const api = createApi(transport);
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 5_000 } },
  });
  bridgeEventsToCache(transport, queryClient);
  app = (
    <ApiProvider api={api}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </ApiProvider>
  );
  return app;
}

document.documentElement.dataset.theme = rememberedTheme();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <BootGate probe={createBootProbe()} start={startApp} />
  </StrictMode>,
);
