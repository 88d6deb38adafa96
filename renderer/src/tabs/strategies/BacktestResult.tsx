/**
 * A backtest's report: the grade with its reasons, the metrics, equity and drawdown charts, the
 * price chart with the trades marked, the trade list and the vetoes.
 */
import type { BacktestReport } from '../../../../shared/domain/backtest-report';
import { DrawdownChart, EquityChart } from './EquityChart';
import { formatMoney, formatPct, formatUtc } from './format';
import { GradeBadge } from './GradeBadge';
import { MetricsGrid } from './MetricsGrid';
import { TradeList } from './TradeList';
import { TradesChart } from './TradesChart';
import { VetoList } from './VetoList';

export function BacktestResult({ report }: { report: BacktestReport }) {
  const s = report.settings;
  return (
    <section
      className="card backtest-result"
      aria-labelledby="result-title"
      data-testid="backtest-result"
      data-job={report.jobId}
    >
      <div className="card-head">
        <h2 id="result-title">
          Result: {report.strategyName} on {report.symbol} {report.timeframe}
        </h2>
        <span className="muted small">
          {formatUtc(report.from)} → {formatUtc(report.to)} UTC · {report.candles.toLocaleString('en-US')} candles · fee{' '}
          {formatPct(s.feeRate * 100)} · slippage {(s.slippage * 10_000).toFixed(0)} bps · capital{' '}
          {formatMoney(s.initialCapital)} · risk {report.risk === 'off' ? 'off' : 'limits in force'} ·{' '}
          {(report.elapsedMs / 1000).toFixed(2)} s
        </span>
      </div>
      <div className="grade-block" data-testid="backtest-grade">
        <GradeBadge grade={report.grade.grade} />
        <ul className="grade-reasons">
          {report.grade.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </div>
      <MetricsGrid metrics={report.metrics} />
      <div className="result-charts">
        <EquityChart equity={report.equity} />
        <DrawdownChart drawdown={report.drawdown} />
      </div>
      <h3>Trades on the price chart</h3>
      <TradesChart report={report} />
      <h3>Trades</h3>
      <TradeList trades={report.trades} total={report.tradesTotal} symbol={report.symbol} />
      <h3>Vetoes</h3>
      <VetoList vetoes={report.vetoes} total={report.vetoesTotal} />
    </section>
  );
}
