/** A sweep's progress (sets done, the window, the rate and the time left), Cancel, and Resume once stopped. */
import type { SweepStatusView } from '../../../../../shared/domain/optimize';
import { formatEstimate } from './optimise-form';

type Props = {
  status: SweepStatusView;
  busy: boolean;
  onCancel: () => void;
  onResume: () => void;
};

export function SweepStatusBar({ status: s, busy, onCancel, onResume }: Props) {
  const fraction = s.total > 0 ? s.done / s.total : 0;
  const where = s.windows > 1 ? `, window ${s.window + 1} of ${s.windows}` : '';
  const rate = s.setsPerSecond > 0 ? `, ${s.setsPerSecond.toFixed(1)} sets/s` : '';
  const eta = s.status === 'RUNNING' && s.etaMs !== null ? `, ${formatEstimate(s.etaMs)} left` : '';
  const state =
    s.status === 'RUNNING' ? 'Running' : s.status === 'DONE' ? 'Done' : s.status === 'CANCELLED' ? 'Stopped' : 'Failed';
  return (
    <div className="sweep-status" data-testid="sweep-status" data-status={s.status}>
      <div
        className="job-progress-track"
        role="progressbar"
        aria-label="Sweep progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        <div className="job-progress-fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <span className="small">
        <strong>{state}</strong>: {s.done} of {s.total} parameter sets{where}
        {rate}
        {eta}
      </span>
      {s.status === 'RUNNING' && (
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      )}
      {s.resumable && (
        <button type="button" onClick={onResume} disabled={busy}>
          Resume
        </button>
      )}
      {s.detail && s.status !== 'DONE' && <span className="muted small sweep-detail">{s.detail}</span>}
    </div>
  );
}
