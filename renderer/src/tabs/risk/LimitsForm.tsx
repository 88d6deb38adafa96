import { useState, type FormEvent } from 'react';
import type { KillSwitchMode, OrderSizeLimit, RiskSettings } from '../../../../shared/domain/risk';
import type { RiskSettingsPatch } from '../../../../shared/domain/risk-view';
import { useInvokeMutation, useInvokeQuery } from '../../client/hooks';
import {
  LIMIT_FIELDS,
  TOGGLES,
  fieldError,
  formFrom,
  toPatch,
  type LimitField,
  type LimitId,
  type Toggle,
} from './limits';

const TOGGLE_LABEL: Record<Toggle, string> = {
  capitalPerSymbol: 'Capital per symbol',
  totalExposure: 'Total exposure',
  dailyLoss: 'Daily loss limit',
  maxDrawdown: 'Maximum drawdown',
  spread: 'Spread cap',
  slippage: 'Slippage cap',
  maxOpenOrders: 'Open orders limit',
  maxOrdersPerMinute: 'Orders per minute (runaway guard)',
  atrSpike: 'ATR spike breaker',
};
const PROTECT = [
  ['freezeOnSuspend', 'Freeze entries when the system suspends'],
  ['freezeOnLock', 'Freeze entries when the screen locks'],
  ['freezeOnNetworkLoss', 'Freeze entries when the network is lost'],
  ['engageKillSwitchOnProtect', 'Also engage the kill switch (stays until re-armed)'],
] as const;
const SIZE_FIELDS = ['minQuantity', 'maxQuantity', 'minNotional', 'maxNotional'] as const;
const DECIMAL = /^\d+(\.\d+)?$/;

type Sizes = Record<string, Record<(typeof SIZE_FIELDS)[number], string>>;

function sizesFrom(settings: RiskSettings, symbols: readonly string[]): Sizes {
  const out: Sizes = {};
  for (const s of new Set([...symbols, ...Object.keys(settings.orderSize.perSymbol)])) {
    const l: OrderSizeLimit = settings.orderSize.perSymbol[s] ?? {};
    out[s] = {
      minQuantity: l.minQuantity ?? '',
      maxQuantity: l.maxQuantity ?? '',
      minNotional: l.minNotional ?? '',
      maxNotional: l.maxNotional ?? '',
    };
  }
  return out;
}

function sizesPatch(sizes: Sizes): { perSymbol: Record<string, OrderSizeLimit>; error: string | null } {
  const perSymbol: Record<string, OrderSizeLimit> = {};
  for (const [symbol, row] of Object.entries(sizes)) {
    const limit: Record<string, string> = {};
    for (const f of SIZE_FIELDS) {
      const v = row[f].trim();
      if (v === '') continue;
      if (!DECIMAL.test(v) || Number(v) <= 0)
        return { perSymbol, error: `${symbol} ${f}: enter a number above 0, or leave it empty` };
      limit[f] = v;
    }
    if (Object.keys(limit).length > 0) perSymbol[symbol] = limit;
  }
  return { perSymbol, error: null };
}

function unitOf(f: LimitField): string {
  return f.range.unit;
}

/** Every limit, editable: checked in the form as you type, then by the engine (its message is shown as is). */
export function LimitsForm(props: {
  settings: RiskSettings;
  symbols: readonly string[];
  saved: boolean;
  pending: boolean;
  error: string | null;
  save: (patch: RiskSettingsPatch) => void;
  setSaved: (saved: boolean) => void;
}) {
  const { settings, symbols, saved, setSaved } = props;
  const [form, setForm] = useState(() => formFrom(settings));
  const [touched, setTouched] = useState<Partial<Record<LimitId, boolean>>>({});
  const [mode, setMode] = useState<KillSwitchMode>(settings.lossLimitMode);
  const [protect, setProtect] = useState(settings.protect);
  const [dryRun, setDryRun] = useState(settings.dryRun);
  const [sizes, setSizes] = useState(() => sizesFrom(settings, symbols));
  const [sizesOn, setSizesOn] = useState(settings.orderSize.enabled);
  const [problem, setProblem] = useState<string | null>(null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const { patch, errors } = toPatch(form, settings);
    const size = sizesPatch(sizes);
    setTouched(Object.fromEntries(LIMIT_FIELDS.map((f) => [f.id, true])));
    if (Object.keys(errors).length > 0 || size.error) {
      setProblem(size.error ?? 'Some values are out of range: see the fields marked in red.');
      return;
    }
    setProblem(null);
    const full: RiskSettingsPatch = { ...patch };
    if (mode !== settings.lossLimitMode) full.lossLimitMode = mode;
    if (JSON.stringify(protect) !== JSON.stringify(settings.protect)) full.protect = protect;
    if (dryRun !== settings.dryRun) full.dryRun = dryRun;
    if (
      sizesOn !== settings.orderSize.enabled ||
      JSON.stringify(size.perSymbol) !== JSON.stringify(settings.orderSize.perSymbol)
    ) {
      full.orderSize = { enabled: sizesOn, perSymbol: size.perSymbol };
    }
    if (Object.keys(full).length === 0) {
      setSaved(true);
      return;
    }
    props.save(full);
  };

  const field = (f: LimitField) => {
    const error = touched[f.id] ? fieldError(form.values[f.id], f.range) : null;
    return (
      <div className="field" key={f.id}>
        <label htmlFor={`limit-${f.id}`}>
          {f.title} ({unitOf(f)})
        </label>
        <input
          id={`limit-${f.id}`}
          inputMode="decimal"
          value={form.values[f.id]}
          aria-invalid={error !== null}
          aria-describedby={error ? `limit-${f.id}-error` : undefined}
          onChange={(e) => {
            setSaved(false);
            setTouched((t) => ({ ...t, [f.id]: true }));
            setForm((x) => ({ ...x, values: { ...x.values, [f.id]: e.target.value } }));
          }}
        />
        {error && (
          <span id={`limit-${f.id}-error`} className="error small">
            {error} (range {f.range.min} to {f.range.max})
          </span>
        )}
      </div>
    );
  };

  return (
    <form className="card limits-form" onSubmit={onSubmit} aria-labelledby="limits-title" data-testid="limits-form">
      <h2 id="limits-title">Limits</h2>
      <div className="limits-grid">{LIMIT_FIELDS.map(field)}</div>
      <fieldset>
        <legend>Rules on</legend>
        {TOGGLES.map((t) => (
          <label key={t} className="check">
            <input
              type="checkbox"
              checked={form.enabled[t]}
              onChange={(e) => setForm((x) => ({ ...x, enabled: { ...x.enabled, [t]: e.target.checked } }))}
            />{' '}
            {TOGGLE_LABEL[t]}
          </label>
        ))}
        <label className="check">
          <input type="checkbox" checked={sizesOn} onChange={(e) => setSizesOn(e.target.checked)} /> Order size per
          symbol
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor="loss-limit-mode">When a loss limit is broken, engage the kill switch as</label>
        <select
          id="loss-limit-mode"
          value={mode}
          onChange={(e) => setMode(e.target.value === 'FLATTEN' ? 'FLATTEN' : 'FREEZE')}
        >
          <option value="FREEZE">FREEZE (block entries, cancel orders)</option>
          <option value="FLATTEN">FLATTEN (also close every position)</option>
        </select>
      </div>
      <fieldset>
        <legend>Protect mode</legend>
        {PROTECT.map(([key, label]) => (
          <label key={key} className="check">
            <input
              type="checkbox"
              checked={protect[key]}
              onChange={(e) => setProtect((p) => ({ ...p, [key]: e.target.checked }))}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Order size per symbol (entries; empty = no bound)</legend>
        <table className="data-table sizes-table">
          <thead>
            <tr>
              <th>Symbol</th>
              <th>Min qty</th>
              <th>Max qty</th>
              <th>Min notional</th>
              <th>Max notional</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(sizes).map(([symbol, row]) => (
              <tr key={symbol}>
                <td>{symbol}</td>
                {SIZE_FIELDS.map((f) => (
                  <td key={f}>
                    <input
                      aria-label={`${symbol} ${f}`}
                      inputMode="decimal"
                      value={row[f]}
                      onChange={(e) => setSizes((s) => ({ ...s, [symbol]: { ...row, [f]: e.target.value.trim() } }))}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> Dry run: in LIVE mode
        every order is checked, none is sent to the exchange
      </label>
      <div className="toolbar">
        <button type="submit" disabled={props.pending}>
          Save limits
        </button>
        {saved && !props.error && (
          <span className="ok" role="status">
            Saved.
          </span>
        )}
      </div>
      {(problem ?? props.error) && (
        <p role="alert" className="error">
          {problem ?? props.error}
        </p>
      )}
    </form>
  );
}

/** Loads the settings and the market's symbols; the form restarts from the stored values after each change. */
export function LimitsCard() {
  const settings = useInvokeQuery('risk.settings.get', {});
  // Outside the keyed form: the form starts again from the stored values after a save, the outcome stays.
  const update = useInvokeMutation('risk.settings.update', ['risk.settings.get', 'risk.overview']);
  const [saved, setSaved] = useState(false);
  const market = useInvokeQuery('market.overview', {});
  if (settings.error) return <section className="card error">{settings.error.message}</section>;
  if (!settings.data) return <section className="card">Loading the limits…</section>;
  const symbols = market.data?.markets.map((m) => m.symbol) ?? [];
  return (
    <LimitsForm
      key={`${JSON.stringify(settings.data)}|${symbols.join()}`}
      settings={settings.data}
      symbols={symbols}
      saved={saved}
      setSaved={setSaved}
      pending={update.isPending}
      error={update.error?.message ?? null}
      save={(patch) => {
        update.reset();
        update.mutate(patch, { onSuccess: () => setSaved(true) });
      }}
    />
  );
}
