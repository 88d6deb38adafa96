import { useInvokeQuery } from '../../client/hooks';
import { RISK_RULE_NAMES, type RiskRule } from '../../../../shared/domain/risk';
import { formatDecimal, formatTime } from '../orders/format';

/** A rule by its name ("Capital per symbol"); a rule the list does not know keeps its code. */
function ruleName(rule: string): string {
  return Object.hasOwn(RISK_RULE_NAMES, rule) ? RISK_RULE_NAMES[rule as RiskRule] : rule;
}

/**
 * Every veto, newest first: when, which order, the rule by its name and the message that states the
 * numbers (the raw figures stay in the audit trail, Logs tab).
 */
export function VetoLog() {
  const vetoes = useInvokeQuery('risk.vetoes', { limit: 100 });
  return (
    <section className="card wide" aria-labelledby="vetoes-title" data-testid="veto-log">
      <h2 id="vetoes-title">Veto log</h2>
      {vetoes.error && <p className="error">{vetoes.error.message}</p>}
      <table className="data-table veto-table">
        <thead>
          <tr>
            <th>Time (UTC)</th>
            <th>Order</th>
            <th>Rule</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {vetoes.data?.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                No order has been vetoed.
              </td>
            </tr>
          )}
          {vetoes.data?.map((v) => (
            <tr key={v.id}>
              <td>{formatTime(v.at)}</td>
              <td>
                {v.order.side} {formatDecimal(v.order.quantity)} {v.order.symbol} {v.order.type}
                {v.order.price ? ` @ ${formatDecimal(v.order.price)}` : ''}
                <span className="muted small">
                  {' '}
                  ({v.order.origin}, {v.order.venue})
                </span>
              </td>
              <td title={v.rule}>{ruleName(v.rule)}</td>
              <td>{v.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
