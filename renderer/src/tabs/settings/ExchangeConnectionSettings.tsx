import { useState, type FormEvent } from 'react';
import { useInvokeMutation, useInvokeQuery } from '../../client/hooks';
import { exchangeUrlConfirmText, exchangeUrlRequirement } from '../../../../shared/domain/exchange-url';
import { forTrader } from './messages';

/** Advanced: the exchange's testnet (ccxt sandbox mode, where it has one) or another API base URL. */
export function ExchangeConnectionSettings() {
  const settings = useInvokeQuery('settings.get', {});
  const update = useInvokeMutation('settings.update', ['settings.get']);
  const [exchangeId, setExchangeId] = useState('');
  const [draft, setDraft] = useState<{ sandbox: boolean; baseUrl: string } | null>(null);
  const [confirm, setConfirm] = useState('');
  if (!settings.data) return null;
  const id = (exchangeId || settings.data.defaultExchange).trim();
  const stored = settings.data.exchangeOverrides[id];
  const shown = draft ?? { sandbox: stored?.sandbox ?? false, baseUrl: stored?.baseUrl ?? '' };
  const url = shown.baseUrl.trim();
  // Another computer gets every signed request with the API key: https, and a typed confirmation.
  const requirement = url === '' || url === (stored?.baseUrl ?? '') ? null : exchangeUrlRequirement(url);
  const expected = requirement === 'needs-confirmation' ? exchangeUrlConfirmText(id, url) : null;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const overrides = { ...settings.data!.exchangeOverrides };
    overrides[id] = { sandbox: shown.sandbox, baseUrl: url === '' ? null : url };
    const onSuccess = () => {
      setDraft(null);
      setConfirm('');
    };
    update.mutate(
      { exchangeOverrides: overrides, ...(expected ? { confirmExchangeUrl: confirm } : {}) },
      { onSuccess },
    );
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
      {requirement === 'needs-https' && (
        <p role="alert" className="error">
          This address is not this computer: use https:// (plain http is for 127.0.0.1 / localhost test servers only).
        </p>
      )}
      {expected && (
        <div className="field">
          <label htmlFor="conn-confirm">
            Every signed request, with your API key, will go to this server. If you trust it, type <b>{expected}</b>
          </label>
          <input id="conn-confirm" autoComplete="off" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        </div>
      )}
      <p className="muted small">Changing the connection of an exchange that trades LIVE switches it to PAPER first.</p>
      <button type="submit" disabled={update.isPending || (expected !== null && confirm !== expected)}>
        Save
      </button>
      {update.error && (
        <p role="alert" className="error">
          {forTrader(update.error.message)}
        </p>
      )}
    </form>
  );
}
