/**
 * Conversions between doubles and exact decimals (`units * 10^-scale`) without going through
 * text: the hot paths of Decimal.toNumber and Decimal.fromNumber, and of the backtest ledger. Each
 * gives exactly what the text route gives (Number(text), String(value)), or null where the caller
 * should take the text route.
 */

/** 10^0 .. 10^22: the powers of ten that doubles hold exactly. */
const EXACT_POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const TWO_POW_53 = 2 ** 53;
const TWO_POW_50 = 2 ** 50;
const LOG2_10 = Math.log2(10);
const MAX_SHIFT = 1000;
/** 2^-k for k = 0 .. MAX_SHIFT (all exact). */
const TWO_POW_MINUS = Array.from({ length: MAX_SHIFT + 1 }, (_, k) => 2 ** -k);
/** Below this magnitude a double loses bits (subnormal): left to the text route. */
const MIN_FAST_DOUBLE = 2 ** -1000;
const POW10_BIG: bigint[] = [1n];

function pow10Big(n: number): bigint {
  for (let i = POW10_BIG.length; i <= n; i++) POW10_BIG.push(POW10_BIG[i - 1]! * 10n);
  return POW10_BIG[n]!;
}

/**
 * The double nearest units / 10^scale (ties to even), i.e. Number of its decimal text; null for
 * the text route (magnitudes beyond about 2^±1000). Units below 2^53 (exact as doubles) over an
 * exact power of ten: one IEEE division, which is correctly rounded. Otherwise an integer quotient
 * q = floor(|units| * 2^k / 10^scale) of at least 63 bits with its last bit set when the division
 * left a remainder (a sticky bit: rounding q to 53 bits then rounds the same way as the exact
 * quotient; when any of q's low 8 bits, all below the rounding position, is set, that is already
 * so and the remainder is not needed), converted by Number(bigint) (correctly rounded) and scaled
 * by 2^-k (exact for normal doubles).
 */
export function nearestDouble(units: bigint, scale: number): number | null {
  const approx = Number(units);
  if (scale === 0) return approx;
  if (scale <= 22 && approx < TWO_POW_53 && approx > -TWO_POW_53) return approx / EXACT_POW10[scale]!;
  if (scale > 2000) return null;
  const magnitude = Math.abs(approx);
  if (magnitude === Infinity) return null;
  const k = Math.max(0, Math.ceil(64 + scale * LOG2_10 - Math.log2(magnitude)));
  if (k > MAX_SHIFT) return null;
  const shifted = (units < 0n ? -units : units) << BigInt(k);
  const divisor = pow10Big(scale);
  let q = shifted / divisor;
  if (BigInt.asUintN(8, q) === 0n && q * divisor !== shifted) q |= 1n;
  const result = Number(q) * TWO_POW_MINUS[k]!;
  if (result < MIN_FAST_DOUBLE) return null;
  return units < 0n ? -result : result;
}

/** The digits of a double's shortest round-trip text as units and scale (units not ending in 0 when scale > 0). */
export type ShortestDecimal = { units: bigint; scale: number };

/**
 * What String(value) spells, for a finite double, without building the text; null for the text
 * route. Safe integers are themselves. Otherwise, at the smallest scale s where
 * round(|value| * 10^s) / 10^s gives the double back, that integer is the only candidate (the
 * double's rounding interval is narrower than 1 at this scale, since the integer stays below
 * 2^50, and the float error of |value| * 10^s is far below 1/2) and it has the fewest digits, which
 * is what the shortest round-trip text is. It does not end in 0, else a smaller scale would have
 * matched.
 */
export function shortestDecimal(value: number): ShortestDecimal | null {
  if (Number.isSafeInteger(value)) return { units: BigInt(value), scale: 0 };
  const magnitude = Math.abs(value);
  for (let scale = 1; scale <= 22; scale++) {
    const scaled = magnitude * EXACT_POW10[scale]!;
    if (scaled >= TWO_POW_50) return null;
    const units = Math.round(scaled);
    if (units / EXACT_POW10[scale]! === magnitude) return { units: BigInt(value < 0 ? -units : units), scale };
  }
  return null;
}

/**
 * What String(value) spells, for any finite double, read from that text without a pattern: the
 * digits without the point as units, the fractional digits less the exponent as the scale. The
 * text never ends its fraction in 0, so the result is normalised as shortestDecimal's is.
 */
export function decimalOfText(value: number): ShortestDecimal {
  const text = String(value);
  const e = text.indexOf('e');
  const mantissa = e < 0 ? text : text.slice(0, e);
  const exponent = e < 0 ? 0 : Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const scale = (dot < 0 ? 0 : mantissa.length - dot - 1) - exponent;
  if (scale >= 0) return { units: BigInt(digits), scale };
  return { units: BigInt(digits) * 10n ** BigInt(-scale), scale: 0 };
}
