import { useState } from 'react';
import { useInvokeQuery } from '../client/hooks';
import { AlertsDrawer } from './AlertsDrawer';
import './alerts.css';

/** The header's bell: the count of unread alerts; opens the alerts drawer (list, rules, channels). */
export function AlertsButton() {
  const [open, setOpen] = useState(false);
  const summary = useInvokeQuery('alerts.summary', {});
  const unread = summary.data?.unread ?? 0;
  const failed = summary.data?.failedDeliveries ?? 0;
  const label = `Alerts: ${unread} unread${failed > 0 ? `, ${failed} failed deliveries` : ''}`;
  return (
    <>
      <button
        type="button"
        className={`alerts-button${unread > 0 ? ' has-unread' : ''}`}
        aria-label={label}
        title={label}
        aria-expanded={open}
        data-testid="alerts-button"
        onClick={() => setOpen((o) => !o)}
      >
        <svg className="bell" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M8 1.5a1 1 0 0 1 1 1v.6A4.5 4.5 0 0 1 12.5 7.5v3l1.3 1.6a.5.5 0 0 1-.4.9H2.6a.5.5 0 0 1-.4-.9l1.3-1.6v-3A4.5 4.5 0 0 1 7 3.1v-.6a1 1 0 0 1 1-1ZM6.3 14h3.4a1.7 1.7 0 0 1-3.4 0Z" />
        </svg>
        Alerts
        {unread > 0 && (
          <span className="alerts-count" data-testid="alerts-unread">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
        {failed > 0 && (
          <span className="alerts-failed" title={`${failed} deliveries failed`}>
            !
          </span>
        )}
      </button>
      {open && <AlertsDrawer onClose={() => setOpen(false)} />}
    </>
  );
}
