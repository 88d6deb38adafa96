import type { AlertDelivery, AlertView } from '../../../shared/domain/alerts';
import { useInvokeMutation, useInvokeQuery } from '../client/hooks';

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

function DeliveryChip({ d }: { d: AlertDelivery }) {
  const text =
    d.state === 'sent'
      ? `${d.channel}: sent`
      : d.state === 'failed'
        ? `${d.channel}: failed`
        : `${d.channel}: retrying (attempt ${d.attempts + 1})`;
  const title = [d.lastError, d.nextAttemptAt ? `next attempt ${time(d.nextAttemptAt)}` : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <span className={`delivery delivery-${d.state}`} title={title || undefined}>
      {text}
      {d.state !== 'sent' && d.lastError && <span className="delivery-error">{d.lastError}</span>}
    </span>
  );
}

function AlertRow({ alert }: { alert: AlertView }) {
  return (
    <li className={`alert-row${alert.read ? '' : ' unread'}`} data-testid="alert-row">
      <div className="alert-title">
        <strong>{alert.title}</strong>
        <span className="muted small">{time(alert.at)}</span>
      </div>
      <div className="alert-message">{alert.message}</div>
      <div className="alert-meta muted small">
        {alert.ruleName}
        {alert.deliveries.map((d) => (
          <DeliveryChip key={d.channel} d={d} />
        ))}
      </div>
    </li>
  );
}

/** Fired alerts, newest first; unread ones are marked until "Mark all read". */
export function AlertList() {
  const list = useInvokeQuery('alerts.list', { limit: 200 });
  const markRead = useInvokeMutation('alerts.markRead', ['alerts.list']);
  if (list.error) return <p className="error">{list.error.message}</p>;
  if (!list.data) return <p className="muted">Loading alerts…</p>;
  const unread = list.data.filter((a) => !a.read).length;
  return (
    <section aria-label="Fired alerts">
      <div className="toolbar">
        <span className="muted">
          {list.data.length === 0
            ? 'No alerts yet. Create a rule under Rules.'
            : `${list.data.length} ${list.data.length === 1 ? 'alert' : 'alerts'}, ${unread} unread`}
        </span>
        <button
          type="button"
          disabled={unread === 0 || markRead.isPending}
          onClick={() => markRead.mutate({ all: true })}
          data-testid="alerts-mark-read"
        >
          Mark all read
        </button>
      </div>
      <ul className="alert-list">
        {list.data.map((a) => (
          <AlertRow key={a.id} alert={a} />
        ))}
      </ul>
    </section>
  );
}
