/**
 * A backtest's report: the grade with its reasons, the metrics, equity and drawdown charts, the
 * price chart with the trades marked, the trade list and the vetoes.
 */
import type { BacktestReport } from '../../../../shared/domain/backtest-report';
import { DrawdownChart, EquityChart } from './EquityChart';
import { formatCount, formatRate } from '../../../../shared/format/numbers';
import { formatMoney, formatPct, formatUtc, signClass } from './format';
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
          {formatUtc(report.from)} → {formatUtc(report.to)} UTC · {formatCount(report.candles)} candles · fee{' '}
          {formatRate(s.feeRate)} · slippage {(s.slippage * 10_000).toFixed(0)} bps · capital{' '}
          {formatMoney(s.initialCapital)} · risk {report.risk === 'off' ? 'off' : 'limits in force'} ·{' '}
          {(report.elapsedMs / 1000).toFixed(2)} s
        </span>
      </div>
      <VersusHolding report={report} />
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

/** The strategy's return beside buying at the first open and holding to the last close of the same range. */
function VersusHolding({ report }: { report: BacktestReport }) {
  const m = report.metrics;
  const made = Number(m.netProfitPercent.toFixed(2));
  const held = Number(m.buyAndHoldPercent.toFixed(2));
  const verdict = made > held ? 'beat holding' : made < held ? 'made less than holding' : 'matched holding';
  return (
    <p className="versus-holding" data-testid="backtest-vs-hold">
      Strategy <strong className={signClass(m.netProfitPercent)}>{formatPct(m.netProfitPercent, true)}</strong> · Buy
      &amp; hold {report.symbol} over the same range{' '}
      <strong className={signClass(m.buyAndHoldPercent)}>{formatPct(m.buyAndHoldPercent, true)}</strong>
      <span className={made < held ? 'warn-text' : 'muted'}> — the strategy {verdict}</span>
    </p>
  );
}
