import { EmptyState } from '../components/EmptyState';

export function StrategiesTab() {
  return (
    <EmptyState
      title="Strategies"
      items={[
        'A strategy library with templates, live validation and import/export',
        'Local backtests with metrics, equity and drawdown charts and a quality grade',
        'Strategies generated from plain language by Claude, graded before they may run',
      ]}
    >
      No strategy can be created or run in this version yet. This tab will hold:
    </EmptyState>
  );
}
