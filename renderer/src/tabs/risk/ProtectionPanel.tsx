import { useState } from 'react';
import type { RiskOverview } from '../../../../shared/domain/risk-view';
import { useInvokeMutation, useInvokeQuery } from '../../client/hooks';
import { formatTime } from '../orders/format';

const CHOICES = [
  {
    value: 'dead_man',
    label: "Dead man's switch",
    text:
      'The exchange cancels every open order 60 s after the app stops answering (crash, sleep, lost network). ' +
      'Stops are held by the engine: protected only while the workstation runs.',
  },
  {
    value: 'native_stops',
    label: 'Native stops kept on the exchange',
    text:
      'Stop loss and take profit rest on the exchange as native orders and hold while the app is closed, ' +
      "asleep or crashed. The dead man's switch is off (on Kraken it would cancel them too).",
  },
] as const;

/** Where protective orders live (the trader's choice), and what the account holds with its entry prices. */
export function ProtectionPanel({ overview }: { overview: RiskOverview }) {
  const settings = useInvokeQuery('risk.settings.get', {});
  const update = useInvokeMutation('risk.settings.update', ['risk.settings.get', 'risk.overview']);
  const [prices, setPrices] = useState<Record<string, string>>({});
  const p = overview.protection;
  const choice = settings.data?.liveProtection ?? p?.choice ?? 'dead_man';
  const holdings = overview.holdings ?? [];
  return (
    <section className="card" aria-labelledby="protection-title" data-testid="protection-panel">
      <h2 id="protection-title">Protective orders (LIVE)</h2>
      <fieldset className="choice" disabled={update.isPending}>
        <legend>When the app is closed, asleep or crashed</legend>
        {CHOICES.map((c) => (
          <label key={c.value} className="block">
            <input
              type="radio"
              name="live-protection"
              value={c.value}
              checked={choice === c.value}
              onChange={() => update.mutate({ liveProtection: c.value })}
            />{' '}
            <strong>{c.label}</strong>
            <span className="muted small"> — {c.text}</span>
          </label>
        ))}
      </fieldset>
      {p && (
        <p data-testid="protection-state">
          {p.detail}. Now: {p.engineHeld} engine-held stop(s)
          {p.engineHeld > 0 ? ' (protected only while the workstation runs)' : ''}, {p.native} native stop(s) on the
          exchange.
        </p>
      )}
      {update.error && (
        <p role="alert" className="error small">
          {update.error.message}
        </p>
      )}
      <h3>Holdings</h3>
      <table className="data-table" data-testid="holdings">
        <thead>
          <tr>
            <th>Symbol</th>
            <th>Quantity</th>
            <th>Bought in the app</th>
            <th>Bought outside</th>
            <th>Entry price</th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          {holdings.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No positions.
              </td>
            </tr>
          )}
          {holdings.map((h) => (
            <tr key={h.symbol}>
              <td>{h.symbol}</td>
              <td>{h.quantity}</td>
              <td>{h.inApp}</td>
              <td>{h.outsideApp}</td>
              <td>
                {h.entryPrice ?? (
                  <form
                    onSubmit={(e) => {
                      e.preventDefault();
                      const price = prices[h.symbol]?.trim();
                      if (price) update.mutate({ holdingEntries: { [h.symbol]: price } });
                    }}
                  >
                    <span className="muted small">unknown: bought outside the app </span>
                    <input
                      aria-label={`Entry price of ${h.symbol}`}
                      inputMode="decimal"
                      size={10}
                      value={prices[h.symbol] ?? ''}
                      onChange={(e) => setPrices({ ...prices, [h.symbol]: e.target.value })}
                    />
                    <button type="submit">Set</button>
                  </form>
                )}
              </td>
              <td className="small">
                {h.source === 'exchange'
                  ? `exchange balance${h.readAt ? `, read ${formatTime(h.readAt)} UTC` : ''}`
                  : 'app'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
