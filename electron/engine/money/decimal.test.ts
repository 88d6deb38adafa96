import { describe, expect, it } from 'vitest';
import { Decimal, DecimalError, dec } from './decimal.js';
import { ROUNDING_MODES, type RoundingMode } from './rounding.js';

describe('Decimal: exact arithmetic', () => {
  it('0.1 + 0.2 is exactly 0.3', () => {
    expect(dec('0.1').add('0.2').toString()).toBe('0.3');
    expect(dec('0.1').add('0.2').eq('0.3')).toBe(true);
    expect(Decimal.fromNumber(0.1).add(Decimal.fromNumber(0.2)).toString()).toBe('0.3');
    expect(0.1 + 0.2).not.toBe(0.3); // what a float would have done
  });

  it('adds, subtracts and multiplies exactly across scales', () => {
    expect(dec('60000.1').sub('0.00000001').toString()).toBe('60000.09999999');
    expect(dec('1.5').mul('0.0002').toString()).toBe('0.0003');
    expect(dec('-2.5').mul('-4').toString()).toBe('10');
    expect(dec('100.1').mul('0.3').add(dec('100.2').mul('0.3')).toString()).toBe('60.09');
    expect(dec('0').sub('1e-8').toString()).toBe('-0.00000001');
  });

  it('handles very large and very small magnitudes without losing a digit', () => {
    const big = dec('123456789012345678901234567890.123456789');
    const tiny = dec('0.000000000000000000000000000001');
    expect(big.add(tiny).toString()).toBe('123456789012345678901234567890.123456789000000000000000000001');
    expect(big.add(tiny).sub(big).eq(tiny)).toBe(true);
    expect(dec('1e30').mul('1e-30').toString()).toBe('1');
    expect(dec('99999999999999999999').add('1').toString()).toBe('100000000000000000000');
  });

  it('sums a million fills of 0.00000001 without drift (floats drift)', () => {
    let exact = Decimal.ZERO;
    let float = 0;
    const fill = dec('0.00000001');
    for (let i = 0; i < 1_000_000; i++) {
      exact = exact.add(fill);
      float += 0.00000001;
    }
    expect(exact.toString()).toBe('0.01');
    expect(float).not.toBe(0.01);
  });

  it('sums a million varied fills exactly (checked against integer minor units)', () => {
    let exact = Decimal.ZERO;
    let units = 0n;
    for (let i = 0; i < 1_000_000; i++) {
      const satoshis = BigInt((i * 7919) % 100_000);
      units += satoshis;
      exact = exact.add(Decimal.fromUnits(satoshis, 8));
    }
    expect(exact.eq(Decimal.fromUnits(units, 8))).toBe(true);
  });
});

describe('Decimal: parsing and conversion', () => {
  it.each([
    ['0.00000001', '0.00000001'],
    ['60000.1', '60000.1'],
    ['-1e-8', '-0.00000001'],
    ['1.5E+3', '1500'],
    ['2.50000', '2.5'],
    ['007', '7'],
    ['-0', '0'],
    ['-0.000', '0'],
    ['0e5', '0'],
  ])('parses %s as %s', (input, canonical) => {
    expect(dec(input).toString()).toBe(canonical);
  });

  it.each(['', ' 1', '1 ', '+1', '.5', '1.', '0x10', 'NaN', 'Infinity', '1,000', '1e', '--1', '1e401', 'abc'])(
    'refuses %j',
    (input) => {
      expect(() => dec(input)).toThrow(DecimalError);
      expect(Decimal.tryParse(input)).toBeNull();
    },
  );

  it('refuses absurdly long input', () => {
    expect(Decimal.tryParse('1'.repeat(401))).toBeNull();
  });

  it('takes numbers through their shortest decimal string, and refuses NaN and Infinity', () => {
    expect(Decimal.fromNumber(0.1).toString()).toBe('0.1');
    expect(Decimal.fromNumber(1e-8).toString()).toBe('0.00000001');
    expect(Decimal.fromNumber(1e21).toString()).toBe('1000000000000000000000');
    expect(Decimal.fromNumber(-0).toString()).toBe('0');
    expect(Decimal.fromNumber(Number.MIN_VALUE).gt(0)).toBe(true);
    expect(() => Decimal.fromNumber(Number.NaN)).toThrow(/only finite numbers/);
    expect(() => Decimal.fromNumber(Number.POSITIVE_INFINITY)).toThrow(DecimalError);
    expect(() => Decimal.from(0.5)).toThrow(/fromNumber/);
    expect(() => Decimal.from(2 ** 53)).toThrow(/fromNumber/);
    expect(Decimal.from(42).toString()).toBe('42');
  });

  it('normalises so equal values have equal fields', () => {
    expect(dec('1.10')).toEqual(dec('1.1'));
    expect(dec('100')).toEqual(Decimal.fromUnits(10000n, 2));
    expect(dec('0.5').add('0.5')).toEqual(Decimal.ONE);
  });

  it('is immutable', () => {
    const d = dec('1.5');
    expect(Object.isFrozen(d)).toBe(true);
    d.add('1');
    expect(d.toString()).toBe('1.5');
  });

  it('serialises to JSON as a string and converts to a number for display', () => {
    expect(JSON.stringify({ price: dec('60000.10') })).toBe('{"price":"60000.1"}');
    expect(dec('60000.1').toNumber()).toBe(60000.1);
    expect(dec('2').toFixed(2)).toBe('2.00');
    expect(dec('2.345').toFixed(2)).toBe('2.34');
    expect(dec('2.345').toFixed(2, 'half-up')).toBe('2.35');
    expect(dec('-1.5').toFixed(0)).toBe('-2');
  });
});

describe('Decimal: comparison', () => {
  it('compares across scales and signs', () => {
    expect(dec('1.0').cmp('1')).toBe(0);
    expect(dec('0.1').lt('0.10000001')).toBe(true);
    expect(dec('-2').lt('-1.5')).toBe(true);
    expect(dec('3').gt('2.999999999999999999999')).toBe(true);
    expect(dec('0').isZero()).toBe(true);
    expect([dec('-3').sign(), dec('0').sign(), dec('3').sign()]).toEqual([-1, 0, 1]);
    expect(dec('-3').abs().toString()).toBe('3');
    expect(dec('3').neg().toString()).toBe('-3');
    expect(Decimal.min('2', '1.5', '3').toString()).toBe('1.5');
    expect(Decimal.max('2', '1.5', '3').toString()).toBe('3');
    expect(Decimal.sum(['0.1', '0.2', '0.3']).toString()).toBe('0.6');
  });
});

describe('Decimal: division and rounding', () => {
  it('divides with an explicit scale and rounding mode', () => {
    expect(dec('1').div('3', { scale: 8, rounding: 'half-even' }).toString()).toBe('0.33333333');
    expect(dec('2').div('3', { scale: 8, rounding: 'down' }).toString()).toBe('0.66666666');
    expect(dec('2').div('3', { scale: 8, rounding: 'half-even' }).toString()).toBe('0.66666667');
    expect(dec('300.6').div('3', { scale: 2, rounding: 'down' }).toString()).toBe('100.2');
    expect(dec('-1').div('3', { scale: 2, rounding: 'floor' }).toString()).toBe('-0.34');
    expect(dec('0.0001').div('0.00000001', { scale: 0, rounding: 'down' }).toString()).toBe('10000');
    expect(() => dec('1').div('0', { scale: 2, rounding: 'down' })).toThrow(/by zero/);
    expect(() => dec('1').div('3', { scale: -1, rounding: 'down' })).toThrow(/scale/);
  });

  // value, then expected for: down, up, floor, ceil, half-up, half-even (to 0 fractional digits)
  const table: Array<[string, string[]]> = [
    ['2.5', ['2', '3', '2', '3', '3', '2']],
    ['3.5', ['3', '4', '3', '4', '4', '4']],
    ['-2.5', ['-2', '-3', '-3', '-2', '-3', '-2']],
    ['2.4', ['2', '3', '2', '3', '2', '2']],
    ['2.6', ['2', '3', '2', '3', '3', '3']],
    ['-2.6', ['-2', '-3', '-3', '-2', '-3', '-3']],
    ['7', ['7', '7', '7', '7', '7', '7']],
  ];
  it.each(table)('rounds %s by every mode', (value, expected) => {
    const got = ROUNDING_MODES.map((mode) => dec(value).round(0, mode).toString());
    expect(got).toEqual(expected);
  });

  it('rounds to an exchange amount step', () => {
    const amount = dec('0.12345');
    const step = '0.0001';
    const by = (mode: RoundingMode) => amount.roundToStep(step, mode).toString();
    expect(by('down')).toBe('0.1234');
    expect(by('up')).toBe('0.1235');
    expect(by('half-even')).toBe('0.1234');
    expect(by('half-up')).toBe('0.1235');
    expect(dec('0.12355').roundToStep(step, 'half-even').toString()).toBe('0.1236');
    expect(dec('17').roundToStep('5', 'down').toString()).toBe('15');
    expect(dec('60000.17').roundToStep('0.5', 'half-even').toString()).toBe('60000');
    expect(dec('60000.3').roundToStep('0.5', 'half-even').toString()).toBe('60000.5');
    expect(() => amount.roundToStep('0', 'down')).toThrow(/above zero/);
  });

  it('round() keeps values that already fit', () => {
    expect(dec('1.23').round(8, 'down').toString()).toBe('1.23');
    expect(dec('1.23456789').round(4, 'half-even').toString()).toBe('1.2346');
  });
});
