import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, type OrderStatus } from '../../../shared/domain/orders.js';
import type { OrderEvent } from './order-events.js';
import { type FixtureStart, T0, accepted, filledBy, makeFill, orderIn, partial } from './order-fixtures.js';
import type { Order } from './order-model.js';
import { applyOrderEvent } from './order-reducer.js';
import { ORDER_TRANSITIONS, allTransitions, canTransition, isTerminal } from './order-state.js';

type Start = FixtureStart;
const at = T0 + 100;
const full = (id = 'T-9') => makeFill(id, '1', '100');
const rest = (id = 'T-9') => makeFill(id, '0.6', '100'); // completes an order with 0.4 filled
const some = (id = 'T-9') => makeFill(id, '0.1', '100');

/** For every pair of the table: a start and an event that performs exactly that transition. */
const SCENARIOS: Record<string, [Start, OrderEvent]> = {
  'PENDING_SUBMIT>PENDING_SUBMIT': ['PENDING_SUBMIT', { type: 'OrderSubmitted', at }],
  'PENDING_SUBMIT>OPEN': ['PENDING_SUBMIT_SENT', accepted(100)],
  'PENDING_SUBMIT>PARTIALLY_FILLED': ['PENDING_SUBMIT_SENT', partial(some(), 100)],
  'PENDING_SUBMIT>FILLED': ['PENDING_SUBMIT_SENT', filledBy(full(), 100)],
  'PENDING_SUBMIT>CANCELLED': ['PENDING_SUBMIT', { type: 'OrderCancelled', at }],
  'PENDING_SUBMIT>REJECTED': ['PENDING_SUBMIT_SENT', { type: 'OrderRejected', at, reason: 'EOrder:Invalid price' }],
  'PENDING_SUBMIT>EXPIRED': ['PENDING_SUBMIT_SENT', { type: 'OrderExpired', at }],
  'PENDING_SUBMIT>UNKNOWN': ['PENDING_SUBMIT_SENT', { type: 'OrderOutcomeUnknown', at, error: '502' }],
  'OPEN>PARTIALLY_FILLED': ['OPEN', partial(some(), 100)],
  'OPEN>FILLED': ['OPEN', filledBy(full(), 100)],
  'OPEN>PENDING_CANCEL': ['OPEN', { type: 'OrderCancelRequested', at }],
  'OPEN>CANCELLED': ['OPEN', { type: 'OrderCancelled', at, reason: "dead man's switch" }],
  'OPEN>EXPIRED': ['OPEN', { type: 'OrderExpired', at }],
  'OPEN>UNKNOWN': ['OPEN', { type: 'OrderOutcomeUnknown', at, error: 'missing from open orders' }],
  'PARTIALLY_FILLED>PARTIALLY_FILLED': ['PARTIALLY_FILLED', partial(some(), 100)],
  'PARTIALLY_FILLED>FILLED': ['PARTIALLY_FILLED', filledBy(rest(), 100)],
  'PARTIALLY_FILLED>PENDING_CANCEL': ['PARTIALLY_FILLED', { type: 'OrderCancelRequested', at }],
  'PARTIALLY_FILLED>CANCELLED': ['PARTIALLY_FILLED', { type: 'OrderCancelled', at }],
  'PARTIALLY_FILLED>EXPIRED': ['PARTIALLY_FILLED', { type: 'OrderExpired', at }],
  'PARTIALLY_FILLED>UNKNOWN': ['PARTIALLY_FILLED', { type: 'OrderOutcomeUnknown', at, error: 'timeout' }],
  'PENDING_CANCEL>PENDING_CANCEL': ['PENDING_CANCEL', partial(some(), 100)],
  'PENDING_CANCEL>OPEN': ['PENDING_CANCEL', { type: 'OrderCancelRejected', at, reason: 'EOrder:Unknown order' }],
  'PENDING_CANCEL>PARTIALLY_FILLED': ['PENDING_CANCEL_PARTIAL', { type: 'OrderCancelRejected', at, reason: 'busy' }],
  'PENDING_CANCEL>FILLED': ['PENDING_CANCEL', filledBy(full(), 100)],
  'PENDING_CANCEL>CANCELLED': ['PENDING_CANCEL', { type: 'OrderCancelled', at }],
  'PENDING_CANCEL>EXPIRED': ['PENDING_CANCEL', { type: 'OrderExpired', at }],
  'PENDING_CANCEL>UNKNOWN': ['PENDING_CANCEL', { type: 'OrderOutcomeUnknown', at, error: 'cancel timed out' }],
  'UNKNOWN>UNKNOWN': ['UNKNOWN', { type: 'OrderNotFound', at }],
  'UNKNOWN>OPEN': ['UNKNOWN', accepted(100)],
  'UNKNOWN>PARTIALLY_FILLED': ['UNKNOWN', partial(some(), 100)],
  'UNKNOWN>FILLED': ['UNKNOWN', filledBy(full(), 100)],
  'UNKNOWN>CANCELLED': ['UNKNOWN', { type: 'OrderCancelled', at }],
  'UNKNOWN>REJECTED': ['UNKNOWN', { type: 'OrderRejected', at, reason: 'never placed (proven)' }],
  'UNKNOWN>EXPIRED': ['UNKNOWN', { type: 'OrderExpired', at }],
  'CANCELLED>CANCELLED': ['CANCELLED', partial(some(), 100)],
  'CANCELLED>FILLED': ['CANCELLED', filledBy(full(), 100)],
  'EXPIRED>EXPIRED': ['EXPIRED', partial(some(), 100)],
  'EXPIRED>FILLED': ['EXPIRED', filledBy(full(), 100)],
};

describe('order state machine: the transition table', () => {
  it('has a scenario for every allowed transition, and no scenario outside the table', () => {
    const table = allTransitions().map(([from, to]) => `${from}>${to}`);
    expect(Object.keys(SCENARIOS).sort()).toEqual([...table].sort());
  });

  it.each(Object.entries(SCENARIOS))('%s', (pair, [start, event]) => {
    const [from, to] = pair.split('>') as [OrderStatus, OrderStatus];
    const order = orderIn(start);
    expect(order.status).toBe(from);
    const result = applyOrderEvent(order, event);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.outcome).toBe('applied');
    expect(result.order.status).toBe(to);
    expect(result.order.updatedAt).toBeGreaterThanOrEqual(order.updatedAt);
    if (from !== to) expect(result.order.timeline.at(-1)).toMatchObject({ status: to, at: event.at });
  });

  it('terminal states are FILLED, CANCELLED, REJECTED and EXPIRED; FILLED and REJECTED accept nothing', () => {
    expect(ORDER_STATUSES.filter(isTerminal)).toEqual(['FILLED', 'CANCELLED', 'REJECTED', 'EXPIRED']);
    expect(ORDER_TRANSITIONS.FILLED).toEqual([]);
    expect(ORDER_TRANSITIONS.REJECTED).toEqual([]);
    for (const from of ORDER_STATUSES.filter(isTerminal)) {
      for (const to of ORDER_TRANSITIONS[from]) expect(isTerminal(to)).toBe(true);
    }
  });
});

/** One event of each kind, as generic as possible, to throw at every status. */
const EVERY_EVENT: OrderEvent[] = [
  { type: 'OrderSubmitted', at },
  accepted(100, 'OX-1'),
  { type: 'OrderRejected', at, reason: 'no' },
  partial(makeFill('T-X', '0.1', '100'), 100),
  filledBy(makeFill('T-Y', '0.6', '100'), 100),
  filledBy(makeFill('T-Z', '1', '100'), 100),
  { type: 'OrderCancelRequested', at },
  { type: 'OrderCancelled', at },
  { type: 'OrderCancelRejected', at, reason: 'no' },
  { type: 'OrderExpired', at },
  { type: 'OrderOutcomeUnknown', at, error: 'timeout' },
  { type: 'OrderNotFound', at },
];
const STARTS: Start[] = [...ORDER_STATUSES, 'PENDING_SUBMIT_SENT', 'PENDING_CANCEL_PARTIAL'];

describe('order state machine: nothing outside the table is ever applied', () => {
  it.each(STARTS)('from %s, every event either follows the table or is refused', (start) => {
    const order: Order = orderIn(start);
    for (const event of EVERY_EVENT) {
      const result = applyOrderEvent(order, event);
      if (!result.ok) {
        expect(result.error.status).toBe(order.status);
        expect(result.error.message.length).toBeGreaterThan(10);
        continue;
      }
      if (result.outcome !== 'applied') expect(result.order).toBe(order);
      else if (result.order.status !== order.status) {
        expect(canTransition(order.status, result.order.status)).toBe(true);
      }
    }
  });

  const forbidden: Array<[Start, OrderEvent, string]> = [
    ['FILLED', { type: 'OrderCancelled', at }, 'INVALID_TRANSITION'],
    ['FILLED', { type: 'OrderExpired', at }, 'INVALID_TRANSITION'],
    ['FILLED', { type: 'OrderOutcomeUnknown', at, error: 'x' }, 'INVALID_TRANSITION'],
    ['FILLED', partial(makeFill('T-2', '0.1', '100'), 100), 'OVERFILL'],
    ['REJECTED', accepted(100), 'INVALID_TRANSITION'],
    ['REJECTED', partial(makeFill('T-2', '0.1', '100'), 100), 'INVALID_TRANSITION'],
    ['CANCELLED', { type: 'OrderExpired', at }, 'INVALID_TRANSITION'],
    ['CANCELLED', { type: 'OrderCancelRequested', at }, 'INVALID_TRANSITION'],
    ['EXPIRED', { type: 'OrderCancelled', at }, 'INVALID_TRANSITION'],
    ['OPEN', { type: 'OrderRejected', at, reason: 'late' }, 'INVALID_TRANSITION'],
    ['OPEN', { type: 'OrderSubmitted', at }, 'ALREADY_SUBMITTED'],
    ['OPEN', { type: 'OrderNotFound', at }, 'INVALID_TRANSITION'],
    ['OPEN', { type: 'OrderCancelRejected', at, reason: 'x' }, 'INVALID_TRANSITION'],
    ['PENDING_SUBMIT', { type: 'OrderCancelRequested', at }, 'INVALID_TRANSITION'],
    ['PENDING_SUBMIT', accepted(100), 'NOT_SUBMITTED'],
    ['PENDING_SUBMIT', partial(makeFill('T-2', '0.1', '100'), 100), 'NOT_SUBMITTED'],
    ['PENDING_SUBMIT', { type: 'OrderOutcomeUnknown', at, error: 'x' }, 'NOT_SUBMITTED'],
    ['PENDING_SUBMIT_SENT', { type: 'OrderSubmitted', at }, 'ALREADY_SUBMITTED'],
    ['PENDING_SUBMIT_SENT', { type: 'OrderCancelRequested', at }, 'INVALID_TRANSITION'],
    ['PENDING_SUBMIT_SENT', accepted(100, null), 'INVALID_EVENT'],
    ['UNKNOWN', { type: 'OrderCancelRequested', at }, 'INVALID_TRANSITION'],
    ['PARTIALLY_FILLED', { type: 'OrderRejected', at, reason: 'x' }, 'INVALID_EVENT'],
  ];
  it.each(forbidden)('from %s, %j is refused with %s', (start, event, code) => {
    const order = orderIn(start);
    const result = applyOrderEvent(order, event);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });
});

describe('order state machine: repeats and stale news are no-ops', () => {
  const noops: Array<[Start, OrderEvent, 'duplicate' | 'stale']> = [
    ['OPEN', accepted(100, 'OX-1'), 'duplicate'],
    ['PENDING_CANCEL', { type: 'OrderCancelRequested', at }, 'duplicate'],
    ['CANCELLED', { type: 'OrderCancelled', at }, 'duplicate'],
    ['EXPIRED', { type: 'OrderExpired', at }, 'duplicate'],
    ['REJECTED', { type: 'OrderRejected', at, reason: 'again' }, 'duplicate'],
    ['FILLED', { type: 'OrderCancelRejected', at, reason: 'EOrder:Unknown order' }, 'stale'],
    ['CANCELLED', { type: 'OrderCancelRejected', at, reason: 'x' }, 'stale'],
    ['FILLED', accepted(100, 'OX-1'), 'stale'],
  ];
  it.each(noops)('from %s, %j is a %s', (start, event, outcome) => {
    const order = orderIn(start);
    const result = applyOrderEvent(order, event);
    expect(result).toEqual({ ok: true, order, outcome });
  });
});
