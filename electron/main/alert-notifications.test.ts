import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../shared/domain/alerts.js';
import { createEventBus } from '../core/event-bus.js';
import { notifyAlerts } from './alert-notifications.js';
import type { NotificationCtor } from './notifications.js';

describe('alert notifications on the desktop', () => {
  it('shows an alert whose rule asks for the desktop, and no fill twice', () => {
    const shown: { title: string; body: string }[] = [];
    const Ctor = class {
      constructor(private readonly options: { title: string; body: string }) {}
      static isSupported() {
        return true;
      }
      show() {
        shown.push(this.options);
      }
    } satisfies NotificationCtor;
    const bus = createEventBus(() => undefined);
    notifyAlerts(bus, Ctor);
    const alert: AlertView = {
      id: 'a',
      ruleId: 'r',
      ruleName: 'BTC',
      source: 'condition',
      title: 'BTC oversold: BTC/USD',
      message: 'RSI(14) < 25',
      symbol: 'BTC/USD',
      at: 1,
      read: false,
      channels: ['desktop'],
      deliveries: [],
    };
    bus.emit('alerts.fired', alert);
    bus.emit('alerts.fired', { ...alert, channels: ['telegram'], title: 'not for the desktop' });
    bus.emit('alerts.fired', { ...alert, source: 'fill', title: 'already shown as a fill' });
    expect(shown).toEqual([{ title: 'BTC oversold: BTC/USD', body: 'RSI(14) < 25' }]);
  });
});
