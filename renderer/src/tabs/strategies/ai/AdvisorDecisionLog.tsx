/**
 * The advisor's decisions, newest first: action, size, what happened (order, veto, hold…) and the
 * reasoning beside each. New decisions arrive live through the 'ai.advisorDecision' event.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { AdvisorDecision } from '../../../../../shared/domain/ai';
import { useApi } from '../../../client/context';
import { useInvokeQuery } from '../../../client/hooks';
import { usd, when } from './format';

export function AdvisorDecisionLog() {
  const { transport } = useApi();
  const client = useQueryClient();
  const decisions = useInvokeQuery('ai.advisor.decisions', { limit: 100 });
  useEffect(
    () =>
      transport.on('ai.advisorDecision', () => {
        void client.invalidateQueries({ queryKey: ['ai.advisor.decisions'] });
        void client.invalidateQueries({ queryKey: ['ai.advisor.status'] });
      }),
    [transport, client],
  );
  return (
    <div data-testid="advisor-decisions">
      <h3>Decision log</h3>
      <DecisionTable
        decisions={decisions.data}
        error={decisions.error?.message ?? null}
        empty="No decision yet. Enable the advisor or press “Ask now”."
      />
    </div>
  );
}

/** Decisions, newest first: action and size, what happened, and the reasoning with its cost. */
export function DecisionTable({
  decisions,
  error,
  empty,
}: {
  decisions: AdvisorDecision[] | undefined;
  error: string | null;
  empty: string;
}) {
  return (
    <>
      {error && <p className="error">{error}</p>}
      <table className="data-table ai-decisions">
        <thead>
          <tr>
            <th>Time (UTC)</th>
            <th>Decision</th>
            <th>Outcome</th>
            <th>Reasoning</th>
          </tr>
        </thead>
        <tbody>
          {decisions?.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                {empty}
              </td>
            </tr>
          )}
          {decisions?.map((d) => (
            <tr key={d.id}>
              <td className="mono small">{when(d.at).replace(' UTC', '')}</td>
              <td>
                <strong className={d.action === 'BUY' ? 'up' : d.action === 'SELL' ? 'down' : ''}>{d.action}</strong>{' '}
                {d.symbol}
                {d.action !== 'HOLD' && <span className="muted"> · {d.sizePercent} %</span>}
              </td>
              <td>
                <span className={`ai-outcome ai-outcome-${d.outcome.toLowerCase()}`}>{d.outcome}</span>
                <div className="muted small">{d.outcomeDetail}</div>
                {d.clientOrderId && <div className="muted small mono">{d.clientOrderId}</div>}
              </td>
              <td className="ai-reasoning">
                {d.reasoning}
                <div className="muted small">cost {usd(d.costUsd)}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
