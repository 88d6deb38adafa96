import type { Scheduler } from '../../engine/scheduler.js';

/** Real timers behind the Scheduler port. */
export const systemScheduler: Scheduler = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
