import { describe, expect, it } from 'vitest';
import { Decimal } from './decimal.js';
import { nearestDouble, shortestDecimal } from './doubles.js';
import { Scaled } from './scaled.js';

/** A small deterministic generator (LCG), so a failure names its inputs. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** The exact decimal of the double m * 2^e (m odd or even, e may be negative). */
function exactBinary(m: bigint, e: number): Decimal {
  return e >= 0 ? Decimal.fromUnits(m << BigInt(e), 0) : Decimal.fromUnits(m * 5n ** BigInt(-e), -e);
}

describe('doubles: conversions without text give what the text route gives', () => {
  it('nearestDouble is Number(text), including exact halfway cases (ties to even)', () => {
    const random = generator(7);
    const view = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < 3000; i++) {
      const exponent = 1023 - 70 + Math.floor(random() * 140);
      view.setUint32(0, (exponent << 20) | Math.floor(random() * 0x100000));
      view.setUint32(4, Math.floor(random() * 2 ** 32));
      const mantissa = (BigInt(view.getUint32(0) & 0xfffff) << 32n) | BigInt(view.getUint32(4)) | (1n << 52n);
      const e = exponent - 1023 - 52;
      for (const delta of [-1n, 0n, 1n]) {
        const halfway = exactBinary(2n * mantissa + delta, e - 1);
        for (const value of [halfway, halfway.add('1e-60'), halfway.sub('1e-60'), halfway.neg()]) {
          expect(nearestDouble(value.coefficient, value.scale)).toBe(Number(value.toString()));
        }
      }
    }
  });

  it('nearestDouble answers null (the text route) only far outside money magnitudes', () => {
    expect(nearestDouble(1n, 400)).toBeNull();
    expect(nearestDouble(12345n, 2)).toBe(123.45);
    expect(nearestDouble(-(10n ** 40n) - 1n, 40)).toBe(-1);
  });

  it('shortestDecimal spells what String(value) spells', () => {
    const random = generator(11);
    const view = new DataView(new ArrayBuffer(8));
    const values = [0.1, 0.2, 0.3, 60000.1, 1e-7, 123456.789, 0.000123, 5e-324, 2 ** 53 + 2, -0.5, 1 / 3];
    for (let i = 0; i < 5000; i++) {
      values.push(Math.round(random() * 1e8) / 100);
      values.push(Number((random() * 1000).toFixed(Math.floor(random() * 15))));
      view.setUint32(0, Math.floor(random() * 2 ** 32));
      view.setUint32(4, Math.floor(random() * 2 ** 32));
      const bits = view.getFloat64(0);
      if (Number.isFinite(bits)) values.push(bits);
    }
    for (const value of values) {
      const fast = shortestDecimal(value);
      const text = Decimal.parse(String(value));
      if (fast !== null) expect(Decimal.fromUnits(fast.units, fast.scale)).toEqual(text);
      expect(Decimal.fromNumber(value)).toEqual(text);
      expect(Decimal.fromNumber(value).toNumber()).toBe(value === 0 ? 0 : value);
    }
  });
});

describe('Scaled: the unnormalised form keeps Decimal values', () => {
  it('adds, subtracts, multiplies, divides down and converts like Decimal', () => {
    const a = Scaled.fromNumber(60000.12).mul(Scaled.of(Decimal.parse('1.0005')));
    const b = Scaled.of(Decimal.parse('1000.5'));
    expect(a.toString()).toBe('60030.12006');
    expect(a.add(b).toString()).toBe(Decimal.parse('60030.12006').add('1000.5').toString());
    expect(b.sub(a).toString()).toBe('-59029.62006');
    expect(b.divDown(a, 18).toString()).toBe(
      Decimal.parse('1000.5').div('60030.12006', { scale: 18, rounding: 'down' }).toString(),
    );
    expect(new Scaled(1500n, 3).toString()).toBe('1.5');
    expect(new Scaled(1500n, 3).toDecimal()).toEqual(Decimal.parse('1.5'));
    expect(new Scaled(15n, 1).gt(new Scaled(1499n, 3))).toBe(true);
    expect(new Scaled(1n, 1200).toDecimal()).toEqual(Decimal.fromUnits(1n, 1000).mul(Decimal.fromUnits(1n, 200)));
    expect(() => Scaled.fromNumber(Number.NaN)).toThrow(/only finite numbers/);
  });

  it('matches Decimal on random operands of every sign and scale (texts and doubles)', () => {
    const random = generator(13);
    const operand = (): [Scaled, Decimal] => {
      let digits = String(1 + Math.floor(random() * 9));
      const length = Math.floor(random() * 30);
      for (let i = 0; i < length; i++) digits += Math.floor(random() * 10);
      const units = BigInt(digits + '0'.repeat(Math.floor(random() * 4))) * (random() < 0.4 ? -1n : 1n);
      const scale = Math.floor(random() * 30);
      return [new Scaled(units, scale), Decimal.fromUnits(units, scale)];
    };
    for (let i = 0; i < 2000; i++) {
      const [a, ad] = operand();
      const [b, bd] = operand();
      expect(a.add(b).toString()).toBe(ad.add(bd).toString());
      expect(a.sub(b).toString()).toBe(ad.sub(bd).toString());
      expect(a.mul(b).toString()).toBe(ad.mul(bd).toString());
      expect(a.divDown(b, 18).toString()).toBe(ad.div(bd, { scale: 18, rounding: 'down' }).toString());
      expect([a.gt(b), b.gt(a)]).toEqual([ad.gt(bd), bd.gt(ad)]);
      expect(a.sub(b).toNumber()).toBe(ad.sub(bd).toNumber());
    }
  });
});
