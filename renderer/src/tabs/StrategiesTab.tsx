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
      Strategies cannot be edited or run from this tab yet. Backtests already run from the command line:{' '}
      <code>npm run cli -- backtest --candles FILE.csv --strategy FILE.json</code>. This tab will hold:
    </EmptyState>
  );
}
