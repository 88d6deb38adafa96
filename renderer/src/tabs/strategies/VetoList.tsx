/** Orders of a backtest the risk gate vetoed: when, which side, the rule and its detail. */
import type { BacktestVetoView } from '../../../../shared/domain/backtest-report';
import { RISK_RULE_NAMES, type RiskRule } from '../../../../shared/domain/risk';
import { formatCount } from '../../../../shared/format/numbers';
import { formatUtc } from './format';

/** A rule by its name ("Capital per symbol"); a rule the list does not know keeps its code. */
function ruleName(rule: string): string {
  return Object.hasOwn(RISK_RULE_NAMES, rule) ? RISK_RULE_NAMES[rule as RiskRule] : rule;
}

export function VetoList({ vetoes, total }: { vetoes: BacktestVetoView[]; total: number }) {
  if (total === 0) return <p className="muted">The risk gate vetoed no order.</p>;
  return (
    <>
      {total > vetoes.length && (
        <p className="muted small">
          The first {formatCount(vetoes.length)} of {formatCount(total)} vetoes.
        </p>
      )}
      <div className="scroll-box">
        <table className="data-table veto-table" data-testid="backtest-vetoes">
          <thead>
            <tr>
              <th>Time (UTC)</th>
              <th>Order</th>
              <th>Rule</th>
              <th>Detail</th>
            </tr>
          </thead>
          <tbody>
            {vetoes.map((v, i) => (
              <tr key={`${v.time}-${i}`}>
                <td className="mono">{formatUtc(v.time)}</td>
                <td>
                  {v.kind} ({v.side})
                </td>
                <td title={v.rule}>{ruleName(v.rule)}</td>
                <td>{v.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
