import { useInvokeQuery } from '../../client/hooks';
import { formatDecimal, formatTime } from '../orders/format';

/** Every veto, newest first: when, which order, which rule, and the numbers behind it. */
export function VetoLog() {
  const vetoes = useInvokeQuery('risk.vetoes', { limit: 100 });
  return (
    <section className="card wide" aria-labelledby="vetoes-title" data-testid="veto-log">
      <h2 id="vetoes-title">Veto log</h2>
      {vetoes.error && <p className="error">{vetoes.error.message}</p>}
      <table className="data-table veto-table">
        <thead>
          <tr>
            <th>Time (UTC)</th>
            <th>Order</th>
            <th>Rule</th>
            <th>Numbers</th>
          </tr>
        </thead>
        <tbody>
          {vetoes.data?.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                No order has been vetoed.
              </td>
            </tr>
          )}
          {vetoes.data?.map((v) => (
            <tr key={v.id}>
              <td>{formatTime(v.at)}</td>
              <td>
                {v.order.side} {formatDecimal(v.order.quantity)} {v.order.symbol} {v.order.type}
                {v.order.price ? ` @ ${formatDecimal(v.order.price)}` : ''}
                <span className="muted small">
                  {' '}
                  ({v.order.origin}, {v.order.venue})
                </span>
              </td>
              <td className="mono">{v.rule}</td>
              <td>
                <div>{v.message}</div>
                <div className="muted small mono">
                  {Object.entries(v.details)
                    .map(([k, value]) => `${k}=${value}`)
                    .join('  ')}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
