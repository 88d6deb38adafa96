import { useState, type FormEvent } from 'react';
import {
  describeIndicator,
  findDuplicate,
  INDICATOR_INFO,
  indicatorColor,
  nextColor,
  type IndicatorConfig,
  type IndicatorKind,
} from './indicators';

const KINDS = Object.keys(INDICATOR_INFO) as IndicatorKind[];

/** Add an overlay or a pane with its period; remove any of them. */
export function IndicatorControls({
  value,
  onChange,
}: {
  value: IndicatorConfig[];
  onChange: (next: IndicatorConfig[]) => void;
}) {
  const [kind, setKind] = useState<IndicatorKind>('SMA');
  const [period, setPeriod] = useState(String(INDICATOR_INFO.SMA.defaultPeriod));
  const [error, setError] = useState<string | null>(null);
  const info = INDICATOR_INFO[kind];

  const add = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(period);
    if (!Number.isInteger(n) || n < info.min || n > info.max) {
      setError(`The ${info.label} period is a whole number from ${info.min} to ${info.max}.`);
      return;
    }
    const same = findDuplicate(value, kind, n);
    if (same) {
      setError(`${describeIndicator(same)} is on the chart already.`);
      return;
    }
    setError(null);
    onChange([...value, { id: `${kind}-${n}`, kind, period: n, color: nextColor(value) }]);
  };

  return (
    <div className="indicator-controls">
      <form onSubmit={add} className="inline">
        <select
          aria-label="Indicator"
          value={kind}
          onChange={(e) => {
            const k = e.target.value as IndicatorKind;
            setKind(k);
            setPeriod(String(INDICATOR_INFO[k].defaultPeriod));
          }}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {INDICATOR_INFO[k].label}
            </option>
          ))}
        </select>
        <input
          aria-label="Period"
          className="period"
          inputMode="numeric"
          value={period}
          disabled={info.min === info.max}
          onChange={(e) => setPeriod(e.target.value)}
        />
        <button type="submit">Add</button>
      </form>
      <ul className="chips" aria-label="Indicators on the chart">
        {value.map((c, index) => (
          <li key={c.id} className="chip">
            <span className="swatch" style={{ background: indicatorColor(c, index) }} aria-hidden="true" />
            {describeIndicator(c)}
            <button
              type="button"
              aria-label={`Remove ${describeIndicator(c)}`}
              onClick={() => onChange(value.filter((x) => x.id !== c.id))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
