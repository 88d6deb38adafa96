/** The backtest settings: symbol, timeframe, range (UTC days), fee, slippage and the risk checks. */
import { TIMEFRAMES, type Timeframe } from '../../../../shared/domain/market';
import type { BacktestFormValues } from './backtest-form';

type Props = {
  values: BacktestFormValues;
  symbols: string[];
  disabled: boolean;
  onChange: (values: BacktestFormValues) => void;
  /** Where the default fee comes from, shown beside the field (e.g. the simulated exchange's fees). */
  feeNote?: string | null;
};

export function BacktestForm({ values, symbols, disabled, onChange, feeNote }: Props) {
  const set = <K extends keyof BacktestFormValues>(key: K, value: BacktestFormValues[K]) =>
    onChange({ ...values, [key]: value });
  return (
    <fieldset className="backtest-form" disabled={disabled}>
      <div className="field">
        <label htmlFor="bt-symbol">Symbol</label>
        <select id="bt-symbol" value={values.symbol} onChange={(e) => set('symbol', e.target.value)}>
          {symbols.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="bt-timeframe">Timeframe</label>
        <select
          id="bt-timeframe"
          value={values.timeframe}
          onChange={(e) => set('timeframe', e.target.value as Timeframe)}
        >
          {TIMEFRAMES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="bt-from">From (UTC)</label>
        <input id="bt-from" type="date" value={values.fromDate} onChange={(e) => set('fromDate', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="bt-to">To (UTC, included)</label>
        <input id="bt-to" type="date" value={values.toDate} onChange={(e) => set('toDate', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="bt-fee">Fee (%)</label>
        <input
          id="bt-fee"
          type="number"
          min={0}
          max={5}
          step={0.01}
          value={values.feePercent}
          onChange={(e) => set('feePercent', e.target.value)}
          aria-describedby={feeNote ? 'bt-fee-note' : undefined}
        />
        {feeNote && (
          <span id="bt-fee-note" className="muted small" data-testid="backtest-fee-note">
            Venue: {feeNote}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="bt-slippage">Slippage (bps)</label>
        <input
          id="bt-slippage"
          type="number"
          min={0}
          max={500}
          step={1}
          value={values.slippageBps}
          onChange={(e) => set('slippageBps', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="bt-risk">Risk checks</label>
        <select id="bt-risk" value={values.risk} onChange={(e) => set('risk', e.target.value as 'default' | 'off')}>
          <option value="default">Risk limits in force</option>
          <option value="off">Off (own stop, target, trail only)</option>
        </select>
        {values.risk === 'off' && (
          <span className="muted small">A backtest with the risk checks off does not qualify the strategy to run.</span>
        )}
      </div>
    </fieldset>
  );
}
