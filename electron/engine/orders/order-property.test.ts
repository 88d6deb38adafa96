/**
 * Property-style test: random sequences of valid and invalid events (seeded, so a failure is
 * reproducible from its seed) must never break the order's invariants.
 */
import { describe, expect, it } from 'vitest';
import { Decimal, dec } from '../money/decimal.js';
import type { OrderEvent } from './order-events.js';
import { T0, created, makeFill } from './order-fixtures.js';
import { type Order, initOrder } from './order-model.js';
import { applyOrderEvent, replayOrder } from './order-reducer.js';
import { allTransitions, canTransition, isTerminal } from './order-state.js';

/** mulberry32: a tiny seeded generator, enough for picking events. */
function prng(seed: number): { int(n: number): number; pick<T>(items: readonly T[]): T } {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

const QUANTITIES = ['0.1', '0.2', '0.25', '0.3', '0.5', '1', '0.00000001'];
const PRICES = ['99.9', '100', '100.1', '100.25'];

function randomEvent(rng: ReturnType<typeof prng>, order: Order, at: number): OrderEvent {
  const fill = () =>
    makeFill(`T-${rng.int(12)}`, rng.pick(QUANTITIES), rng.pick(PRICES), {
      fee: dec(rng.pick(['0', '0.01', '0.0025'])),
    });
  // Half the time, the event most likely to move this status forward; else any event at all.
  const likely = rng.int(2) === 0;
  const forward =
    order.status === 'PENDING_SUBMIT' && order.submittedAt === null
      ? 0
      : order.status === 'PENDING_SUBMIT' || order.status === 'UNKNOWN'
        ? rng.pick([1, 1, 3])
        : 3;
  switch (likely ? forward : rng.int(13)) {
    case 0:
      return { type: 'OrderSubmitted', at };
    case 1:
      return { type: 'OrderAccepted', at, exchangeOrderId: rng.pick(['OX-1', 'OX-1', 'OX-2', null]) };
    case 2:
      return { type: 'OrderRejected', at, reason: 'random' };
    case 3:
    case 4: {
      const f = fill();
      // Mostly the event that matches the arithmetic, sometimes the wrong one.
      const completes = order.filled.add(f.quantity).eq(order.quantity);
      const type = rng.int(5) === 0 ? !completes : completes;
      return { type: type ? 'OrderFilled' : 'OrderPartiallyFilled', at, fill: f };
    }
    case 5:
      return { type: 'OrderCancelRequested', at };
    case 6:
      return { type: 'OrderCancelled', at };
    case 7:
      return { type: 'OrderCancelRejected', at, reason: 'random' };
    case 8:
      return { type: 'OrderExpired', at };
    case 9:
      return { type: 'OrderOutcomeUnknown', at, error: 'timeout' };
    case 10:
      return { type: 'OrderNotFound', at };
    case 11:
      return { type: 'OrderAttentionRequired', at, reason: 'look' };
    default:
      return { type: 'OrderAttentionCleared', at };
  }
}

function checkInvariants(order: Order): void {
  expect(order.filled.gte(0)).toBe(true);
  expect(order.filled.lte(order.quantity)).toBe(true);
  expect(Decimal.sum(order.fills.map((f) => f.quantity)).eq(order.filled)).toBe(true);
  expect(Decimal.sum(order.fills.map((f) => f.price.mul(f.quantity))).eq(order.notional)).toBe(true);
  expect(new Set(order.fills.map((f) => f.tradeId)).size).toBe(order.fills.length);
  expect(order.status === 'FILLED').toBe(order.filled.eq(order.quantity));
  expect(order.timeline.at(-1)?.status).toBe(order.status);
}

describe('order invariants under random event sequences', () => {
  it('hold for 400 seeded runs of 60 events', () => {
    let appliedTotal = 0;
    let refusedTotal = 0;
    const seen = new Set<string>();
    for (let seed = 1; seed <= 400; seed++) {
      const rng = prng(seed);
      const creation = created({ quantity: dec(rng.pick(['1', '0.5', '0.75'])) });
      const start = initOrder(creation);
      if (!start.ok) throw new Error(start.error.message);
      let order = start.order;
      const journal: OrderEvent[] = [];
      for (let step = 0; step < 60; step++) {
        const event = randomEvent(rng, order, T0 + step + 1);
        const before = order;
        const result = applyOrderEvent(order, event);
        if (!result.ok) {
          refusedTotal += 1;
          expect(result.error.status, `seed ${seed} step ${step}`).toBe(before.status);
          continue;
        }
        if (result.outcome !== 'applied') {
          expect(result.order).toBe(before);
          continue;
        }
        appliedTotal += 1;
        journal.push(event);
        order = result.order;
        seen.add(`${before.status}>${order.status}`);
        const context = `seed ${seed} step ${step}: ${before.status} -${event.type}-> ${order.status}`;
        if (order.status !== before.status) expect(canTransition(before.status, order.status), context).toBe(true);
        if (isTerminal(before.status)) expect(isTerminal(order.status), context).toBe(true);
        if (before.submittedAt !== null) expect(order.submittedAt, context).toBe(before.submittedAt);
        expect(order.timeline.length).toBeGreaterThanOrEqual(before.timeline.length);
        checkInvariants(order);
      }
      // The journal of applied events rebuilds exactly the same order.
      expect(replayOrder(creation, journal)).toEqual({ ok: true, order, appliedCount: journal.length });
    }
    // The generator exercised both paths.
    expect(appliedTotal).toBeGreaterThan(2000);
    expect(refusedTotal).toBeGreaterThan(2000);
    const unseen = allTransitions().filter(([from, to]) => !seen.has(`${from}>${to}`));
    expect(unseen).toEqual([]);
  });
});
