/**
 * An exact decimal as `units * 10^-scale`, like Decimal but neither normalised nor frozen: the
 * allocation-light form for hot loops (the backtest ledger does a few dozen operations per fill,
 * and a normalised, frozen Decimal per step was most of their cost). Values, comparisons,
 * divisions, `toNumber` and `toString` are those of the equal Decimal; only the fields differ
 * (1.50 may be 150 at scale 2). Convert with `toDecimal` wherever a value leaves the loop.
 */
import { Decimal, MAX_SCALE } from './decimal.js';
import { nearestDouble, shortestDecimal } from './doubles.js';
import { pow10 } from './rounding.js';

const ZERO_CHAR = 48; // '0'

export class Scaled {
  static readonly ZERO = new Scaled(0n, 0);

  constructor(
    readonly units: bigint,
    readonly scale: number,
  ) {}

  static of(value: Decimal): Scaled {
    return new Scaled(value.coefficient, value.scale);
  }

  /** The double's shortest round-trip decimal, as Decimal.fromNumber (which throws for NaN and Infinity). */
  static fromNumber(value: number): Scaled {
    const shortest = Number.isFinite(value) ? shortestDecimal(value) : null;
    return shortest === null ? Scaled.of(Decimal.fromNumber(value)) : new Scaled(shortest.units, shortest.scale);
  }

  add(other: Scaled): Scaled {
    const a = this.scale;
    const b = other.scale;
    if (a === b) return new Scaled(this.units + other.units, a);
    if (a < b) return new Scaled(this.units * pow10(b - a) + other.units, b);
    return new Scaled(this.units + other.units * pow10(a - b), a);
  }

  sub(other: Scaled): Scaled {
    const a = this.scale;
    const b = other.scale;
    if (a === b) return new Scaled(this.units - other.units, a);
    if (a < b) return new Scaled(this.units * pow10(b - a) - other.units, b);
    return new Scaled(this.units - other.units * pow10(a - b), a);
  }

  mul(other: Scaled): Scaled {
    return new Scaled(this.units * other.units, this.scale + other.scale);
  }

  /** this / other truncated toward zero to `scale` fractional digits (Decimal.div with 'down'). */
  divDown(other: Scaled, scale: number): Scaled {
    if (other.units === 0n) throw new RangeError('division by zero');
    // (u1 / 10^s1) / (u2 / 10^s2) at scale s = u1 * 10^(s2 + s) / (u2 * 10^s1); bigint `/` truncates.
    return new Scaled((this.units * pow10(other.scale + scale)) / (other.units * pow10(this.scale)), scale);
  }

  gt(other: Scaled): boolean {
    const a = this.scale;
    const b = other.scale;
    if (a === b) return this.units > other.units;
    return a < b ? this.units * pow10(b - a) > other.units : this.units > other.units * pow10(a - b);
  }

  isPositive(): boolean {
    return this.units > 0n;
  }

  /** The double nearest the value: Decimal.toNumber. */
  toNumber(): number {
    return nearestDouble(this.units, this.scale) ?? this.toDecimal().toNumber();
  }

  toDecimal(): Decimal {
    // fromUnits takes scales up to MAX_SCALE; beyond (only for absurd magnitudes), multiply down.
    let value = Decimal.fromUnits(this.units, Math.min(this.scale, MAX_SCALE));
    for (let rest = this.scale - MAX_SCALE; rest > 0; rest -= MAX_SCALE) {
      value = value.mul(Decimal.fromUnits(1n, Math.min(rest, MAX_SCALE)));
    }
    return value;
  }

  /** Canonical text, as Decimal.toString: the trailing fractional zeros dropped from the digits. */
  toString(): string {
    if (this.units === 0n) return '0';
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString();
    let end = digits.length;
    let scale = this.scale;
    while (scale > 0 && digits.charCodeAt(end - 1) === ZERO_CHAR) {
      end -= 1;
      scale -= 1;
    }
    const sign = negative ? '-' : '';
    const kept = digits.slice(0, end);
    if (scale === 0) return sign + kept;
    const padded = kept.padStart(scale + 1, '0');
    const cut = padded.length - scale;
    return `${sign}${padded.slice(0, cut)}.${padded.slice(cut)}`;
  }
}
