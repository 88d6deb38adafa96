/** Exponential backoff with jitter for retries and reconnects. */
export type BackoffPolicy = {
  /** The first delay, ms. */
  initialMs: number;
  /** No delay is longer than this, ms. */
  maxMs: number;
  /** Each failure multiplies the delay by this. */
  factor: number;
  /** Up to this fraction is added at random, so many clients do not retry in step (0..1). */
  jitter: number;
};

/** 1 s, 2 s, 4 s, ... up to 30 s, each plus up to 20% at random (never above 30 s). */
export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 30_000, factor: 2, jitter: 0.2 };

/** The delay before retry number `attempt` (0 = the first retry). `random` returns [0, 1). */
export function backoffDelay(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.min(attempt, 64));
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** exponent);
  return Math.round(Math.min(policy.maxMs, base * (1 + policy.jitter * random())));
}
