import type { RiskOverview } from '../../../../shared/domain/risk-view';
import { formatDecimal, formatTime, pnlClass } from '../orders/format';
import { LimitBar } from './LimitBar';

/** Daily P&L against the daily loss limit, and the drawdown from the equity peak against its limit. */
export function LossPanel({ overview }: { overview: RiskOverview }) {
  const { dailyLoss, drawdown, currency } = overview;
  return (
    <section className="card" aria-labelledby="loss-title" data-testid="loss-limits">
      <h2 id="loss-title">Loss limits</h2>
      {!dailyLoss || !drawdown ? (
        <p className="muted">The equity is being measured; the limits show once it has been marked.</p>
      ) : (
        <>
          <p>
            Daily P&amp;L{' '}
            <strong className={pnlClass(dailyLoss.pnl)} data-testid="daily-pnl">
              {formatDecimal(dailyLoss.pnl, 2)} {currency}
            </strong>{' '}
            <span className="muted">
              since 00:00 UTC (start-of-day equity {formatDecimal(dailyLoss.startOfDayEquity, 2)} {currency})
            </span>
          </p>
          <LimitBar
            label="Daily loss"
            bar={dailyLoss}
            currency={currency}
            valueText={`loss ${formatDecimal(Number(dailyLoss.value) > 0 ? dailyLoss.value : '0', 2)} ${currency}`}
            testId="daily-loss"
          />
          <LimitBar
            label="Drawdown from the peak"
            bar={drawdown}
            currency={currency}
            valueText={`${formatDecimal(Number(drawdown.value) > 0 ? drawdown.value : '0', 2)} ${currency} below the peak ${formatDecimal(drawdown.peakEquity, 2)} (${formatTime(drawdown.peakAt)} UTC)`}
            testId="drawdown"
          />
          <p className="muted small">Going beyond either limit engages the kill switch.</p>
        </>
      )}
    </section>
  );
}
