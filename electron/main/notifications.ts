// Desktop notifications for fills and rejections (the browser UI shows toasts for the same events).
import type { EventBus } from '../core/event-bus.js';

/** The part of Electron's Notification class used here. */
export type NotificationCtor = {
  isSupported(): boolean;
  new (options: { title: string; body: string; silent?: boolean }): { show(): void };
};

type FillPayload = { side: string; quantity: string; symbol: string; price: string };
type OrderPayload = { status: string; side: string; quantity: string; symbol: string; reason: string | null };

/** Subscribes to order events and shows a system notification for each fill and rejection. */
export function notifyOrderEvents(events: EventBus, Notification: NotificationCtor): () => void {
  if (!Notification.isSupported()) return () => undefined;
  return events.subscribe((name, payload) => {
    if (name === 'orders.fill') {
      const f = payload as FillPayload;
      new Notification({ title: `Filled: ${f.side} ${f.symbol}`, body: `${f.quantity} at ${f.price}` }).show();
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
