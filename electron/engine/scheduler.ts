import { createManualClock, type Clock } from './clock.js';

export type TimerHandle = unknown;

/** Timers as the engine and adapters see them: injectable, so tests run on virtual time. */
export type Scheduler = {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
};

/** Resolves after `ms` on the given scheduler. */
export function sleep(scheduler: Scheduler, ms: number): Promise<void> {
  return new Promise((resolve) => {
    scheduler.setTimeout(resolve, ms);
  });
}

export type PeriodicTask = { start(): void; stop(): void };

/**
 * Runs `run` every `intervalMs` after the previous pass has finished (passes never overlap), until
 * stopped. The scheduler and interval are read at each scheduling, so they may change between
 * passes (e.g. after a venue switch). A failed pass goes to `onError` and the next one still runs.
 */
export function createPeriodicTask(o: {
  scheduler: () => Scheduler;
  intervalMs: () => number;
  run: () => Promise<void>;
  onError: (error: unknown) => void;
}): PeriodicTask {
  let timer: TimerHandle | null = null;
  let scheduledOn: Scheduler | null = null;
  let stopped = true;
  const schedule = (): void => {
    scheduledOn = o.scheduler();
    timer = scheduledOn.setTimeout(() => {
      timer = null;
      o.run()
        .catch(o.onError)
        .finally(() => {
          if (!stopped) schedule();
        });
    }, o.intervalMs());
  };
  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    stop() {
      stopped = true;
      if (timer !== null) scheduledOn?.clearTimeout(timer);
      timer = null;
    },
  };
}

export type ManualScheduler = Scheduler & {
  readonly clock: Clock & { set(ms: number): void };
  /** Moves time forward by `ms`, running every timer that falls due, in time order. */
  advance(ms: number): void;
  /** Jumps to the next pending timer and runs it (and any due at the same time); false if none. */
  runNext(): boolean;
  /** How many timers are waiting. */
  pending(): number;
};

type Timer = { at: number; seq: number; callback: () => void };

/** Virtual time: timers run only when the test advances the clock. */
export function createManualScheduler(start = 0): ManualScheduler {
  const clock = createManualClock(start);
  let timers: Timer[] = [];
  let seq = 0;
  const nextDue = (): Timer | undefined =>
    timers.reduce<Timer | undefined>(
      (a, t) => (!a || t.at < a.at || (t.at === a.at && t.seq < a.seq) ? t : a),
      undefined,
    );
  const runDue = (until: number) => {
    for (let t = nextDue(); t && t.at <= until; t = nextDue()) {
      timers = timers.filter((x) => x !== t);
      if (t.at > clock.now()) clock.set(t.at);
      t.callback();
    }
  };
  return {
    clock,
    setTimeout(callback, ms) {
      const timer: Timer = { at: clock.now() + Math.max(0, ms), seq: seq++, callback };
      timers.push(timer);
      return timer;
    },
    clearTimeout(handle) {
      timers = timers.filter((x) => x !== handle);
    },
    advance(ms) {
      const until = clock.now() + ms;
      runDue(until);
      clock.set(until);
    },
    runNext() {
      const t = nextDue();
      if (!t) return false;
      runDue(t.at);
      return true;
    },
    pending: () => timers.length,
  };
}
