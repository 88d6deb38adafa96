import { useEffect, useState, type FormEvent } from 'react';
import type { SettingsPatch } from '../../../../shared/domain/settings';
import { useInvokeMutation, useInvokeQuery } from '../../client/hooks';

/** Fee rate is stored as a fraction; people think in percent. */
function percentText(rate: number): string {
  return String(Math.round(rate * 100 * 1e6) / 1e6);
}

export function GeneralSettings() {
  const info = useInvokeQuery('system.info', {});
  const settings = useInvokeQuery('settings.get', {});
  const update = useInvokeMutation('settings.update', ['settings.get']);
  const [exchange, setExchange] = useState('');
  const [feePercent, setFeePercent] = useState('');
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!settings.data) return;
    setExchange(settings.data.defaultExchange);
    setFeePercent(percentText(settings.data.defaultFeeRate));
  }, [settings.data]);

  const save = (patch: SettingsPatch) => {
    setSaved(false);
    update.mutate(patch, { onSuccess: () => setSaved(true) });
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const fee = Number(feePercent);
    save({ defaultExchange: exchange.trim(), defaultFeeRate: Number.isFinite(fee) ? fee / 100 : Number.NaN });
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
        <dd>{info.data.tradingMode} — switching to paper or live trading comes with order execution.</dd>
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
      <form onSubmit={onSubmit} className="inline-form">
        <div className="field">
          <label htmlFor="default-exchange">Default exchange (ccxt id)</label>
          <input id="default-exchange" value={exchange} onChange={(e) => setExchange(e.target.value)} spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor="default-fee">Default fee rate (%)</label>
          <input
            id="default-fee"
            inputMode="decimal"
            value={feePercent}
            onChange={(e) => setFeePercent(e.target.value)}
          />
        </div>
        <button type="submit" disabled={update.isPending}>
          Save
        </button>
      </form>
      {update.error && (
        <p role="alert" className="error">
          {update.error.message}
        </p>
      )}
      {saved && !update.error && <p className="ok" role="status">Saved.</p>}
    </section>
  );
}
