/** Time as the engine sees it: UTC milliseconds from a clock that can be injected. */
export type Clock = {
  now(): number;
};

/** A clock that only moves when told to: for tests and backtests. */
export function createManualClock(start = 0): Clock & { set(ms: number): void; advance(ms: number): void } {
  let current = start;
  return {
    now: () => current,
    set(ms: number) {
      current = ms;
    },
    advance(ms: number) {
      current += ms;
    },
  };
}
