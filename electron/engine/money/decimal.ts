/**
 * An exact, immutable decimal number for money: `coefficient * 10^-scale` with a bigint
 * coefficient and an arbitrary scale (no fixed number of fractional digits, so no digit is ever
 * silently dropped). Addition, subtraction and multiplication are exact; division and rounding
 * take an explicit scale and rounding mode. 0.1 + 0.2 is 0.3, exactly.
 *
 * Values are kept normalised (no trailing fractional zeros, zero has scale 0), so two Decimals
 * with the same value have the same fields: `toEqual` in tests and `eq` agree.
 *
 * Input:
 * - strings: `-?digits(.digits)?(e[+-]?digits)?`, e.g. "0.00000001", "60000.1", "-1e-8",
 *   "1.5E+3". Refused: empty, spaces, "+1", ".5", "1.", "0x10", "NaN", "Infinity", separators,
 *   more than 400 characters, exponents beyond +-400. Leading zeros are accepted ("007" = 7).
 * - numbers: only through `Decimal.fromNumber`, which uses JavaScript's shortest round-trip
 *   string (0.1 becomes exactly 0.1, not 0.1000000000000000055...). NaN and +-Infinity throw.
 * - bigints: whole numbers.
 * Output: `toString` is canonical: no exponent, no trailing zeros, "-" only for values below 0
 * ("-0" never appears). `toJSON` is the same string, so money travels as text.
 */
import { decimalOfText, nearestDouble, shortestDecimal } from './doubles.js';
import { divRound, pow10, type RoundingMode } from './rounding.js';

export { ROUNDING_MODES, type RoundingMode } from './rounding.js';

/**
 * Anything that names an exact decimal. A number is accepted here only when it is a safe integer
 * (`x.gt(0)`, `x.mul(2)`); a fractional number throws: convert it with `Decimal.fromNumber`.
 */
export type DecimalInput = Decimal | string | bigint | number;

/** How `div` and `round` fit a result to a number of fractional digits. */
export type RoundingOptions = { scale: number; rounding: RoundingMode };

/** Thrown for malformed input, NaN/Infinity, division by zero and invalid steps or scales. */
export class DecimalError extends RangeError {
  override readonly name = 'DecimalError';
}

const MAX_INPUT_LENGTH = 400;
const MAX_EXPONENT = 400;
/** The largest scale `div`/`round`/`toFixed` accept: far beyond any currency, small enough to be safe. */
export const MAX_SCALE = 1000;
const DECIMAL_PATTERN = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

function checkScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < 0 || scale > MAX_SCALE) {
    throw new DecimalError(`a scale is a whole number of fractional digits from 0 to ${MAX_SCALE}, not ${scale}`);
  }
}

export class Decimal {
  static readonly ZERO = new Decimal(0n, 0);
  static readonly ONE = new Decimal(1n, 0);

  /** The value is `coefficient / 10^scale`; normalised so that equal values have equal fields. */
  readonly coefficient: bigint;
  readonly scale: number;

  /** `normalised`: the caller guarantees a non-zero last digit (or scale 0): no check needed. */
  private constructor(coefficient: bigint, scale: number, normalised = false) {
    if (!normalised) {
      while (scale > 0 && coefficient % 10n === 0n) {
        coefficient /= 10n;
        scale -= 1;
      }
    }
    this.coefficient = coefficient;
    this.scale = coefficient === 0n ? 0 : scale;
    Object.freeze(this);
  }

  /** A Decimal from a Decimal (returned as is), a decimal string, a bigint or a safe integer. Throws DecimalError. */
  static from(value: DecimalInput): Decimal {
    if (value instanceof Decimal) return value;
    if (typeof value === 'bigint') return new Decimal(value, 0);
    if (typeof value === 'string') return Decimal.parse(value);
    if (Number.isSafeInteger(value)) return new Decimal(BigInt(value), 0);
    throw new DecimalError(
      `not an exact decimal: ${String(value)} (convert a fractional number with Decimal.fromNumber)`,
    );
  }

  /** Parses a decimal string (see the module comment for the grammar). Throws DecimalError. */
  static parse(text: string): Decimal {
    const parsed = Decimal.tryParse(text);
    if (parsed === null) {
      const shown = typeof text === 'string' ? JSON.stringify(text.slice(0, 40)) : String(text);
      throw new DecimalError(`not a decimal number: ${shown} (expected digits like "0.01" or "-1e-8")`);
    }
    return parsed;
  }

  /** Like `parse`, but answers null instead of throwing: for validation at a boundary. */
  static tryParse(text: string): Decimal | null {
    if (typeof text !== 'string' || text.length === 0 || text.length > MAX_INPUT_LENGTH) return null;
    const match = DECIMAL_PATTERN.exec(text);
    if (!match) return null;
    const [, sign, whole, fraction = '', exponentText] = match;
    const exponent = exponentText === undefined ? 0 : Number(exponentText);
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > MAX_EXPONENT) return null;
    let coefficient = BigInt(whole! + fraction);
    let scale = fraction.length - exponent;
    if (scale < 0) {
      coefficient *= pow10(-scale);
      scale = 0;
    }
    return new Decimal(sign === '-' ? -coefficient : coefficient, scale);
  }

  /**
   * A finite number through its shortest round-trip decimal string: fromNumber(0.1) is exactly
   * 0.1. NaN and Infinity throw: they must be rejected where data enters the engine.
   */
  static fromNumber(value: number): Decimal {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new DecimalError(`cannot make an exact decimal from ${String(value)}: only finite numbers are money`);
    }
    const shortest = shortestDecimal(value) ?? decimalOfText(value);
    return new Decimal(shortest.units, shortest.scale, true);
  }

  /** `coefficient * 10^-scale` (e.g. minor units: fromUnits(12345n, 2) is 123.45). */
  static fromUnits(coefficient: bigint, scale: number): Decimal {
    checkScale(scale);
    return new Decimal(coefficient, scale);
  }

  static sum(values: Iterable<DecimalInput>): Decimal {
    let total: Decimal = Decimal.ZERO;
    for (const value of values) total = total.add(value);
    return total;
  }

  static min(first: DecimalInput, ...rest: DecimalInput[]): Decimal {
    return rest.reduce<Decimal>((m, v) => (m.lte(v) ? m : Decimal.from(v)), Decimal.from(first));
  }

  static max(first: DecimalInput, ...rest: DecimalInput[]): Decimal {
    return rest.reduce<Decimal>((m, v) => (m.gte(v) ? m : Decimal.from(v)), Decimal.from(first));
  }

  add(other: DecimalInput): Decimal {
    const o = Decimal.from(other);
    if (o.coefficient === 0n) return this;
    if (this.coefficient === 0n) return o;
    return Decimal.combine(this.coefficient, this.scale, o.coefficient, o.scale);
  }

  sub(other: DecimalInput): Decimal {
    const o = Decimal.from(other);
    if (o.coefficient === 0n) return this;
    if (this.coefficient === 0n) return o.neg();
    return Decimal.combine(this.coefficient, this.scale, -o.coefficient, o.scale);
  }

  /**
   * a/10^sa + b/10^sb for normalised non-zero operands. With different scales the sum's last digit
   * is the finer operand's last digit (the other is shifted by a power of ten), so it is non-zero
   * and the sum is already normalised.
   */
  private static combine(a: bigint, sa: number, b: bigint, sb: number): Decimal {
    if (sa === sb) return new Decimal(a + b, sa);
    if (sa < sb) return new Decimal(a * pow10(sb - sa) + b, sb, true);
    return new Decimal(a + b * pow10(sa - sb), sa, true);
  }

  mul(other: DecimalInput): Decimal {
    const o = Decimal.from(other);
    return new Decimal(this.coefficient * o.coefficient, this.scale + o.scale);
  }

  /** this / other, rounded to `scale` fractional digits by `rounding`. Division by zero throws. */
  div(other: DecimalInput, options: RoundingOptions): Decimal {
    checkScale(options.scale);
    const o = Decimal.from(other);
    if (o.coefficient === 0n) throw new DecimalError(`cannot divide ${this.toString()} by zero`);
    // (c1 / 10^s1) / (c2 / 10^s2) at scale s = c1 * 10^(s2 + s) / (c2 * 10^s1)
    const numerator = this.coefficient * pow10(o.scale + options.scale);
    const denominator = o.coefficient * pow10(this.scale);
    return new Decimal(divRound(numerator, denominator, options.rounding), options.scale);
  }

  neg(): Decimal {
    return this.coefficient === 0n ? this : new Decimal(-this.coefficient, this.scale, true);
  }

  abs(): Decimal {
    return this.coefficient < 0n ? this.neg() : this;
  }

  /** -1, 0 or 1. */
  sign(): -1 | 0 | 1 {
    return this.coefficient < 0n ? -1 : this.coefficient > 0n ? 1 : 0;
  }

  /** -1 if this < other, 0 if equal, 1 if greater. */
  cmp(other: DecimalInput): -1 | 0 | 1 {
    const o = Decimal.from(other);
    const scale = Math.max(this.scale, o.scale);
    const a = this.scaledTo(scale);
    const b = o.scaledTo(scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  eq(other: DecimalInput): boolean {
    return this.cmp(other) === 0;
  }
  lt(other: DecimalInput): boolean {
    return this.cmp(other) < 0;
  }
  lte(other: DecimalInput): boolean {
    return this.cmp(other) <= 0;
  }
  gt(other: DecimalInput): boolean {
    return this.cmp(other) > 0;
  }
  gte(other: DecimalInput): boolean {
    return this.cmp(other) >= 0;
  }
  isZero(): boolean {
    return this.coefficient === 0n;
  }
  isPositive(): boolean {
    return this.coefficient > 0n;
  }
  isNegative(): boolean {
    return this.coefficient < 0n;
  }
  isInteger(): boolean {
    return this.scale === 0;
  }

  /** Rounded to at most `scale` fractional digits (a value that already fits is returned as is). */
  round(scale: number, rounding: RoundingMode): Decimal {
    checkScale(scale);
    if (this.scale <= scale) return this;
    return new Decimal(divRound(this.coefficient, pow10(this.scale - scale), rounding), scale);
  }

  /**
   * Rounded to a whole multiple of `step` (> 0), e.g. an exchange's amount step 0.0001:
   * 0.12345 -> 0.1234 ('down'), 0.1235 ('up'), 0.1234 ('half-even').
   */
  roundToStep(step: DecimalInput, rounding: RoundingMode): Decimal {
    const s = Decimal.from(step);
    if (!s.isPositive()) throw new DecimalError(`a rounding step must be above zero, not ${s.toString()}`);
    return this.div(s, { scale: 0, rounding }).mul(s);
  }

  /** Canonical text: no exponent, no trailing zeros; "-" only below zero. */
  toString(): string {
    const negative = this.coefficient < 0n;
    const digits = (negative ? -this.coefficient : this.coefficient).toString();
    const sign = negative ? '-' : '';
    if (this.scale === 0) return sign + digits;
    const padded = digits.padStart(this.scale + 1, '0');
    const cut = padded.length - this.scale;
    return `${sign}${padded.slice(0, cut)}.${padded.slice(cut)}`;
  }

  /** Exactly `places` fractional digits (rounded by `rounding`, default half-even), for display. */
  toFixed(places: number, rounding: RoundingMode = 'half-even'): string {
    const text = this.round(places, rounding).toString();
    if (places === 0) return text;
    const dot = text.indexOf('.');
    const have = dot < 0 ? 0 : text.length - dot - 1;
    return (dot < 0 ? `${text}.` : text) + '0'.repeat(places - have);
  }

  /**
   * A float, for display and analysis only: never feed it back into accounting. It is the double
   * nearest the exact value (ties to even), the same as `Number(this.toString())`.
   */
  toNumber(): number {
    return nearestDouble(this.coefficient, this.scale) ?? Number(this.toString());
  }

  toJSON(): string {
    return this.toString();
  }

  /** The coefficient at a scale >= this.scale. */
  private scaledTo(scale: number): bigint {
    return scale === this.scale ? this.coefficient : this.coefficient * pow10(scale - this.scale);
  }
}

/** Shorthand for `Decimal.from`. */
export function dec(value: DecimalInput): Decimal {
  return Decimal.from(value);
}
