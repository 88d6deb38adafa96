/** Past generations, newest first (ai.generations); choosing one opens it (ai.generation). */
import type { GenerationSummary } from '../../../../../shared/domain/ai';
import { useInvokeQuery } from '../../../client/hooks';
import { usd, when } from './format';

export function GenerationHistory({ selectedId, onOpen }: { selectedId: string | null; onOpen: (id: string) => void }) {
  const list = useInvokeQuery('ai.generations', { limit: 50 });
  return (
    <section className="card ai-history" aria-labelledby="ai-history-title" data-testid="ai-history">
      <h2 id="ai-history-title">Past generations</h2>
      {list.error && <p className="error">{list.error.message}</p>}
      {list.data?.length === 0 && <p className="muted">No generation yet. What you generate is kept here.</p>}
      <ul className="ai-history-list">
        {list.data?.map((g: GenerationSummary) => (
          <li key={g.id}>
            <button
              type="button"
              className={g.id === selectedId ? 'ai-history-item selected' : 'ai-history-item'}
              aria-current={g.id === selectedId ? 'true' : undefined}
              onClick={() => onOpen(g.id)}
            >
              <span className="ai-history-request">{g.request}</span>
              <span className="muted small">
                {when(g.createdAt)} · {g.symbol} {g.timeframe} · {g.status}
                {g.verdict ? ` · ${g.verdict}` : ''} · {outcome(g.status, g.decision)} · {usd(g.costUsd)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A generation that produced nothing to decide on failed (or was cancelled); it is never "pending". */
function outcome(status: string, decision: string): string {
  if (status === 'REQUEST_FAILED' || status === 'INVALID') return 'failed';
  if (status === 'CANCELLED') return 'cancelled';
  return decision.toLowerCase();
}
