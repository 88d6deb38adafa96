import { useState } from 'react';
import { OpenOrders } from './OpenOrders';
import { OrderDetailPanel } from './OrderDetailPanel';
import { OrderHistory } from './OrderHistory';
import { PortfolioPanel } from './PortfolioPanel';
import { RecoveryPanel } from './RecoveryPanel';

export function OrdersTab() {
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="orders-layout">
      <div className="orders-main">
        <OpenOrders onSelect={setSelected} />
        <PortfolioPanel />
        <OrderHistory onSelect={setSelected} />
        <RecoveryPanel />
      </div>
      {selected && <OrderDetailPanel clientOrderId={selected} onClose={() => setSelected(null)} />}
    </div>
  );
}
