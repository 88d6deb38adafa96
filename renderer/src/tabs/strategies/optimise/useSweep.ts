/**
 * The sweep shown for one strategy: its latest (from optimize.list) or the one just started, kept
 * current by optimize.progress events; start, cancel and resume. A late answer never replaces a
 * newer state (events can arrive before the call that started the sweep answers).
 */
import { useCallback, useEffect, useState } from 'react';
import type { OptimizeRequestInput, SweepStatusView } from '../../../../../shared/domain/optimize';
import type { CallError } from '../../../client/api';
import { useApi } from '../../../client/context';
import { useInvokeQuery } from '../../../client/hooks';

/** Whether `next` is at least as new as `current` (same sweep: later update, more done, or ended). */
export function isNewer(current: SweepStatusView | null, next: SweepStatusView): boolean {
  if (!current || current.sweepId !== next.sweepId) return true;
  if (next.updatedAt !== current.updatedAt) return next.updatedAt > current.updatedAt;
  if (next.done !== current.done) return next.done > current.done;
  return next.status !== 'RUNNING' || current.status === 'RUNNING';
}

export function useSweep(strategyId: string) {
  const api = useApi();
  const list = useInvokeQuery('optimize.list', {});
  const [status, setStatus] = useState<SweepStatusView | null>(null);
  const [error, setError] = useState<CallError | null>(null);
  const [busy, setBusy] = useState(false);
  const current = status ?? list.data?.find((s) => s.strategyId === strategyId) ?? null;

  const accept = useCallback((next: SweepStatusView) => {
    setStatus((cur) => (isNewer(cur, next) ? next : cur));
  }, []);

  useEffect(
    () =>
      api.transport.on('optimize.progress', (payload) => {
        const s = payload as SweepStatusView;
        if (s.strategyId !== strategyId) return;
        // Its end refreshes optimize.result and optimize.list (client/event-bridge.ts).
        accept(s);
      }),
    [api, strategyId, accept],
  );

  const act = useCallback(
    async (call: () => Promise<SweepStatusView>) => {
      setBusy(true);
      setError(null);
      try {
        accept(await call());
      } catch (e) {
        setError(e as CallError);
      } finally {
        setBusy(false);
      }
    },
    [accept],
  );

  return {
    status: current,
    error,
    busy,
    start: (request: OptimizeRequestInput) => act(() => api.invoke('optimize.start', request)),
    cancel: (sweepId: string) => act(() => api.invoke('optimize.cancel', { sweepId })),
    resume: (sweepId: string) => act(() => api.invoke('optimize.resume', { sweepId })),
  };
}
