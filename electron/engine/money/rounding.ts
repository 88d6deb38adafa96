/**
 * Integer division with an explicit rounding mode, and powers of ten: the two primitives the
 * Decimal type is built on. Pure bigint arithmetic, no floats anywhere.
 */

/**
 * How a result that does not fit the wanted scale is rounded.
 * - `down`: toward zero (truncate). `up`: away from zero.
 * - `floor`: toward -infinity. `ceil`: toward +infinity.
 * - `half-up`: to nearest, ties away from zero. `half-even`: to nearest, ties to the even digit
 *   (banker's rounding: no bias when many values are rounded).
 */
export const ROUNDING_MODES = ['down', 'up', 'floor', 'ceil', 'half-up', 'half-even'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

const POW10_CACHE: bigint[] = [1n];

/** 10^n as a bigint (n >= 0), cached for the small exponents that money uses. */
export function pow10(n: number): bigint {
  if (n < 0 || !Number.isInteger(n)) throw new RangeError(`pow10 needs a whole exponent >= 0, not ${n}`);
  if (n < 128) {
    for (let i = POW10_CACHE.length; i <= n; i++) POW10_CACHE.push(POW10_CACHE[i - 1]! * 10n);
    return POW10_CACHE[n]!;
  }
  return 10n ** BigInt(n);
}

/** n / d rounded to a whole number by `mode`. d must not be 0. */
export function divRound(n: bigint, d: bigint, mode: RoundingMode): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const q = n / d; // truncates toward zero
  const r = n % d; // has the sign of n
  if (r === 0n) return q;
  const negative = n < 0n;
  const away = negative ? q - 1n : q + 1n;
  switch (mode) {
    case 'down':
      return q;
    case 'up':
      return away;
    case 'floor':
      return negative ? away : q;
    case 'ceil':
      return negative ? q : away;
    case 'half-up':
    case 'half-even': {
      const twice = 2n * (negative ? -r : r);
      if (twice < d) return q;
      if (twice > d) return away;
      if (mode === 'half-up') return away;
      return q % 2n === 0n ? q : away;
    }
  }
}
