/**
 * "AI advisor" (paper and simulator only): its settings, whether it runs and why not, what it spent
 * today, the next run, "Ask now", and the decision log with the reasoning.
 */
import { useInvokeMutation, useInvokeQuery } from '../../../client/hooks';
import { AdvisorDecisionLog } from './AdvisorDecisionLog';
import { AdvisorSettingsForm } from './AdvisorSettingsForm';
import { usd, when } from './format';
import { NeedsKey } from './NeedsKey';

export function AdvisorPanel() {
  const ai = useInvokeQuery('ai.status', {});
  const status = useInvokeQuery('ai.advisor.status', {}, { refetchInterval: 15_000 });
  const runNow = useInvokeMutation('ai.advisor.runNow', ['ai.advisor.decisions', 'ai.advisor.status']);
  const s = status.data;
  return (
    <section className="card ai-advisor" aria-labelledby="ai-advisor-title" data-testid="ai-advisor">
      <h2 id="ai-advisor-title">AI advisor</h2>
      <p className="muted small">
        On your schedule, Claude reads recent candles, indicators, the portfolio and open orders and answers buy, sell
        or hold. Every order goes through the risk gate; it never trades live.
      </p>
      {ai.data && !ai.data.keyConfigured && <NeedsKey feature="The AI advisor" />}
      {status.error && <p className="error">{status.error.message}</p>}
      {ai.data?.keyConfigured && s && (
        <>
          <dl className="facts" data-testid="advisor-status">
            <dt>State</dt>
            <dd>
              {s.blockedReason ? (
                <span className="warning">Not running: {s.blockedReason}</span>
              ) : s.settings.enabled ? (
                <span className="ok">Running every {s.settings.intervalMinutes} min</span>
              ) : (
                <span className="muted">Off</span>
              )}
            </dd>
            <dt>Spent today</dt>
            <dd>
              {usd(s.spentTodayUsd)} of {usd(s.settings.dailyBudgetUsd)}
            </dd>
            <dt>Last run</dt>
            <dd>{when(s.lastRunAt)}</dd>
            <dt>Next run</dt>
            <dd>{s.settings.enabled && !s.blockedReason ? when(s.nextRunAt) : '—'}</dd>
          </dl>
          <AdvisorSettingsForm key={JSON.stringify(s.settings)} settings={s.settings} />
          <div className="toolbar">
            <button type="button" disabled={runNow.isPending} onClick={() => runNow.mutate({})}>
              {runNow.isPending ? 'Asking Claude…' : 'Ask now'}
            </button>
            {runNow.data && (
              <span className="muted" role="status">
                {runNow.data.length} decision(s) received.
              </span>
            )}
          </div>
          {runNow.error && (
            <p role="alert" className="error">
              {runNow.error.message}
            </p>
          )}
          <AdvisorDecisionLog />
        </>
      )}
    </section>
  );
}
