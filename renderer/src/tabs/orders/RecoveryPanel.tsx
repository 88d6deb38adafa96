import { useInvokeQuery } from '../../client/hooks';
import { formatTime } from './format';

/** Orders whose outcome is being looked up, and what the last reconciliation with the exchange found. */
export function RecoveryPanel() {
  const recovery = useInvokeQuery('orders.recovery', {}, { refetchInterval: 5_000 });
  const recon = useInvokeQuery('orders.reconciliation', {});
  const r = recon.data;
  return (
    <section className="card" aria-labelledby="recovery-title" data-testid="recovery">
      <h2 id="recovery-title">Recovery and reconciliation</h2>
      {recovery.data && recovery.data.length === 0 && (
        <p className="muted">Recovery queue: empty (no order with an unknown outcome).</p>
      )}
      {recovery.data && recovery.data.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th>Order</th>
              <th>Symbol</th>
              <th>Status</th>
              <th className="num">Attempts</th>
              <th>Last error</th>
            </tr>
          </thead>
          <tbody>
            {recovery.data.map((e) => (
              <tr key={e.clientOrderId} className={e.gaveUp ? 'attention' : ''}>
                <td className="mono">{e.clientOrderId.slice(0, 8)}…</td>
                <td>{e.symbol}</td>
                <td>{e.status}</td>
                <td className="num">
                  {e.attempts}/{e.maxAttempts}
                </td>
                <td>{e.gaveUp ? `gave up: ${e.lastError ?? ''}` : (e.lastError ?? '—')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r ? (
        <div className="recon" data-testid="reconciliation">
          <p>
            Last reconciliation on {r.venue} ({r.mode}) at {formatTime(r.finishedAt)} UTC: {r.checked} checked,{' '}
            {r.resolved.length} resolved, {r.withdrawn.length} withdrawn, {r.adopted.length} adopted,{' '}
            {r.unresolved.length} unresolved, {r.fillsRecorded} fills recorded.
          </p>
          {[...r.adopted, ...r.unresolved, ...r.resolved].slice(0, 20).map((o) => (
            <p key={o.clientOrderId} className="small">
              {o.symbol} {o.side} {o.clientOrderId.slice(0, 8)}…: {o.from ?? '—'} → {o.to} ({o.note})
            </p>
          ))}
          {r.balanceDifferences.map((b) => (
            <p key={b.currency} className="warning small">
              {b.currency}: exchange {b.exchange}, journal {b.journal} (difference {b.difference})
            </p>
          ))}
          {r.problems.map((p) => (
            <p key={p} className="error small">
              {p}
            </p>
          ))}
        </div>
      ) : (
        <p className="muted">No reconciliation has run yet.</p>
      )}
    </section>
  );
}
