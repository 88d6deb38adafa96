import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import { createManualScheduler, sleep } from './scheduler.js';

describe('backoffDelay', () => {
  it('doubles from 1 s and stops at 30 s without jitter', () => {
    const delays = Array.from({ length: 8 }, (_, i) => backoffDelay(i, () => 0));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('adds at most 20% jitter and never exceeds the cap', () => {
    expect(backoffDelay(0, () => 0.999)).toBe(1_200);
    expect(backoffDelay(4, () => 0.999)).toBe(19_197);
    expect(backoffDelay(10, () => 0.999)).toBe(DEFAULT_BACKOFF.maxMs);
  });
});

describe('manual scheduler', () => {
  it('runs timers in time order only when time is advanced, and cancels', async () => {
    const s = createManualScheduler(1_000);
    const seen: string[] = [];
    s.setTimeout(() => seen.push('b'), 20);
    s.setTimeout(() => seen.push('a'), 10);
    const handle = s.setTimeout(() => seen.push('never'), 15);
    s.clearTimeout(handle);
    s.advance(9);
    expect(seen).toEqual([]);
    s.advance(11);
    expect(seen).toEqual(['a', 'b']);
    expect(s.clock.now()).toBe(1_020);
    const slept = sleep(s, 500);
    expect(s.runNext()).toBe(true);
    await slept;
    expect(s.clock.now()).toBe(1_520);
    expect(s.runNext()).toBe(false);
  });
});
