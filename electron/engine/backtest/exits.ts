/**
 * The protective exits of an open long position within one candle, as the order manager applies
 * them live to an engine-held stop-loss / take-profit pair (the same rule in backtest, paper and
 * live):
 * - a candle that opens at or beyond a level fills at its open (a gap through the stop fills worse
 *   than the stop, a gap through the target better than the target);
 * - otherwise a low at or below the stop fills at the stop, a high at or above the target at the
 *   target;
 * - when both levels lie inside one candle, the order of the two touches is unknown: the stop wins
 *   (the conservative assumption).
 */
export const NO_EXIT = 0;
export const STOP_AT_OPEN = 1;
export const TARGET_AT_OPEN = 2;
export const STOP_HIT = 3;
export const TARGET_HIT = 4;
export type ProtectiveExit = 0 | 1 | 2 | 3 | 4;

export function protectiveExit(stop: number, target: number, open: number, high: number, low: number): ProtectiveExit {
  if (open <= stop) return STOP_AT_OPEN;
  if (open >= target) return TARGET_AT_OPEN;
  if (low <= stop) return STOP_HIT;
  if (high >= target) return TARGET_HIT;
  return NO_EXIT;
}
