/**
 * One generation, as stored: status and costs, the attempts, what was out of range, the strategy,
 * the gauntlet, and then the decision (Approve / Refine / Discard) or, once approved, Activate.
 */
import type { GenerationView } from '../../../../../shared/domain/ai';
import { ActivatePanel } from './ActivatePanel';
import { AttemptList } from './AttemptList';
import { DecisionBar } from './DecisionBar';
import { ms, tokens, usd, when } from './format';
import { GauntletView } from './GauntletView';
import { OutOfRangeList } from './OutOfRangeList';
import { StrategySummary } from './StrategySummary';

const STATUS_TEXT: Record<GenerationView['status'], string> = {
  VALID: 'Valid strategy',
  OUT_OF_RANGE: 'Risk values out of range',
  INVALID: 'Invalid answer — nothing was saved',
  REQUEST_FAILED: 'Request failed — nothing was saved',
  CANCELLED: 'Cancelled — nothing was saved',
};

type Props = {
  generation: GenerationView;
  busy: boolean;
  onChange: (view: GenerationView) => void;
  onRefine: (request: string) => void;
};

export function GenerationResult({ generation: g, busy, onChange, onRefine }: Props) {
  const good = g.status === 'VALID';
  return (
    <section className="ai-result" data-testid="ai-result" data-status={g.status} aria-label="Generation result">
      <div className="ai-result-head">
        <span className={`ai-status ai-status-${g.status.toLowerCase()}`} data-testid="ai-status">
          {STATUS_TEXT[g.status]}
        </span>
        <span className="muted small">
          “{g.request}” · {g.symbol} {g.timeframe} · risk {g.riskLevel}
          {g.parentId && ' · refined'}
        </span>
      </div>
      <p className="muted small" data-testid="ai-usage">
        {g.model} · {tokens(g.tokensIn)} in / {tokens(g.tokensOut)} out tokens · cost {usd(g.costUsd)} · latency{' '}
        {ms(g.latencyMs)} · prompt {g.promptVersion} · {when(g.createdAt)}
      </p>
      {g.error && (
        <p role="alert" className="error" data-testid="ai-error">
          {g.error}
        </p>
      )}
      {!good && <AttemptList attempts={g.attempts} />}
      {g.status === 'OUT_OF_RANGE' && <OutOfRangeList items={g.outOfRange} />}
      {g.strategy && <StrategySummary strategy={g.strategy} />}
      {g.status === 'OUT_OF_RANGE' && g.clampedStrategy && (
        <StrategySummary strategy={g.clampedStrategy} title={`Clamped version: ${g.clampedStrategy.name}`} />
      )}
      {good && g.attempts.length > 1 && <AttemptList attempts={g.attempts} />}
      {g.gauntlet && <GauntletView report={g.gauntlet} />}
      {g.decision === 'PENDING' && <DecisionBar generation={g} busy={busy} onDecided={onChange} onRefine={onRefine} />}
      {g.decision === 'DISCARDED' && (
        <p className="muted" data-testid="ai-discarded">
          Discarded. Nothing was saved as a strategy; the generation stays in the history.
        </p>
      )}
      {g.decision === 'APPROVED' && g.strategyId && (
        <>
          <p className="ok" role="status" data-testid="ai-approved">
            Approved and saved to the strategy library.
          </p>
          <ActivatePanel generation={g} strategyId={g.strategyId} />
        </>
      )}
    </section>
  );
}
