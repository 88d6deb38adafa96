import { useState, type FormEvent } from 'react';
import type { Settings, SettingsPatch } from '../../../../shared/domain/settings';
import { useInvokeMutation, useInvokeQuery } from '../../client/hooks';
import { forTrader } from './messages';

/** Fee rate is stored as a fraction; people think in percent. */
function percentText(rate: number): string {
  return String(Math.round(rate * 100 * 1e6) / 1e6);
}

export function GeneralSettings() {
  const info = useInvokeQuery('system.info', {});
  const settings = useInvokeQuery('settings.get', {});
  const update = useInvokeMutation('settings.update', ['settings.get']);
  const [saved, setSaved] = useState(false);

  const save = (patch: SettingsPatch) => {
    setSaved(false);
    update.mutate(patch, { onSuccess: () => setSaved(true) });
  };

  if (!settings.data || !info.data) return <section className="card">Loading settings…</section>;
  return (
    <section className="card" aria-labelledby="general-title">
      <h2 id="general-title">General</h2>
      <dl className="facts">
        <dt>Data directory</dt>
        <dd data-testid="data-dir">{info.data.dataDir}</dd>
        <dt>Version</dt>
        <dd>
          {info.data.appVersion} ({info.data.runtime}, {info.data.platform})
        </dd>
        <dt>Trading mode</dt>
        <dd>{info.data.tradingMode} (switch it under Trading mode)</dd>
      </dl>
      <div className="field">
        <label htmlFor="theme">Theme</label>
        <select
          id="theme"
          value={settings.data.theme}
          onChange={(e) => save({ theme: e.target.value === 'light' ? 'light' : 'dark' })}
        >
          <option value="dark">Dark</option>
          <option value="light">Light</option>
        </select>
      </div>
      <TradingDefaultsForm
        key={`${settings.data.defaultExchange}|${settings.data.defaultFeeRate}`}
        settings={settings.data}
        pending={update.isPending}
        onSave={save}
      />
      {update.error && (
        <p role="alert" className="error">
          {forTrader(update.error.message)}
        </p>
      )}
      {saved && !update.error && (
        <p className="ok" role="status">
          Saved.
        </p>
      )}
    </section>
  );
}

/** Keyed by the stored values, so it starts from them again after every successful save or event. */
function TradingDefaultsForm(props: { settings: Settings; pending: boolean; onSave: (patch: SettingsPatch) => void }) {
  const [exchange, setExchange] = useState(props.settings.defaultExchange);
  const [feePercent, setFeePercent] = useState(percentText(props.settings.defaultFeeRate));
  const [inputError, setInputError] = useState<string | null>(null);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const fee = Number(feePercent.trim().replace(',', '.'));
    if (feePercent.trim() === '' || !Number.isFinite(fee)) {
      setInputError('Enter the fee rate as a number of percent, e.g. 0.26 for 0.26 %.');
      return;
    }
    if (fee < 0 || fee > 5) {
      setInputError('The fee rate is 0 to 5 %.');
      return;
    }
    setInputError(null);
    props.onSave({ defaultExchange: exchange.trim(), defaultFeeRate: fee / 100 });
  };
  return (
    <form onSubmit={onSubmit} className="inline-form">
      <div className="field">
        <label htmlFor="default-exchange">Default exchange (ccxt id)</label>
        <input
          id="default-exchange"
          value={exchange}
          onChange={(e) => setExchange(e.target.value)}
          spellCheck={false}
        />
      </div>
      <div className="field">
        <label htmlFor="default-fee">Default fee rate (%)</label>
        <span className="muted small">
          The venue's taker fee: 0.26 % on the simulated exchange and Kraken's base tier.
        </span>
        <input
          id="default-fee"
          inputMode="decimal"
          value={feePercent}
          onChange={(e) => setFeePercent(e.target.value)}
        />
      </div>
      <button type="submit" disabled={props.pending}>
        Save
      </button>
      {inputError && (
        <p role="alert" className="error">
          {inputError}
        </p>
      )}
    </form>
  );
}
