import { useEffect, useState } from 'react';
import type { AlertView } from '../../../shared/domain/alerts';
import type { FillView, OrderView } from '../../../shared/domain/orders';
import { useApi } from '../client/context';

type Toast = { id: number; kind: 'fill' | 'reject' | 'alert'; text: string };

const SHOW_MS = 6_000;

/** Fills, rejections and alerts as toasts (the desktop app also shows a system notification). */
export function Toasts() {
  const { transport } = useApi();
  const [toasts, setToasts] = useState<Toast[]>([]);
  useEffect(() => {
    let next = 1;
    const push = (kind: Toast['kind'], text: string) => {
      const id = next++;
      setToasts((t) => [...t.slice(-4), { id, kind, text }]);
      setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), SHOW_MS);
    };
    const offFill = transport.on('orders.fill', (payload) => {
      const f = payload as FillView;
      push('fill', `Filled: ${f.side} ${f.quantity} ${f.symbol} at ${f.price}`);
    });
    const offUpdate = transport.on('orders.updated', (payload) => {
      const o = payload as OrderView;
      if (o.status === 'REJECTED')
        push('reject', `Rejected: ${o.side} ${o.quantity} ${o.symbol}: ${o.reason ?? 'no reason given'}`);
    });
    // Alerts whose rule asks for the desktop (fills and rejections have their own toast above).
    const offAlert = transport.on('alerts.fired', (payload) => {
      const a = payload as AlertView;
      if (a.channels.includes('desktop') && a.source !== 'fill' && a.source !== 'rejection')
        push('alert', `${a.title}: ${a.message}`);
    });
    return () => {
      offFill();
      offUpdate();
      offAlert();
    };
  }, [transport]);
  return (
    <div className="toasts" role="log" aria-live="polite" aria-label="Notifications">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`}>
          {t.text}
        </div>
      ))}
    </div>
  );
}
