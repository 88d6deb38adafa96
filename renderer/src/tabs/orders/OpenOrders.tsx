import type { OrderView } from '../../../../shared/domain/orders';
import { formatAmount, formatPrice } from '../../../../shared/format/numbers';
import { useInvokeMutation, useInvokeQuery } from '../../client/hooks';
import { useMarketInfo } from '../../format/use-market-info';
import { formatTime } from './format';

export function OpenOrders({ onSelect }: { onSelect: (id: string) => void }) {
  const open = useInvokeQuery('orders.list', { scope: 'open', limit: 500 });
  const cancel = useInvokeMutation('orders.cancel', ['orders.list']);
  const cancelAll = useInvokeMutation('orders.cancelAll', ['orders.list']);
  const error = cancel.error ?? cancelAll.error;
  return (
    <section className="card" aria-labelledby="open-orders-title">
      <div className="card-head">
        <h2 id="open-orders-title">Open orders</h2>
        <button type="button" disabled={!open.data?.length || cancelAll.isPending} onClick={() => cancelAll.mutate({})}>
          Cancel all
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      {open.data && open.data.length === 0 && <p className="muted">No open orders.</p>}
      {open.data && open.data.length > 0 && (
        <OrderTable orders={open.data} onSelect={onSelect} testId="open-orders">
          {(o) => (
            <button
              type="button"
              onClick={() => cancel.mutate({ clientOrderId: o.clientOrderId })}
              aria-label={`Cancel order ${o.clientOrderId}`}
            >
              Cancel
            </button>
          )}
        </OrderTable>
      )}
    </section>
  );
}

export function OrderTable(props: {
  orders: OrderView[];
  onSelect: (id: string) => void;
  testId: string;
  children?: (order: OrderView) => React.ReactNode;
}) {
  const marketOf = useMarketInfo();
  return (
    <table className="data-table" data-testid={props.testId}>
      <thead>
        <tr>
          <th>Created (UTC)</th>
          <th>Symbol</th>
          <th>Side</th>
          <th>Type</th>
          <th className="num">Quantity</th>
          <th className="num">Price</th>
          <th className="num">Filled</th>
          <th className="num">Avg price</th>
          <th>Status</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {props.orders.map((o) => {
          const m = marketOf(o.symbol);
          return (
            <tr
              key={o.clientOrderId}
              onClick={() => props.onSelect(o.clientOrderId)}
              className={o.flags.needsAttention ? 'attention' : ''}
            >
              <td className="mono">{formatTime(o.createdAt)}</td>
              <td>{o.symbol}</td>
              <td className={o.side === 'buy' ? 'up' : 'down'}>{o.side}</td>
              <td>{o.type}</td>
              <td className="num">{formatAmount(o.quantity, m?.amountStep)}</td>
              <td className="num">{formatPrice(o.price ?? o.stopPrice, m?.priceStep)}</td>
              <td className="num">{formatAmount(o.filled, m?.amountStep)}</td>
              <td className="num">{formatPrice(o.averageFillPrice, m?.priceStep)}</td>
              <td>
                <span className={`status status-${o.status.toLowerCase()}`}>{o.status}</span>
                {o.flags.adopted && <span className="badge">adopted</span>}
                {o.flags.needsAttention && <span className="badge warn">check</span>}
              </td>
              <td onClick={(e) => e.stopPropagation()}>{props.children?.(o)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
