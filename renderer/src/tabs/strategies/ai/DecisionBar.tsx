/**
 * The user's decision on a generation: Approve (or, when values were out of range, "Accept clamped
 * version"), Refine with a follow-up request, or Discard. Decisions are recorded by ai.decide.
 */
import { useState, type FormEvent } from 'react';
import type { GenerationView } from '../../../../../shared/domain/ai';
import { useInvokeMutation } from '../../../client/hooks';

type Props = {
  generation: GenerationView;
  busy: boolean;
  onDecided: (view: GenerationView) => void;
  onRefine: (request: string) => void;
};

export function DecisionBar({ generation, busy, onDecided, onRefine }: Props) {
  const decide = useInvokeMutation('ai.decide', ['strategies.list', 'ai.generations']);
  const [refining, setRefining] = useState(false);
  const [refineText, setRefineText] = useState('');
  const canApprove = generation.status === 'VALID';
  const canAcceptClamped = generation.status === 'OUT_OF_RANGE' && generation.clampedStrategy !== null;
  const pending = decide.isPending || busy;

  const send = (decision: 'APPROVE' | 'DISCARD', acceptClamped = false) =>
    decide.mutate({ id: generation.id, decision, acceptClamped }, { onSuccess: onDecided });
  const submitRefine = (e: FormEvent) => {
    e.preventDefault();
    onRefine(refineText.trim());
    setRefining(false);
    setRefineText('');
  };

  return (
    <div className="ai-decision" data-testid="ai-decision">
      <div className="toolbar">
        {canApprove && (
          <button type="button" className="ai-primary" disabled={pending} onClick={() => send('APPROVE')}>
            Approve
          </button>
        )}
        {canAcceptClamped && (
          <button type="button" className="ai-primary" disabled={pending} onClick={() => send('APPROVE', true)}>
            Accept clamped version
          </button>
        )}
        <button type="button" disabled={pending} aria-expanded={refining} onClick={() => setRefining((r) => !r)}>
          Refine…
        </button>
        <button type="button" disabled={pending} onClick={() => send('DISCARD')}>
          Discard
        </button>
      </div>
      {refining && (
        <form className="ai-refine" onSubmit={submitRefine}>
          <label htmlFor={`refine-${generation.id}`}>What should change?</label>
          <textarea
            id={`refine-${generation.id}`}
            rows={2}
            maxLength={2000}
            placeholder="make it less aggressive"
            value={refineText}
            onChange={(e) => setRefineText(e.target.value)}
          />
          <div className="toolbar">
            <button type="submit" className="ai-primary" disabled={pending || refineText.trim().length < 3}>
              Refine
            </button>
          </div>
        </form>
      )}
      {decide.error && (
        <p role="alert" className="error">
          {decide.error.message}
        </p>
      )}
    </div>
  );
}
