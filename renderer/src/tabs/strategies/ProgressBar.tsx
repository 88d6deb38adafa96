/** A job's progress: a bar with its fraction and the engine's message. */
import type { JobProgress } from '../../../../shared/domain/backtest-report';

export function ProgressBar({ progress, label }: { progress: JobProgress | null; label: string }) {
  const fraction = progress?.fraction ?? 0;
  return (
    <div className="job-progress" data-testid="backtest-progress">
      <div
        className="job-progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        <div className="job-progress-fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <span className="muted small">{progress ? progress.message : 'Starting…'}</span>
    </div>
  );
}
