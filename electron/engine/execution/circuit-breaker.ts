/**
 * A circuit breaker per exchange, as pure state transitions on an injected time.
 *
 * closed    every request goes; each failed request counts, a success resets the count; the
 *           threshold-th consecutive failure opens the circuit.
 * open      new orders are refused until `probeAt` (openMs after opening). Reads and cancels
 *           still go (recovery and the kill switch must work) but do not change the state.
 * half_open the first order after `probeAt` is let through as the probe; others are refused
 *           while it runs. Its success closes the circuit, its failure opens it again. A probe
 *           whose result never comes is given up after openMs.
 */

export type BreakerConfig = Readonly<{ failureThreshold: number; openMs: number }>;

export const DEFAULT_BREAKER: BreakerConfig = { failureThreshold: 5, openMs: 30_000 };

export type BreakerState =
  | Readonly<{ status: 'closed'; failures: number }>
  | Readonly<{ status: 'open'; failures: number; openedAt: number; probeAt: number }>
  | Readonly<{ status: 'half_open'; failures: number; probeStartedAt: number }>;

export const CLOSED: BreakerState = { status: 'closed', failures: 0 };

export type Admission =
  Readonly<{ allowed: true; probe: boolean }> | Readonly<{ allowed: false; retryAt: number; failures: number }>;

/** Whether a new order may go now; the state moves to half_open when this lets the probe through. */
export function admitOrder(
  state: BreakerState,
  now: number,
  config: BreakerConfig = DEFAULT_BREAKER,
): { state: BreakerState; admission: Admission } {
  if (state.status === 'closed') return { state, admission: { allowed: true, probe: false } };
  const probeDue = state.status === 'open' ? now >= state.probeAt : now >= state.probeStartedAt + config.openMs;
  if (probeDue) {
    return {
      state: { status: 'half_open', failures: state.failures, probeStartedAt: now },
      admission: { allowed: true, probe: true },
    };
  }
  const retryAt = state.status === 'open' ? state.probeAt : state.probeStartedAt + config.openMs;
  return { state, admission: { allowed: false, retryAt, failures: state.failures } };
}

/**
 * Records the result of one request to the exchange. `ok` is true when the exchange answered
 * (a definite rejection counts as an answer); `probe` is true for the request admitOrder let
 * through as the probe.
 */
export function recordResult(
  state: BreakerState,
  result: Readonly<{ now: number; ok: boolean; probe: boolean }>,
  config: BreakerConfig = DEFAULT_BREAKER,
): BreakerState {
  const open = (failures: number): BreakerState => ({
    status: 'open',
    failures,
    openedAt: result.now,
    probeAt: result.now + config.openMs,
  });
  if (state.status === 'closed') {
    if (result.ok) return state.failures === 0 ? state : CLOSED;
    const failures = state.failures + 1;
    return failures >= config.failureThreshold ? open(failures) : { status: 'closed', failures };
  }
  if (state.status === 'half_open' && result.probe) return result.ok ? CLOSED : open(state.failures + 1);
  return state;
}
