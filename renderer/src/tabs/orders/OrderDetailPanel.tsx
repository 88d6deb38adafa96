import { useInvokeQuery } from '../../client/hooks';
import { formatDecimal, formatTime } from './format';

/** One order: its state timeline and its fills. */
export function OrderDetailPanel({ clientOrderId, onClose }: { clientOrderId: string; onClose: () => void }) {
  const detail = useInvokeQuery('orders.get', { clientOrderId });
  const d = detail.data;
  return (
    <aside className="card order-detail" aria-label="Order detail" data-testid="order-detail">
      <div className="card-head">
        <h2>Order {clientOrderId.slice(0, 8)}…</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {detail.error && <p className="error">{detail.error.message}</p>}
      {d && (
        <>
          <p className="muted small">
            {d.order.side} {formatDecimal(d.order.quantity)} {d.order.symbol} {d.order.type} on {d.venue}; exchange id{' '}
            {d.order.exchangeOrderId ?? '—'}
            {d.order.reason ? `; ${d.order.reason}` : ''}
            {d.order.lastError ? `; last error: ${d.order.lastError}` : ''}
          </p>
          <h3>Timeline</h3>
          <ol className="timeline" data-testid="order-timeline">
            {d.order.timeline.map((t, i) => (
              <li key={i}>
                <span className="mono">{formatTime(t.at)}</span> <strong>{t.status}</strong>
                {t.reason ? ` — ${t.reason}` : ''}
              </li>
            ))}
          </ol>
          <h3>Fills</h3>
          {d.fills.length === 0 ? (
            <p className="muted">No fills.</p>
          ) : (
            <table className="data-table">
              <thead>
                <tr>
                  <th>Time (UTC)</th>
                  <th>Trade id</th>
                  <th className="num">Price</th>
                  <th className="num">Quantity</th>
                  <th className="num">Fee</th>
                  <th>Liquidity</th>
                </tr>
              </thead>
              <tbody>
                {d.fills.map((f) => (
                  <tr key={f.tradeId}>
                    <td className="mono">{formatTime(f.time)}</td>
                    <td className="mono">{f.tradeId}</td>
                    <td className="num">{formatDecimal(f.price, 2)}</td>
                    <td className="num">{formatDecimal(f.quantity)}</td>
                    <td className="num">
                      {formatDecimal(f.fee)} {f.feeCurrency}
                    </td>
                    <td>{f.liquidity ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </aside>
  );
}
