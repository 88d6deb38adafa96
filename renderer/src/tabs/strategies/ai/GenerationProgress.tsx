/**
 * The progress of a generation: a bar, the phase names (done, current, to come, or skipped: the
 * repair round when the first answer was valid) and the engine's message.
 */
import type { AiProgress } from '../../../../../shared/domain/ai';
import { PHASE_STEPS } from './format';

export function GenerationProgress({
  progress,
  seen,
  onCancel,
}: {
  progress: AiProgress | null;
  /** The phases the job has been through (default: every phase before the current one). */
  seen?: ReadonlySet<AiProgress['phase']>;
  onCancel?: () => void;
}) {
  const phase = progress?.phase ?? 'generating';
  const current = PHASE_STEPS.findIndex((s) => s.phase === phase);
  const fraction = progress?.fraction ?? 0;
  return (
    <div className="ai-progress" data-testid="ai-progress" data-phase={phase}>
      <ol className="ai-phases" aria-label="Generation phases">
        {PHASE_STEPS.map((step, i) => {
          const passed =
            i < current ? (!seen || seen.has(step.phase) || step.phase !== 'repairing' ? 'done' : 'skipped') : null;
          const state = current < 0 ? 'todo' : (passed ?? (i === current ? 'current' : 'todo'));
          return (
            <li
              key={step.phase}
              className={`ai-phase ai-phase-${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
              title={state === 'skipped' ? 'not needed: the first answer was valid' : undefined}
            >
              {step.label}
            </li>
          );
        })}
      </ol>
      <div
        className="ai-progress-track"
        role="progressbar"
        aria-label="Generation progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        <div className="ai-progress-fill" style={{ width: `${Math.round(fraction * 100)}%` }} />
      </div>
      <div className="ai-progress-foot">
        <span className="muted" role="status">
          {progress?.message ?? 'Asking Claude…'}
        </span>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
