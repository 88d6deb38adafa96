import { EmptyState } from '../components/EmptyState';

export function OrdersTab() {
  return (
    <EmptyState
      title="Orders"
      items={[
        'Open orders with cancel and cancel-all',
        'Order history with each order’s state timeline and fills',
        'Positions with live P&L, balances, the recovery queue and reconciliation results',
      ]}
    >
      Order execution is not part of this version yet; no order has been placed. This tab will list:
    </EmptyState>
  );
}
