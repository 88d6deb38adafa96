import { useState, type FormEvent } from 'react';
import { useInvokeMutation, useInvokeQuery } from '../../client/hooks';

/** Advanced: the exchange's testnet (ccxt sandbox mode, where it has one) or another API base URL. */
export function ExchangeConnectionSettings() {
  const settings = useInvokeQuery('settings.get', {});
  const update = useInvokeMutation('settings.update', ['settings.get']);
  const [exchangeId, setExchangeId] = useState('');
  const [draft, setDraft] = useState<{ sandbox: boolean; baseUrl: string } | null>(null);
  if (!settings.data) return null;
  const id = (exchangeId || settings.data.defaultExchange).trim();
  const stored = settings.data.exchangeOverrides[id];
  const shown = draft ?? { sandbox: stored?.sandbox ?? false, baseUrl: stored?.baseUrl ?? '' };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const overrides = { ...settings.data!.exchangeOverrides };
    overrides[id] = { sandbox: shown.sandbox, baseUrl: shown.baseUrl.trim() === '' ? null : shown.baseUrl.trim() };
    update.mutate({ exchangeOverrides: overrides }, { onSuccess: () => setDraft(null) });
  };

  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby="exchange-connection-title">
      <h2 id="exchange-connection-title">Exchange connection (advanced)</h2>
      <p className="muted small">
        Used by exchange market data, paper and live trading. A command-line --exchange-url wins over these.
      </p>
      <div className="field">
        <label htmlFor="conn-exchange">Exchange (ccxt id)</label>
        <input
          id="conn-exchange"
          placeholder={settings.data.defaultExchange}
          value={exchangeId}
          onChange={(e) => {
            setExchangeId(e.target.value);
            setDraft(null);
          }}
        />
      </div>
      <label className="radio block">
        <input
          type="checkbox"
          checked={shown.sandbox}
          onChange={(e) => setDraft({ ...shown, sandbox: e.target.checked })}
        />
        Use the exchange’s testnet (where ccxt has one; Kraken spot has none)
      </label>
      <div className="field">
        <label htmlFor="conn-base-url">API base URL (scheme, host and port; empty for the exchange’s own)</label>
        <input
          id="conn-base-url"
          placeholder="http://127.0.0.1:8080"
          value={shown.baseUrl}
          onChange={(e) => setDraft({ ...shown, baseUrl: e.target.value })}
        />
      </div>
      <button type="submit" disabled={update.isPending}>
        Save
      </button>
      {update.error && (
        <p role="alert" className="error">
          {update.error.message}
        </p>
      )}
    </form>
  );
}
