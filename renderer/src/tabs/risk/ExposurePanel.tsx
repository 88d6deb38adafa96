import type { RiskOverview } from '../../../../shared/domain/risk-view';
import { LimitBar } from './LimitBar';

/** Exposure per symbol against the capital-per-symbol limit, and in total against the ceiling. */
export function ExposurePanel({ overview }: { overview: RiskOverview }) {
  const { exposure, currency } = overview;
  return (
    <section className="card" aria-labelledby="exposure-title" data-testid="exposure">
      <h2 id="exposure-title">Exposure</h2>
      {exposure.symbols.length === 0 && <p className="muted">No positions and no open buy orders.</p>}
      {exposure.symbols.map((s) => (
        <LimitBar key={s.symbol} label={s.symbol} bar={s} currency={currency} testId={`exposure-${s.symbol}`} />
      ))}
      <LimitBar label="Total" bar={exposure.total} currency={currency} testId="exposure-total" />
      <p className="muted small">
        Positions at the book&apos;s mid plus open buy orders at their price, against equity
        {overview.equity === null ? ' (not available: trading is not running)' : ''}.
      </p>
    </section>
  );
}
