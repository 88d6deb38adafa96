import { describe, expect, it } from 'vitest';
import { createManualScheduler, createPeriodicTask } from './scheduler.js';

describe('createPeriodicTask', () => {
  it('runs every interval after the last pass, keeps going after a failure, and stops', async () => {
    const scheduler = createManualScheduler(0);
    const runs: number[] = [];
    const errors: unknown[] = [];
    const task = createPeriodicTask({
      scheduler: () => scheduler,
      intervalMs: () => 1_000,
      run: () => {
        runs.push(scheduler.clock.now());
        return runs.length === 2 ? Promise.reject(new Error('boom')) : Promise.resolve();
      },
      onError: (e) => errors.push(e),
    });
    task.start();
    task.start(); // idempotent: still one timer
    expect(scheduler.pending()).toBe(1);
    for (let i = 0; i < 3; i++) {
      scheduler.advance(1_000);
      await new Promise((r) => setImmediate(r));
    }
    expect(runs).toEqual([1_000, 2_000, 3_000]);
    expect(errors).toHaveLength(1);
    task.stop();
    expect(scheduler.pending()).toBe(0);
    scheduler.advance(5_000);
    expect(runs).toHaveLength(3);
  });
});
