import { useState } from 'react';
import { ORDER_STATUSES, type OrderStatus } from '../../../../shared/domain/orders';
import { useApi } from '../../client/context';
import { useInvokeQuery } from '../../client/hooks';
import { useMarkets } from '../../format/use-market-info';
import { downloadText } from '../settings/data/download';
import { OrderTable } from './OpenOrders';

export function OrderHistory({ onSelect }: { onSelect: (id: string) => void }) {
  const api = useApi();
  const markets = useMarkets();
  const [symbol, setSymbol] = useState('');
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const query = {
    scope: 'history' as const,
    limit: 500,
    ...(symbol ? { symbol } : {}),
    ...(status ? { statuses: [status] } : {}),
  };
  const history = useInvokeQuery('orders.list', query);
  const [error, setError] = useState<string | null>(null);
  const exportCsv = async () => {
    try {
      const { csv } = await api.invoke('orders.exportCsv', { ...query, limit: 10_000 });
      downloadText('orders.csv', csv);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section className="card" aria-labelledby="history-title">
      <div className="card-head">
        <h2 id="history-title">Order history</h2>
        <div className="toolbar">
          <select aria-label="Filter by symbol" value={symbol} onChange={(e) => setSymbol(e.target.value)}>
            <option value="">All symbols</option>
            {markets.map((m) => (
              <option key={m.symbol}>{m.symbol}</option>
            ))}
          </select>
          <select
            aria-label="Filter by status"
            value={status}
            onChange={(e) => setStatus(e.target.value as OrderStatus | '')}
          >
            <option value="">All statuses</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
          <button type="button" onClick={() => void exportCsv()}>
            Export CSV
          </button>
        </div>
      </div>
      {(history.error ?? error) && <p className="error">{history.error?.message ?? error}</p>}
      {history.data && history.data.length === 0 && <p className="muted">No orders match.</p>}
      {history.data && history.data.length > 0 && (
        <OrderTable orders={history.data} onSelect={onSelect} testId="order-history" />
      )}
    </section>
  );
}
