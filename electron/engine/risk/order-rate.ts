/**
 * The orders-per-minute window (the runaway-strategy guard). The window is the 60 seconds
 * before `now`: an order placed at t counts while now - t < 60 s, so it slides out exactly 60 s
 * after it was placed. Pure: the caller keeps the placement times (pruned with pruneOrderTimes).
 */
export const RATE_WINDOW_MS = 60_000;

function inWindow(t: number, now: number, windowMs: number): boolean {
  return t <= now && now - t < windowMs;
}

/** Orders placed within the window ending at `now`. */
export function ordersInWindow(times: readonly number[], now: number, windowMs = RATE_WINDOW_MS): number {
  let count = 0;
  for (const t of times) if (inWindow(t, now, windowMs)) count++;
  return count;
}

/** The times still inside the window (ascending): what the caller keeps after recording an order. */
export function pruneOrderTimes(times: readonly number[], now: number, windowMs = RATE_WINDOW_MS): number[] {
  return times.filter((t) => inWindow(t, now, windowMs) || t > now).sort((a, b) => a - b);
}

export type RateStatus = Readonly<{
  /** Orders in the window before this one. */
  count: number;
  max: number;
  allowed: boolean;
  /** When the next order is allowed (the oldest counted order leaves the window), if not allowed now. */
  nextAllowedAt: number | null;
}>;

/** Whether one more order fits: allowed while fewer than `max` orders are in the window. */
export function orderRateStatus(
  times: readonly number[],
  now: number,
  max: number,
  windowMs = RATE_WINDOW_MS,
): RateStatus {
  const counted = times.filter((t) => inWindow(t, now, windowMs)).sort((a, b) => a - b);
  if (counted.length < max) return { count: counted.length, max, allowed: true, nextAllowedAt: null };
  // The order that must leave for the count to drop below max.
  const leaving = counted[counted.length - max]!;
  return { count: counted.length, max, allowed: false, nextAllowedAt: leaving + windowMs };
}
