import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dec } from '../../engine/money/decimal.js';
import type { OrderEvent } from '../../engine/orders/order-events.js';
import { T0, TEST_ORDER_ID, applyAll, created, makeFill, newOrder } from '../../engine/orders/order-fixtures.js';
import { Portfolio } from '../../engine/portfolio/portfolio.js';
import { type Database, openDatabase } from '../database.js';
import { MIGRATIONS } from '../migrations/index.js';
import { createOrderJournal } from './order-journal.js';

let dir = '';
let db: Database | null = null;

function journal() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-journal-'));
  db = openDatabase({ file: path.join(dir, 'workstation.db'), migrations: MIGRATIONS, synchronous: 'FULL' });
  return createOrderJournal(db);
}

afterEach(() => {
  db?.close();
  db = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

const submitted: OrderEvent = { type: 'OrderSubmitted', at: T0 + 1 };
const accepted: OrderEvent = { type: 'OrderAccepted', at: T0 + 2, exchangeOrderId: 'X1' };
const fill1 = makeFill('T1', '0.4', '100', { exchangeOrderId: 'X1', fee: dec('0.1') });
const fill2 = makeFill('T2', '0.6', '101', { exchangeOrderId: 'X1' });

describe('order journal', () => {
  it('records events, the order row and fills in one transaction, and rebuilds the order by replaying them', () => {
    const j = journal();
    const start = newOrder();
    j.record(TEST_ORDER_ID, [created()], { venue: 'simulator', order: start });
    const events: OrderEvent[] = [submitted, accepted, { type: 'OrderPartiallyFilled', at: T0 + 3, fill: fill1 }];
    const after = applyAll(start, ...events);
    const portfolio = new Portfolio({ quoteCurrency: 'USD' });
    portfolio.setBalance('USD', dec('1000'));
    portfolio.applyFill(fill1);
    j.record(TEST_ORDER_ID, events, { venue: 'simulator', order: after, portfolio: portfolio.snapshot() });

    const loaded = j.load('simulator', 'live');
    expect(loaded.problems).toEqual([]);
    expect(loaded.orders[0]?.order).toEqual(after);
    expect(j.list({ scope: 'open', limit: 10 })[0]?.view).toMatchObject({
      status: 'PARTIALLY_FILLED',
      filled: '0.4',
      exchangeOrderId: 'X1',
    });
    expect(j.fills({ limit: 10 })).toMatchObject([{ tradeId: 'T1', price: '100', fee: '0.1' }]);
    expect(j.fillApplied('T1')).toBe(true);
    expect(j.findByExchangeId('simulator', 'X1')).toBe(TEST_ORDER_ID);
    expect(j.portfolio('simulator').snapshot?.balances.USD?.toString()).toBe('959.9');
    expect(db!.prepare("SELECT total FROM portfolio_balances WHERE currency = 'BTC'").get()).toEqual({ total: '0.4' });
  });

  it('refuses a second recording of a trade id, rolling the whole record back', () => {
    const j = journal();
    const start = newOrder();
    j.record(TEST_ORDER_ID, [created()], { venue: 'simulator', order: start });
    const once = applyAll(start, submitted, accepted, { type: 'OrderPartiallyFilled', at: T0 + 3, fill: fill1 });
    j.record(TEST_ORDER_ID, [submitted, accepted, { type: 'OrderPartiallyFilled', at: T0 + 3, fill: fill1 }], {
      venue: 'simulator',
      order: once,
    });
    // A bug that skipped the reducer's de-duplication still cannot record T1 twice.
    const twice = applyAll(once, { type: 'OrderFilled', at: T0 + 4, fill: fill2 });
    const bad: OrderEvent[] = [
      { type: 'OrderFilled', at: T0 + 4, fill: fill2 },
      { type: 'OrderPartiallyFilled', at: T0 + 4, fill: fill1 },
    ];
    expect(() => j.record(TEST_ORDER_ID, bad, { venue: 'simulator', order: twice })).toThrow(/UNIQUE/);
    expect(j.fills({ limit: 10 }).map((f) => f.tradeId)).toEqual(['T1']);
    expect(j.load('simulator', 'all').orders[0]?.order.status).toBe('PARTIALLY_FILLED');
  });

  it('lists history with filters, marks deferred fills, keeps recovery and trigger state and the trading mode', () => {
    const j = journal();
    for (const [i, symbol] of ['BTC/USD', 'ETH/USD'].entries()) {
      const id = `0f8fad5b-d9cb-469f-a165-7086772895${i}0`;
      const order = newOrder({ clientOrderId: id, symbol, at: T0 + i * 1000 });
      j.record(id, [created({ clientOrderId: id, symbol, at: T0 + i * 1000 })], { venue: 'simulator', order });
    }
    expect(j.list({ scope: 'history', symbol: 'ETH/USD', limit: 10 })).toHaveLength(1);
    expect(j.list({ scope: 'history', from: T0 + 500, limit: 10 })).toHaveLength(1);
    expect(j.list({ scope: 'history', statuses: ['FILLED'], limit: 10 })).toHaveLength(0);
    expect(j.list({ scope: 'history', venue: 'paper:kraken', limit: 10 })).toHaveLength(0);

    const id = '0f8fad5b-d9cb-469f-a165-708677289500';
    const order = applyAll(newOrder({ clientOrderId: id, at: T0 }), submitted, accepted);
    const withFill = applyAll(order, {
      type: 'OrderPartiallyFilled',
      at: T0 + 3,
      fill: { ...fill1, clientOrderId: id },
    });
    j.record(
      id,
      [submitted, accepted, { type: 'OrderPartiallyFilled', at: T0 + 3, fill: { ...fill1, clientOrderId: id } }],
      {
        venue: 'simulator',
        order: withFill,
        deferredFills: new Set(['T1']),
      },
    );
    expect(j.deferredFills('simulator').map((f) => f.tradeId)).toEqual(['T1']);
    expect(j.fillApplied('T1')).toBe(false);
    j.record(id, [{ type: 'OrderAttentionRequired', at: T0 + 5, reason: 'x' }], {
      venue: 'simulator',
      order: { ...withFill, needsAttention: true },
      appliedLater: ['T1'],
    });
    expect(j.fillApplied('T1')).toBe(true);

    j.setRecovery(id, { attempts: 3, lastAt: T0, lastError: 'timeout' });
    j.setTriggerState(id, '{"extreme":"1"}');
    const loaded = j.load('simulator', 'live').orders.find((o) => o.order.clientOrderId === id)!;
    expect(loaded.recovery).toEqual({ attempts: 3, lastAt: T0, lastError: 'timeout' });
    expect(loaded.triggerState).toBe('{"extreme":"1"}');

    expect(j.tradingState()).toBeNull();
    j.setTradingState('PAPER', 'kraken', T0);
    expect(j.tradingState()).toEqual({ mode: 'PAPER', exchangeId: 'kraken' });
  });

  it('reports an order whose events cannot be replayed instead of failing the load', () => {
    const j = journal();
    j.record(TEST_ORDER_ID, [created()], { venue: 'simulator', order: newOrder() });
    db!
      .prepare(
        'INSERT INTO order_events (client_order_id, type, event, at) VALUES (?, \'OrderFilled\', \'{"type":"OrderFilled"}\', 1)',
      )
      .run(TEST_ORDER_ID);
    const { orders, problems } = j.load('simulator', 'all');
    expect(orders).toEqual([]);
    expect(problems[0]).toMatchObject({ clientOrderId: TEST_ORDER_ID });
    expect(problems[0]?.message).toMatch(/order event/);
  });
});
