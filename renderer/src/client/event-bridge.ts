import type { QueryClient } from '@tanstack/react-query';
import type { Ticker } from '../../../shared/domain/market';
import type { RunEvent, StrategyRunView } from '../../../shared/domain/strategy-runs';
import type { EventName } from '../../../shared/ipc/contract';
import type { Transport } from './transport';

function invalidate(client: QueryClient, names: string[]): void {
  for (const name of names) void client.invalidateQueries({ queryKey: [name] });
}

let logsRefetch: ReturnType<typeof setTimeout> | undefined;

/** How each engine event updates the query cache. One place, so screens only read queries. */
const EVENT_EFFECTS: Record<EventName, (client: QueryClient, payload: unknown) => void> = {
  'audit.appended': (client) => {
    void client.invalidateQueries({ queryKey: ['audit.query'] });
    void client.invalidateQueries({ queryKey: ['system.status'] });
  },
  'settings.changed': (client, payload) => {
    client.setQueryData(['settings.get', {}], payload);
  },
  'secrets.changed': (client) => {
    void client.invalidateQueries({ queryKey: ['secrets.overview'] });
    // The AI panels and Settings say whether an Anthropic key is set.
    void client.invalidateQueries({ queryKey: ['ai.status'] });
    void client.invalidateQueries({ queryKey: ['ai.advisor.status'] });
  },
  'market.ticker': (client, payload) => {
    const ticker = payload as Ticker;
    client.setQueryData(['market.ticker', { symbol: ticker.symbol }], ticker);
  },
  'orders.updated': (client) => invalidate(client, ['orders.list', 'orders.get', 'orders.recovery']),
  'orders.fill': (client) => invalidate(client, ['orders.fills', 'portfolio.get', 'arena.leaderboard']),
  'portfolio.updated': (client) => invalidate(client, ['portfolio.get']),
  'orders.reconciled': (client) => invalidate(client, ['orders.reconciliation', 'orders.list']),
  // --- risk (risk issue) ---
  'risk.updated': (client, payload) => {
    const reason = (payload as { reason?: string }).reason;
    invalidate(client, reason === 'veto' ? ['risk.overview', 'risk.vetoes'] : ['risk.overview']);
    if (reason === 'settings') invalidate(client, ['risk.settings.get']);
  },
  'killSwitch.progress': (client, payload) => {
    client.setQueryData(['killSwitch.progress', {}], payload);
  },
  'killSwitch.changed': (client, payload) => {
    client.setQueryData(['killSwitch.status', {}], payload);
    invalidate(client, ['risk.overview']);
  },
  // Live candles go straight to the chart (series.update), not through the cache.
  'market.candle': () => undefined,
  'market.status': (client) => {
    void client.invalidateQueries({ queryKey: ['market.overview'] });
  },
  // The Logs tab's live tail takes each entry from the transport itself (tabs/logs/log-feed.ts);
  // cached logs.query results elsewhere are refreshed here.
  'logs.appended': (client) => {
    // Log bursts are common: refetch the visible log queries at most twice a second.
    if (logsRefetch !== undefined) return;
    logsRefetch = setTimeout(() => {
      logsRefetch = undefined;
      void client.invalidateQueries({ queryKey: ['logs.query'] });
    }, 500);
  },
  // --- strategies (strategies issue) ---
  // Backtest progress is read by the panel that started the job (tabs/strategies/useBacktest.ts).
  // A sweep's status is followed by the Optimise panel itself (useSweep); its end refreshes the results.
  'optimize.progress': (client, payload) => {
    if ((payload as { status?: string }).status !== 'RUNNING') invalidate(client, ['optimize.result', 'optimize.list']);
  },
  'strategies.progress': () => undefined,
  'strategies.runUpdated': (client, payload) => {
    const run = payload as StrategyRunView;
    client.setQueryData<StrategyRunView[]>(['strategies.runs', {}], (runs) =>
      runs === undefined
        ? runs
        : runs.some((r) => r.runId === run.runId)
          ? runs.map((r) => (r.runId === run.runId ? run : r))
          : [run, ...runs],
    );
    invalidate(client, ['strategies.activationCheck']);
  },
  'strategies.runEvent': (client, payload) => {
    const event = payload as RunEvent;
    // Newest first, as strategies.runEvents answers (at most 1000, its largest limit).
    client.setQueriesData<RunEvent[]>(
      {
        queryKey: ['strategies.runEvents'],
        predicate: (q) => (q.queryKey[1] as { runId?: string } | undefined)?.runId === event.runId,
      },
      (events) => (events === undefined ? events : [event, ...events].slice(0, 1000)),
    );
  },
  // --- AI strategies (AI issue) ---
  // Generation progress is read by the panel that started the job.
  'ai.progress': () => undefined,
  'ai.advisorDecision': (client) => invalidate(client, ['ai.advisor.decisions', 'ai.advisor.status']),
  // --- alerts ---
  'alerts.fired': (client) => invalidate(client, ['alerts.list', 'alerts.rules']),
  'alerts.updated': (client) => invalidate(client, ['alerts.list', 'alerts.summary']),
  'alerts.summary': (client, payload) => {
    client.setQueryData(['alerts.summary', {}], payload);
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
