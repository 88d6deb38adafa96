/**
 * The gauntlet's result: the verdict with its reasons, the 30-day backtest (figures and equity),
 * the out-of-sample split with its overfitting flag, cost stress, parameter stability and Monte Carlo.
 */
import { headlineFigures, type GauntletReport, type StageFigures } from '../../../../../shared/domain/gauntlet';
import { ms, pct, when } from './format';
import { GauntletEquity } from './GauntletEquity';
import { StabilityVariants } from './StabilityVariants';
import { StageFiguresHead, StageFiguresRow } from './StageFiguresRow';
import { VerdictBadge } from './VerdictBadge';

function backtestFigures(report: GauntletReport): StageFigures {
  return { grade: report.backtest.grade.grade, ...headlineFigures(report.backtest.metrics) };
}

export function GauntletView({ report }: { report: GauntletReport }) {
  const { outOfSample: oos, costStress, stability, monteCarlo, verdict } = report;
  return (
    <div className="ai-gauntlet" data-testid="ai-gauntlet">
      <div className="ai-verdict" data-testid="ai-verdict">
        <h3>
          Verdict <VerdictBadge grade={verdict.grade} testId="ai-verdict-grade" />
        </h3>
        <ul className="ai-reasons">
          {verdict.reasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
        <p className="muted small">
          {report.symbol} · {report.timeframe} · ran {when(report.ranAt)} in {ms(report.elapsedMs)}
        </p>
      </div>

      <table className="data-table ai-stages" data-testid="ai-stages">
        <thead>
          <StageFiguresHead first="Stage" />
        </thead>
        <tbody>
          <StageFiguresRow label="Backtest, last 30 days" figures={backtestFigures(report)} />
          <StageFiguresRow label="In-sample" note="(first 70 %)" figures={oos.inSample} />
          <StageFiguresRow label="Out-of-sample" note="(last 30 %)" figures={oos.outOfSample} />
          <StageFiguresRow
            label="Costs doubled"
            note={`(fee ${pct(costStress.feeRate * 100)}, slippage ${costStress.slippageBps} bps)`}
            figures={costStress.figures}
          />
        </tbody>
      </table>

      <p data-testid="ai-overfitting" className={oos.overfitting ? 'warning' : 'muted'}>
        {oos.inSample.trades === 0 || oos.outOfSample.trades === 0 ? (
          <>No overfitting check: the {oos.inSample.trades === 0 ? 'in-sample' : 'out-of-sample'} part has no trades.</>
        ) : (
          <>
            In-sample minus out-of-sample net profit: {pct(oos.gapPercent, true)} —{' '}
            {oos.overfitting ? 'a large gap: likely overfitting.' : 'no sign of overfitting.'}
          </>
        )}
      </p>

      <GauntletEquity backtest={report.backtest} />

      <div className="ai-gauntlet-facts">
        <div data-testid="ai-stability">
          <h4>Parameter stability</h4>
          <p>
            <strong>{pct(stability.sharePercent)}</strong> of variants still pass ({stability.passing} of{' '}
            {stability.total}, each numeric parameter moved ±20 %).
          </p>
          <StabilityVariants variants={stability.variants} />
        </div>
        <div data-testid="ai-monte-carlo">
          <h4>Monte Carlo</h4>
          <p>
            95th-percentile drawdown <strong>{pct(monteCarlo.p95DrawdownPercent)}</strong>
            <span className="muted">
              {' '}
              (median {pct(monteCarlo.medianDrawdownPercent)}, {monteCarlo.runs.toLocaleString('en-US')} shuffles of the
              trade order)
            </span>
          </p>
        </div>
      </div>
    </div>
  );
}
