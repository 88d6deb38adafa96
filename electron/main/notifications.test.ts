import { describe, expect, it } from 'vitest';
import { createEventBus } from '../core/event-bus.js';
import { notifyOrderEvents, type NotificationCtor } from './notifications.js';

function fakeNotification(supported = true) {
  const shown: { title: string; body: string }[] = [];
  const Ctor = class {
    constructor(private readonly options: { title: string; body: string }) {}
    static isSupported() {
      return supported;
    }
    show() {
      shown.push(this.options);
    }
  } satisfies NotificationCtor;
  return { Ctor, shown };
}

describe('desktop notifications', () => {
  it('shows one for a fill and one for a rejection, none for other updates', () => {
    const bus = createEventBus(() => undefined);
    const { Ctor, shown } = fakeNotification();
    notifyOrderEvents(bus, Ctor);
    bus.emit('orders.fill', {
      tradeId: 't1',
      clientOrderId: 'c',
      exchangeOrderId: null,
      symbol: 'BTC/USD',
      side: 'buy',
      price: '60000.5',
      quantity: '0.01',
      fee: '0.6',
      feeCurrency: 'USD',
      liquidity: 'taker',
      time: 1,
    });
    const order = { status: 'REJECTED', side: 'buy', quantity: '5', symbol: 'ETH/USD', reason: 'insufficient funds' };
    bus.emit('orders.updated', order as never);
    bus.emit('orders.updated', { ...order, status: 'OPEN' } as never);
    expect(shown).toEqual([
      { title: 'Filled: buy BTC/USD', body: '0.01 at 60000.5' },
      { title: 'Rejected: buy ETH/USD', body: '5: insufficient funds' },
    ]);
  });

  it('tells the trader what changed while the machine slept, once the wake reconciliation is done', () => {
    const bus = createEventBus(() => undefined);
    const { Ctor, shown } = fakeNotification();
    notifyOrderEvents(bus, Ctor);
    bus.emit('risk.updated', { reason: 'wake', at: 1, detail: 'reconciling kraken after the machine woke from sleep' });
    const summary = 'while the machine slept: 1 change(s) on kraken: order a (buy 0.01 BTC/USD limit): OPEN -> FILLED';
    bus.emit('risk.updated', { reason: 'wake', at: 2, detail: summary });
    bus.emit('risk.updated', { reason: 'equity', at: 3 });
    expect(shown).toEqual([{ title: 'Back from sleep: reconciled with the exchange', body: summary }]);
  });

  it('does nothing where the system has no notifications', () => {
    const bus = createEventBus(() => undefined);
    const { Ctor, shown } = fakeNotification(false);
    notifyOrderEvents(bus, Ctor);
    bus.emit('orders.updated', {
      status: 'REJECTED',
      side: 'buy',
      quantity: '1',
      symbol: 'X/Y',
      reason: null,
    } as never);
    expect(shown).toEqual([]);
  });
});
