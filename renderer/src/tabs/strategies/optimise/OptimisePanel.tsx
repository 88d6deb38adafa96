/**
 * Strategies > Optimise for the selected strategy (AI-generated ones included: they are saved
 * strategies like any other): choose parameters and ranges, objective, constraints, method and
 * walk-forward windows; the count of sets and the time it should take show before starting; then
 * progress with the time left and the sets so far, and the result (SweepResult). A strategy's latest sweep shows
 * when the panel opens, also after a restart (a stopped one can be resumed).
 */
import { useEffect, useState } from 'react';
import type { SavedStrategy } from '../../../../../shared/domain/strategy-library';
import { useInvokeQuery } from '../../../client/hooks';
import { defaultOptimiseForm, formatEstimate, toOptimizeRequest, type OptimiseFormValues } from './optimise-form';
import { OptimiseForm } from './OptimiseForm';
import { SweepResult } from './SweepResult';
import { SweepStatusBar } from './SweepStatusBar';
import { useSweep } from './useSweep';
import './optimise.css';

type Props = { strategy: SavedStrategy; onSelect: (id: string | null) => void };

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function OptimisePanel({ strategy, onSelect }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <section className="card optimise-panel" aria-labelledby="optimise-title" data-testid="optimise-panel">
      <div className="card-head">
        <h2 id="optimise-title">Optimise</h2>
        <div className="toolbar">
          <button type="button" onClick={() => setOpen(!open)} aria-expanded={open}>
            {open ? 'Hide' : 'Optimise parameters'}
          </button>
        </div>
      </div>
      {open ? (
        <OptimiseBody strategy={strategy} onSelect={onSelect} />
      ) : (
        <p className="muted small">
          Sweep this strategy's parameters on every core, walk forward, and save the set you choose as a new strategy.
        </p>
      )}
    </section>
  );
}

function OptimiseBody({ strategy, onSelect }: Props) {
  const space = useInvokeQuery('optimize.space', { strategyId: strategy.id }, { retry: false });
  const [edited, setValues] = useState<OptimiseFormValues | null>(null);
  const values = edited ?? (space.data ? defaultOptimiseForm(space.data.parameters) : null);
  const checked = values ? toOptimizeRequest(strategy.id, values) : null;
  const request = useDebounced(checked?.ok ? checked.request : null, 400);
  const estimate = useInvokeQuery('optimize.estimate', request!, { enabled: request !== null, retry: false });
  const sweep = useSweep(strategy.id);
  const status = sweep.status;
  const [rowsWindow, setRowsWindow] = useState<number | undefined>(undefined);
  const running = status?.status === 'RUNNING';
  // The sets so far while it runs (every few seconds), all of them once it ends.
  const result = useInvokeQuery(
    'optimize.result',
    { sweepId: status?.sweepId ?? 'none-none', ...(rowsWindow !== undefined ? { window: rowsWindow } : {}) },
    // Every 3 s, or less often for big sweeps (each answer carries every set so far).
    { enabled: status !== null, refetchInterval: running ? Math.max(3000, status.total) : false },
  );

  if (space.error) return <p className="error">{space.error.message}</p>;
  if (!space.data || !values) return <p className="muted">Reading the strategy's parameters…</p>;
  const e = estimate.data;
  return (
    <>
      <OptimiseForm parameters={space.data.parameters} values={values} disabled={running} onChange={setValues} />
      <div className="optimise-actions">
        <button
          type="button"
          className="primary"
          disabled={!checked?.ok || running || sweep.busy}
          onClick={() => {
            if (!checked?.ok) return;
            setRowsWindow(undefined);
            void sweep.start(checked.request);
          }}
        >
          Start sweep
        </button>
        <span className="small" data-testid="optimise-estimate">
          {checked && !checked.ok ? (
            <span className="error">{checked.error}</span>
          ) : estimate.error ? (
            <span className="error">{estimate.error.message}</span>
          ) : e && request ? (
            <>
              <strong>{e.sets}</strong> parameter sets
              {e.sets < e.gridSize && ` of ${e.gridSize}`}
              {e.windows > 1 && ` × ${e.windows} walk-forward windows`} on {e.candles} {space.data.timeframe} candles of{' '}
              {space.data.symbol}:{' '}
              {e.redisUrl
                ? `on the sweep workers of ${e.redisUrl} (Settings; the time depends on how many are connected)`
                : `${formatEstimate(e.estimatedMs)} on ${e.workers} workers`}
            </>
          ) : (
            <span className="muted">Counting the sets…</span>
          )}
        </span>
      </div>
      {sweep.error && (
        <p role="alert" className="error">
          {sweep.error.message}
        </p>
      )}
      {status && (
        <SweepStatusBar
          status={status}
          busy={sweep.busy}
          onCancel={() => void sweep.cancel(status.sweepId)}
          onResume={() => void sweep.resume(status.sweepId)}
        />
      )}
      {status && result.error && <p className="error">{result.error.message}</p>}
      {status && result.data && result.data.status.sweepId === status.sweepId && result.data.rows.length > 0 && (
        <SweepResult
          key={`${status.sweepId}:${result.data.rowsWindow}`}
          result={result.data}
          onWindow={setRowsWindow}
          onOpenStrategy={onSelect}
        />
      )}
    </>
  );
}
