// Desktop notifications for fills, rejections and what changed while the machine slept (the
// browser UI shows toasts for the same events).
import type { EventBus } from '../core/event-bus.js';

/** The part of Electron's Notification class used here. */
export type NotificationCtor = {
  isSupported(): boolean;
  new (options: { title: string; body: string; silent?: boolean }): { show(): void };
};

type FillPayload = { side: string; quantity: string; symbol: string; price: string };
type OrderPayload = { status: string; side: string; quantity: string; symbol: string; reason: string | null };

/** Subscribes to order events and shows a system notification for each fill and rejection, and after a wake. */
export function notifyOrderEvents(events: EventBus, Notification: NotificationCtor): () => void {
  if (!Notification.isSupported()) return () => undefined;
  return events.subscribe((name, payload) => {
    if (name === 'orders.fill') {
      const f = payload as FillPayload;
      new Notification({ title: `Filled: ${f.side} ${f.symbol}`, body: `${f.quantity} at ${f.price}` }).show();
    } else if (name === 'risk.updated') {
      const u = payload as { reason: string; detail?: string };
      if (u.reason !== 'wake' || !u.detail?.startsWith('while the machine slept')) return;
      new Notification({ title: 'Back from sleep: reconciled with the exchange', body: u.detail }).show();
    } else if (name === 'orders.updated') {
      const o = payload as OrderPayload;
      if (o.status !== 'REJECTED') return;
      new Notification({
        title: `Rejected: ${o.side} ${o.symbol}`,
        body: `${o.quantity}: ${o.reason ?? 'no reason given'}`,
      }).show();
    }
  });
}
