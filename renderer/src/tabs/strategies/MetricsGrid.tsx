/** A backtest's metrics as a grid of labelled figures (money 2 decimals, percents 2, ratios 2). */
import type { BacktestMetricsView } from '../../../../shared/domain/backtest-report';
import { formatDuration, formatMoney, formatPct, formatRatio, signClass } from './format';

type Figure = { label: string; value: string; tone?: 'up' | 'down' | '' };

const tone = signClass;

export function metricFigures(m: BacktestMetricsView): Figure[] {
  const dd = `${formatDuration(m.maxDrawdownDurationMs)} (${m.maxDrawdownDurationCandles} candles${m.maxDrawdownRecovered ? '' : ', not recovered'})`;
  return [
    {
      label: 'Net profit',
      value: `${formatMoney(m.netProfit, true)} (${formatPct(m.netProfitPercent, true)})`,
      tone: tone(m.netProfit),
    },
    { label: 'Final equity', value: `${formatMoney(m.finalEquity)} of ${formatMoney(m.initialCapital)}` },
    { label: 'CAGR', value: formatPct(m.cagrPercent, true), tone: tone(m.cagrPercent) },
    { label: 'Buy & hold', value: formatPct(m.buyAndHoldPercent, true), tone: tone(m.buyAndHoldPercent) },
    { label: 'Trades', value: String(m.trades) },
    { label: 'Win rate', value: formatPct(m.winRatePercent) },
    { label: 'Profit factor', value: formatRatio(m.profitFactor, m.trades > 0 ? '∞ (no loss)' : '—') },
    { label: 'Expectancy', value: formatMoney(m.expectancy, true), tone: tone(m.expectancy) },
    { label: 'Average win', value: formatMoney(m.averageWin), tone: tone(m.averageWin) },
    { label: 'Average loss', value: formatMoney(m.averageLoss), tone: tone(-Math.abs(m.averageLoss)) },
    {
      label: 'Best trade',
      value: m.bestTrade === null ? '—' : formatMoney(m.bestTrade, true),
      tone: tone(m.bestTrade),
    },
    {
      label: 'Worst trade',
      value: m.worstTrade === null ? '—' : formatMoney(m.worstTrade, true),
      tone: tone(m.worstTrade),
    },
    {
      label: 'Max drawdown',
      value: formatPct(m.maxDrawdownPercent),
      tone: tone(-m.maxDrawdownPercent),
    },
    { label: 'Drawdown duration', value: dd },
    { label: 'Sharpe', value: formatRatio(m.sharpe) },
    { label: 'Sortino', value: formatRatio(m.sortino, m.trades > 0 ? '∞ (no downside)' : '—') },
    { label: 'Exposure', value: formatPct(m.exposurePercent) },
    { label: 'Fees paid', value: formatMoney(m.feesPaid) },
    { label: 'Avg candles in trade', value: m.averageCandlesInTrade.toFixed(1) },
  ];
}

export function MetricsGrid({ metrics }: { metrics: BacktestMetricsView }) {
  return (
    <dl className="metrics-grid" data-testid="backtest-metrics">
      {metricFigures(metrics).map((f) => (
        <div key={f.label} className="metric">
          <dt>{f.label}</dt>
          <dd className={f.tone ?? ''}>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
