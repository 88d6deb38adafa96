import type { Breaker, RiskOverview } from '../../../../shared/domain/risk-view';
import { formatLeft, useNow } from './use-now';

const NAMES: Record<Breaker['id'], string> = {
  ATR_SPIKE: 'ATR spike',
  ORDERS_PER_MINUTE: 'Orders per minute',
  PROTECT_MODE: 'Protect mode',
  EXCHANGE_CIRCUIT: 'Exchange circuit',
};

/** Every breaker, tripped or not, with the time it has left (counted down here between refreshes). */
export function BreakersPanel({ overview, fetchedAt }: { overview: RiskOverview; fetchedAt: number }) {
  const now = useNow();
  return (
    <section className="card" aria-labelledby="breakers-title" data-testid="breakers">
      <h2 id="breakers-title">Circuit breakers</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th>Breaker</th>
            <th>State</th>
            <th className="num">Time left</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {overview.breakers.map((b) => (
            <tr key={`${b.id}|${b.symbol ?? ''}`} className={b.tripped ? 'attention' : ''}>
              <td>
                {NAMES[b.id]}
                {b.symbol ? ` ${b.symbol}` : ''}
              </td>
              <td className={b.tripped ? 'error' : 'ok'}>{b.tripped ? 'TRIPPED' : 'ok'}</td>
              <td className="num">{b.tripped && b.msLeft !== null ? formatLeft(b.msLeft - (now - fetchedAt)) : '—'}</td>
              <td className="small">{b.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
