/**
 * What to sweep: each numeric parameter of the strategy (ticked: swept over its range, written
 * START:END:STEP or as a list), the objective and constraints, grid or seeded random search, the
 * days of candles and the walk-forward windows.
 */
import {
  OPTIMIZE_OBJECTIVES,
  type OptimizeObjective,
  type OptimizeParameter,
} from '../../../../../shared/domain/optimize';
import { OBJECTIVE_LABELS, type OptimiseFormValues } from './optimise-form';

type Props = {
  parameters: readonly OptimizeParameter[];
  values: OptimiseFormValues;
  disabled: boolean;
  onChange: (values: OptimiseFormValues) => void;
};

const KIND_LABELS: Record<OptimizeParameter['kind'], string> = {
  field: 'strategy setting',
  period: 'indicator period',
  parameter: 'indicator setting',
  threshold: 'threshold',
  factor: 'multiplier',
};

function NumberField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  step?: number;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        step={props.step ?? 1}
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

export function OptimiseForm({ parameters, values, disabled, onChange }: Props) {
  const set = <K extends keyof OptimiseFormValues>(key: K, value: OptimiseFormValues[K]) =>
    onChange({ ...values, [key]: value });
  const setRange = (name: string, patch: Partial<{ on: boolean; range: string }>) =>
    set('ranges', { ...values.ranges, [name]: { ...values.ranges[name]!, ...patch } });
  return (
    <fieldset className="optimise-form" disabled={disabled}>
      <table className="data-table optimise-params" data-testid="optimise-params">
        <thead>
          <tr>
            <th>Sweep</th>
            <th>Parameter</th>
            <th className="num">Now</th>
            <th>Values (start:end:step or a list)</th>
          </tr>
        </thead>
        <tbody>
          {parameters.map((p) => {
            const r = values.ranges[p.name]!;
            const id = `opt-param-${p.name}`;
            return (
              <tr key={p.name} className={r.on ? 'swept' : ''}>
                <td>
                  <input
                    type="checkbox"
                    id={id}
                    aria-label={`Sweep ${p.name}`}
                    checked={r.on}
                    onChange={(e) => setRange(p.name, { on: e.target.checked })}
                  />
                </td>
                <td>
                  <label htmlFor={id} className="mono">
                    {p.name}
                  </label>
                  <span className="muted small"> {KIND_LABELS[p.kind]}</span>
                </td>
                <td className="num">{p.value}</td>
                <td>
                  <input
                    type="text"
                    className="mono optimise-range"
                    aria-label={`Values of ${p.name}`}
                    value={r.range}
                    disabled={!r.on}
                    onChange={(e) => setRange(p.name, { range: e.target.value })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="optimise-settings">
        <div className="field">
          <label htmlFor="opt-objective">Objective (maximised)</label>
          <select
            id="opt-objective"
            value={values.objective}
            onChange={(e) => set('objective', e.target.value as OptimizeObjective)}
          >
            {OPTIMIZE_OBJECTIVES.map((o) => (
              <option key={o} value={o}>
                {OBJECTIVE_LABELS[o]}
              </option>
            ))}
          </select>
        </div>
        <NumberField id="opt-days" label="Days of candles" value={values.days} onChange={(v) => set('days', v)} />
        <NumberField
          id="opt-min-trades"
          label="Minimum trades"
          value={values.minTrades}
          placeholder="none"
          onChange={(v) => set('minTrades', v)}
        />
        <NumberField
          id="opt-max-dd"
          label="Maximum drawdown (%)"
          value={values.maxDrawdown}
          placeholder="none"
          step={0.5}
          onChange={(v) => set('maxDrawdown', v)}
        />
        <div className="field">
          <label htmlFor="opt-method">Method</label>
          <select
            id="opt-method"
            value={values.method}
            onChange={(e) => set('method', e.target.value as 'grid' | 'random')}
          >
            <option value="grid">Grid: every combination</option>
            <option value="random">Random: a seeded sample</option>
          </select>
        </div>
        {values.method === 'random' && (
          <>
            <NumberField id="opt-samples" label="Samples" value={values.samples} onChange={(v) => set('samples', v)} />
            <NumberField id="opt-seed" label="Seed" value={values.seed} onChange={(v) => set('seed', v)} />
          </>
        )}
      </div>
      <div className="optimise-settings">
        <label className="check">
          <input
            type="checkbox"
            checked={values.walkForward}
            onChange={(e) => set('walkForward', e.target.checked)}
            data-testid="opt-walk-forward"
          />{' '}
          Walk forward: optimise on each in-sample window, trade the best set on the next out-of-sample one
        </label>
        {values.walkForward && (
          <>
            <NumberField
              id="opt-is"
              label="In-sample days"
              value={values.inSampleDays}
              step={0.5}
              onChange={(v) => set('inSampleDays', v)}
            />
            <NumberField
              id="opt-oos"
              label="Out-of-sample days"
              value={values.outOfSampleDays}
              step={0.5}
              onChange={(v) => set('outOfSampleDays', v)}
            />
            <NumberField
              id="opt-step"
              label="Step days"
              value={values.stepDays}
              placeholder="= out of sample"
              step={0.5}
              onChange={(v) => set('stepDays', v)}
            />
            <label className="check">
              <input type="checkbox" checked={values.anchored} onChange={(e) => set('anchored', e.target.checked)} />{' '}
              Anchored (every in-sample window starts at the first candle)
            </label>
          </>
        )}
      </div>
    </fieldset>
  );
}
