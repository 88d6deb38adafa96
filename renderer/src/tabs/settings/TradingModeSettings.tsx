import { useState } from 'react';
import type { TradingMode } from '../../../../shared/domain/settings';
import { useInvokeMutation, useInvokeQuery } from '../../client/hooks';
import { forTrader } from './messages';

const MODES: { mode: TradingMode; label: string }[] = [
  { mode: 'SIMULATOR', label: 'Simulator: the built-in simulated exchange (offline)' },
  { mode: 'PAPER', label: 'Paper: simulated fills on an exchange’s live market data' },
  { mode: 'LIVE', label: 'Live: real orders with real money' },
];

/** Where orders go. LIVE asks for the exact confirmation text that names the exchange. */
export function TradingModeSettings() {
  const status = useInvokeQuery('trading.status', {});
  const settings = useInvokeQuery('settings.get', {});
  const setMode = useInvokeMutation('trading.setMode', [
    'trading.status',
    'system.info',
    'market.overview',
    'orders.list',
    'portfolio.get',
  ]);
  const [mode, setModeChoice] = useState<TradingMode | null>(null);
  const [exchangeId, setExchangeId] = useState('');
  const [confirm, setConfirm] = useState('');
  const chosen = mode ?? status.data?.mode ?? 'SIMULATOR';
  const exchange = (exchangeId || status.data?.exchangeId || settings.data?.defaultExchange || 'kraken').trim();
  const confirmText = `TRADE LIVE ON ${exchange.toUpperCase()}`;
  // Nothing to switch: the chosen mode (and, off the simulator, the exchange) is the one in force.
  const current = status.data?.mode === chosen && (chosen === 'SIMULATOR' || status.data.exchangeId === exchange);

  const apply = () =>
    setMode.mutate(
      {
        mode: chosen,
        ...(chosen !== 'SIMULATOR' ? { exchangeId: exchange } : {}),
        ...(chosen === 'LIVE' ? { confirm } : {}),
      },
      { onSuccess: () => setConfirm('') },
    );

  return (
    <section className="card" aria-labelledby="trading-mode-title">
      <h2 id="trading-mode-title">Trading mode</h2>
      <p className="muted" data-testid="trading-status">
        Now: <strong>{status.data?.mode ?? '…'}</strong>
        {status.data ? ` on ${status.data.venue}` : ''}
        {status.data?.halted ? ` — orders refused: ${status.data.halted}` : ''}
      </p>
      {MODES.map((m) => (
        <label key={m.mode} className="radio block">
          <input type="radio" name="trading-mode" checked={chosen === m.mode} onChange={() => setModeChoice(m.mode)} />
          {m.label}
        </label>
      ))}
      {chosen !== 'SIMULATOR' && (
        <div className="field">
          <label htmlFor="trading-exchange">Exchange (ccxt id)</label>
          <input
            id="trading-exchange"
            value={exchangeId}
            placeholder={exchange}
            onChange={(e) => setExchangeId(e.target.value)}
          />
        </div>
      )}
      {chosen === 'LIVE' && (
        <div className="field">
          <label htmlFor="trading-confirm">
            Type <strong>{confirmText}</strong> to trade with real money on {exchange}
          </label>
          <input id="trading-confirm" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" />
        </div>
      )}
      <button
        type="button"
        onClick={apply}
        disabled={setMode.isPending || current || (chosen === 'LIVE' && confirm !== confirmText)}
        title={current ? `Trading is already ${chosen}${chosen === 'SIMULATOR' ? '' : ` on ${exchange}`}` : undefined}
      >
        Switch to {chosen}
      </button>
      {setMode.isPending && (
        <p role="status" className="muted" data-testid="trading-switching">
          {setMode.variables?.mode === 'SIMULATOR'
            ? 'switching to the simulator…'
            : `contacting ${setMode.variables?.exchangeId ?? exchange}…`}
        </p>
      )}
      {setMode.error && !setMode.isPending && (
        <p role="alert" className="error">
          {forTrader(setMode.error.message)}
        </p>
      )}
    </section>
  );
}
