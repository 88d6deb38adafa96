import { ALERT_EVENT_LABELS, type AlertRuleView } from '../../../shared/domain/alerts';
import { useInvokeMutation, useInvokeQuery } from '../client/hooks';

function describeRule(r: AlertRuleView): string {
  const s = r.spec;
  if (s.kind === 'event') return s.events.map((e) => ALERT_EVENT_LABELS[e]).join(', ');
  const fires = s.repeat === 'once' ? 'once' : `repeats, ${s.cooldownMinutes} min cool-down`;
  return `${s.symbol} ${s.timeframe}: ${s.condition} (${fires})`;
}

/** The rules with their state: on/off (a once-alert that fired is off), fired how often, deleted. */
export function RuleList() {
  const rules = useInvokeQuery('alerts.rules', {});
  const enable = useInvokeMutation('alerts.setEnabled', ['alerts.rules']);
  const remove = useInvokeMutation('alerts.deleteRule', ['alerts.rules']);
  if (rules.error) return <p className="error">{rules.error.message}</p>;
  if (!rules.data) return <p className="muted">Loading rules…</p>;
  if (rules.data.length === 0) return <p className="muted">No rules yet.</p>;
  return (
    <ul className="rule-list" aria-label="Alert rules">
      {rules.data.map((r) => (
        <li key={r.id} className="rule-item" data-testid="alert-rule">
          <label className="check">
            <input
              type="checkbox"
              checked={r.enabled}
              aria-label={`${r.spec.name} on`}
              onChange={(e) => enable.mutate({ id: r.id, enabled: e.target.checked })}
            />
            <strong>{r.spec.name}</strong>
          </label>
          <span className="muted small">
            {r.firedCount === 0 ? 'never fired' : `fired ${r.firedCount}×`} · {r.spec.channels.join(', ')}
          </span>
          <div className="mono small">{describeRule(r)}</div>
          {r.problem && <div className="error small">{r.problem}</div>}
          <button
            type="button"
            className="small"
            onClick={() => remove.mutate({ id: r.id })}
            aria-label={`Delete ${r.spec.name}`}
          >
            Delete
          </button>
        </li>
      ))}
      {(enable.error ?? remove.error) && <li className="error">{(enable.error ?? remove.error)!.message}</li>}
    </ul>
  );
}
