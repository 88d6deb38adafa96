// Desktop notifications for alerts whose rule asks for them (channel "desktop"). Fills and
// rejections already get their own notification (notifications.ts), so their alerts are not shown twice.
import type { AlertView } from '../../shared/domain/alerts.js';
import type { EventBus } from '../core/event-bus.js';
import type { NotificationCtor } from './notifications.js';

const SHOWN_ELSEWHERE = new Set<AlertView['source']>(['fill', 'rejection']);

export function notifyAlerts(events: EventBus, Notification: NotificationCtor): () => void {
  if (!Notification.isSupported()) return () => undefined;
  return events.subscribe((name, payload) => {
    if (name !== 'alerts.fired') return;
    const alert = payload as AlertView;
    if (!alert.channels.includes('desktop') || SHOWN_ELSEWHERE.has(alert.source)) return;
    new Notification({ title: alert.title, body: alert.message }).show();
  });
}
