/**
 * Retries are decided per operation, not per error class. Placing an order is never re-sent by
 * the adapter (a lost answer makes the order UNKNOWN and recovery asks the exchange by client
 * order id first); cancels are retried hard because a cancel that does not happen costs money;
 * reads are retried briefly because their callers poll again anyway.
 */
import { backoffDelay, type BackoffPolicy } from '../backoff.js';
import type { FailureKind } from '../orders/execution-port.js';

export type ExecutionOperation = 'place' | 'cancel' | 'read';

export type RetryPolicy = Readonly<{
  /** Attempts after the first one. */
  retries: number;
  backoff: BackoffPolicy;
}>;

export const RETRY_POLICIES: Readonly<Record<ExecutionOperation, RetryPolicy>> = {
  place: { retries: 0, backoff: { initialMs: 0, maxMs: 0, factor: 1, jitter: 0 } },
  /** 500 ms, 1 s, 2 s, 4 s, 8 s (each plus up to 20%, never above 16 s). */
  cancel: { retries: 5, backoff: { initialMs: 500, maxMs: 16_000, factor: 2, jitter: 0.2 } },
  /** 1 s, 2 s (each plus up to 20%, never above 8 s). */
  read: { retries: 2, backoff: { initialMs: 1_000, maxMs: 8_000, factor: 2, jitter: 0.2 } },
};

/** Failures worth asking again for: the exchange did not give a definite answer. */
const TRANSIENT: ReadonlySet<FailureKind> = new Set(['unknown', 'unavailable', 'rate_limited']);

export type RetryDecision = Readonly<{ retry: true; delayMs: number }> | Readonly<{ retry: false; why: string }>;

/**
 * Whether to try `operation` again after its `failures`-th failed attempt (1 = the first attempt
 * failed), and after how long. `random` returns [0, 1) (the jitter); `retryAfterMs` is a wait the
 * exchange asked for, honoured up to the policy's longest delay.
 */
export function decideRetry(
  operation: ExecutionOperation,
  failures: number,
  kind: FailureKind,
  random: () => number,
  retryAfterMs = 0,
): RetryDecision {
  const policy = RETRY_POLICIES[operation];
  if (operation === 'place') return { retry: false, why: 'an order is never re-sent blindly' };
  if (!TRANSIENT.has(kind)) return { retry: false, why: `a ${kind} failure is definite` };
  if (failures > policy.retries) return { retry: false, why: `${policy.retries} retries used` };
  const delay = backoffDelay(failures - 1, random, policy.backoff);
  return { retry: true, delayMs: Math.min(policy.backoff.maxMs, Math.max(delay, retryAfterMs)) };
}
