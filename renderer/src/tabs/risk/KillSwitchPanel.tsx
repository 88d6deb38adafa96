import type { RiskOverview } from '../../../../shared/domain/risk-view';
import { useState } from 'react';
import { useInvokeQuery } from '../../client/hooks';
import { RearmDialog } from '../../components/KillSwitchDialogs';
import { formatTime } from '../orders/format';

/** The kill switch (state and history), protect mode, the exchange's dead man's switch, dry run. */
export function KillSwitchPanel({ overview }: { overview: RiskOverview }) {
  const { killSwitch: ks, protect, deadManSwitch: dms } = overview;
  const history = [...ks.history].reverse();
  const progress = useInvokeQuery('killSwitch.progress', {}).data;
  const [rearming, setRearming] = useState(false);
  return (
    <section className="card" aria-labelledby="ks-title" data-testid="kill-switch-panel">
      <h2 id="ks-title">Kill switch</h2>
      <p data-testid="kill-switch-summary">
        {ks.engaged ? (
          <strong className="error">
            ENGAGED ({ks.mode}) since {formatTime(ks.engagedAt)} UTC by {ks.by}: {ks.reason}
          </strong>
        ) : (
          <strong className="ok">Armed: trading allowed</strong>
        )}
        {ks.engaged && (
          <>
            {' '}
            <button type="button" onClick={() => setRearming(true)} data-testid="risk-rearm">
              Re-arm…
            </button>
          </>
        )}
      </p>
      {rearming && <RearmDialog onClose={() => setRearming(false)} />}
      {progress && progress.startedAt !== null && (
        <div data-testid="kill-switch-cancels">
          <p>
            Cancels: {progress.detail}
            {progress.accountSweep ? ` — ${progress.accountSweep}` : ''}
          </p>
          {progress.foreign.length > 0 && (
            <table className="data-table" data-testid="kill-switch-foreign">
              <caption className="muted small">Open orders found on the account that the app did not place</caption>
              <thead>
                <tr>
                  <th>Exchange id</th>
                  <th>Symbol</th>
                  <th>Side</th>
                  <th>Quantity</th>
                  <th>Price</th>
                  <th>State</th>
                </tr>
              </thead>
              <tbody>
                {progress.foreign.map((o) => (
                  <tr key={o.exchangeOrderId}>
                    <td>{o.exchangeOrderId}</td>
                    <td>{o.symbol}</td>
                    <td>{o.side}</td>
                    <td>{o.quantity}</td>
                    <td>{o.price ?? 'market'}</td>
                    <td>{o.gone ? 'cancelled' : 'still open: retrying'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      <p className="muted small">
        Freeze blocks new entries, cancels every open order and stops all strategies; Flatten then sells every position
        at market. It stays engaged across restarts until re-armed. Shortcut: Ctrl+Shift+K freezes.
      </p>
      <table className="data-table" data-testid="kill-switch-history">
        <thead>
          <tr>
            <th>Time (UTC)</th>
            <th>Event</th>
            <th>By</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {history.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                Never engaged.
              </td>
            </tr>
          )}
          {history.slice(0, 20).map((e) => (
            <tr key={`${e.at}-${e.event}`}>
              <td>{formatTime(e.at)}</td>
              <td>
                {e.event}
                {e.mode ? ` ${e.mode}` : ''}
              </td>
              <td>{e.by}</td>
              <td className="small">{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="facts">
        <dt>Protect mode</dt>
        <dd data-testid="protect-state">{protect.frozen ? `entries frozen: ${protect.reason}` : 'entries allowed'}</dd>
        <dt>Dead man&apos;s switch</dt>
        <dd data-testid="dead-man-state">
          {dms.detail}
          {dms.lastArmedAt ? ` (last heartbeat ${formatTime(dms.lastArmedAt)} UTC)` : ''}
        </dd>
        <dt>Last wake from sleep</dt>
        <dd data-testid="wake-state">
          {overview.wake
            ? `${formatTime(overview.wake.at)} UTC: ${
                overview.wake.phase === 'reconciling'
                  ? `reconciling ${overview.wake.venue}; strategy and advisor orders wait`
                  : overview.wake.changes.length === 0
                    ? `nothing changed on ${overview.wake.venue} while the machine slept`
                    : `${overview.wake.changes.length} change(s) while the machine slept: ${overview.wake.changes.join('; ')}`
              }${overview.wake.error ? ` (incomplete: ${overview.wake.error})` : ''}`
            : 'none since the app started'}
        </dd>
        <dt>Dry run</dt>
        <dd>{overview.dryRun ? 'on: LIVE orders are checked by every rule, none is sent to the exchange' : 'off'}</dd>
      </dl>
    </section>
  );
}
