import type { LimitBar as Bar } from '../../../../shared/domain/risk-view';
import { formatDecimal } from '../orders/format';

/** How much of the limit is used, 0..∞ (null: no limit to compare with). */
export function usedShare(bar: Pick<Bar, 'value' | 'limit'>): number | null {
  const value = Number(bar.value);
  const limit = Number(bar.limit);
  if (!(limit > 0)) return null;
  return Math.max(0, value) / limit;
}

/** A value against its limit: the bar fills with the share used, amber from 80 %, red beyond it. */
export function LimitBar(props: { label: string; bar: Bar; currency: string; valueText?: string; testId?: string }) {
  const { bar, currency } = props;
  const share = usedShare(bar);
  const level = share === null ? 'ok' : share > 1 ? 'over' : share >= 0.8 ? 'near' : 'ok';
  const percent = bar.percent === null ? '' : ` (${bar.percent.toFixed(2)} %)`;
  return (
    <div className={`limit-bar limit-${level}${bar.enabled ? '' : ' limit-off'}`} data-testid={props.testId}>
      <div className="limit-bar-head">
        <span className="limit-bar-label">{props.label}</span>
        <span className="limit-bar-value">
          {props.valueText ?? `${formatDecimal(bar.value, 2)} ${currency}`}
          {percent} of {formatDecimal(bar.limit, 2)} {currency} ({bar.limitPercent} % limit)
          {bar.enabled ? '' : ' — turned off'}
        </span>
      </div>
      <div
        className="limit-bar-track"
        role="meter"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={share === null ? 0 : Math.min(100, Math.round(share * 100))}
      >
        <div className="limit-bar-fill" style={{ width: `${share === null ? 0 : Math.min(100, share * 100)}%` }} />
      </div>
    </div>
  );
}
