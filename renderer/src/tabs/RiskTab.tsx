import { EmptyState } from '../components/EmptyState';

export function RiskTab() {
  return (
    <EmptyState
      title="Risk"
      items={[
        'Exposure per symbol and in total against their limits',
        'Daily P&L against the loss limit and drawdown from the equity peak',
        'Circuit breakers, the kill switch and its history, and the veto log',
      ]}
    >
      No order can be placed in this version, so there is no exposure to show yet. This tab will show:
    </EmptyState>
  );
}
