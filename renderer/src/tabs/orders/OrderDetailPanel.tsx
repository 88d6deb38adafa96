import { formatAmount, formatPrice } from '../../../../shared/format/numbers';
import { useInvokeQuery } from '../../client/hooks';
import { useMarketInfo } from '../../format/use-market-info';
import { formatTime } from './format';

/** One order: its state timeline and its fills. */
export function OrderDetailPanel({ clientOrderId, onClose }: { clientOrderId: string; onClose: () => void }) {
  const detail = useInvokeQuery('orders.get', { clientOrderId });
  const d = detail.data;
  const m = useMarketInfo()(d?.order.symbol ?? '');
  // Fees in one currency (the usual case) carry it in the column header, not in every cell.
  const feeCurrencies = [...new Set(d?.fills.map((f) => f.feeCurrency) ?? [])];
  const feeUnit = feeCurrencies.length === 1 ? feeCurrencies[0] : null;
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
            {d.order.side} {formatAmount(d.order.quantity, m?.amountStep)} {d.order.symbol} {d.order.type} on {d.venue};
            exchange id {d.order.exchangeOrderId ?? '—'}
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
            <table className="data-table fills-table" data-testid="order-fills">
              <thead>
                <tr>
                  <th>Time (UTC)</th>
                  <th className="num">Price</th>
                  <th className="num">Quantity</th>
                  <th className="num">Fee{feeUnit ? ` (${feeUnit})` : ''}</th>
                  <th>Liq.</th>
                </tr>
              </thead>
              <tbody>
                {d.fills.map((f) => (
                  <tr key={f.tradeId} title={`Trade id ${f.tradeId}`}>
                    <td className="mono">{formatTime(f.time).slice(11)}</td>
                    <td className="num">{formatPrice(f.price, m?.priceStep)}</td>
                    <td className="num">{formatAmount(f.quantity, m?.amountStep)}</td>
                    <td className="num">
                      {f.feeCurrency === 'USD' || f.feeCurrency === m?.quote
                        ? formatPrice(f.fee, 0.0001)
                        : formatAmount(f.fee)}
                      {feeUnit ? '' : ` ${f.feeCurrency}`}
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
