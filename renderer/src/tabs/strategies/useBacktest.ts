/**
 * One backtest at a time from the panel: a fresh jobId per run, the latest strategies.progress
 * event of that job, the report, and Cancel (strategies.cancelJob; the call then fails "cancelled").
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BacktestReport, BacktestRequestInput, JobProgress } from '../../../../shared/domain/backtest-report';
import type { CallError } from '../../client/api';
import { useApi } from '../../client/context';

export type BacktestParams = Omit<BacktestRequestInput, 'jobId' | 'id' | 'definition'>;

export type BacktestState = {
  jobId: string | null;
  running: boolean;
  progress: JobProgress | null;
  report: BacktestReport | null;
  error: CallError | null;
  cancelled: boolean;
};

const IDLE: BacktestState = {
  jobId: null,
  running: false,
  progress: null,
  report: null,
  error: null,
  cancelled: false,
};

/** Mount per strategy (the workspace is keyed by its id): a new strategy starts blank. */
export function useBacktest(strategyId: string) {
  const api = useApi();
  const client = useQueryClient();
  const [state, setState] = useState<BacktestState>(IDLE);
  const current = useRef<string | null>(null);

  // Subscribed before any job starts, so the first progress event of a job is not missed.
  useEffect(
    () =>
      api.transport.on('strategies.progress', (payload) => {
        const p = payload as JobProgress;
        if (p.jobId === current.current) setState((s) => (s.running ? { ...s, progress: p } : s));
      }),
    [api],
  );

  const run = useCallback(
    async (params: BacktestParams) => {
      const jobId = crypto.randomUUID();
      current.current = jobId;
      setState({ ...IDLE, jobId, running: true });
      try {
        const report = await api.invoke('strategies.backtest', { ...params, jobId, id: strategyId });
        if (current.current !== jobId) return;
        setState((s) => ({ ...s, running: false, report }));
        // The library shows the new grade; activation may now be allowed.
        await Promise.all(
          ['strategies.list', 'strategies.activationCheck'].map((n) => client.invalidateQueries({ queryKey: [n] })),
        );
      } catch (e) {
        if (current.current !== jobId) return;
        const error = e as CallError;
        const cancelled = error.code === 'cancelled';
        setState((s) => ({ ...s, running: false, error: cancelled ? null : error, cancelled }));
      }
    },
    [api, client, strategyId],
  );

  const cancel = useCallback(async () => {
    const jobId = current.current;
    if (jobId === null) return;
    await api.invoke('strategies.cancelJob', { jobId }).catch(() => undefined);
  }, [api]);

  return { ...state, run, cancel };
}
