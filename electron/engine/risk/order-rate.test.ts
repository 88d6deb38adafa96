import { describe, expect, it } from 'vitest';
import { orderRateStatus, ordersInWindow, pruneOrderTimes } from './order-rate.js';

const T = 1_700_000_000_000;

describe('orders-per-minute window', () => {
  it('counts orders placed less than 60 s ago', () => {
    const times = [T - 60_000, T - 59_999, T - 1, T];
    expect(ordersInWindow(times, T)).toBe(3);
  });

  it('slides: an order leaves the window exactly 60 s after it was placed', () => {
    const times = Array.from({ length: 10 }, (_, i) => T + i * 1000); // 10 orders in 9 s
    expect(orderRateStatus(times, T + 9000, 10)).toEqual({
      count: 10,
      max: 10,
      allowed: false,
      nextAllowedAt: T + 60_000,
    });
    expect(orderRateStatus(times, T + 59_999, 10).allowed).toBe(false);
    expect(orderRateStatus(times, T + 60_000, 10)).toMatchObject({ count: 9, allowed: true });
    expect(orderRateStatus(times, T + 65_000, 10)).toMatchObject({ count: 4, allowed: true });
  });

  it('names when enough orders have left for the next one', () => {
    const times = [T, T + 1000, T + 2000, T + 3000];
    expect(orderRateStatus(times, T + 3000, 2).nextAllowedAt).toBe(T + 2000 + 60_000);
  });

  it('prunes to the times that still count, sorted', () => {
    expect(pruneOrderTimes([T, T - 70_000, T - 30_000], T)).toEqual([T - 30_000, T]);
  });
});
