import { describe, expect, it } from 'vitest';
import {
  decimalsOfStep,
  formatAmount,
  formatCount,
  formatMoney,
  formatPercent,
  formatPrice,
  formatRate,
  formatVolume,
  plainNumber,
} from './numbers.js';

describe('numbers as a trader reads them', () => {
  it('shows a price at the market price step, with thousands separators', () => {
    expect(formatPrice(186.24, 0.01)).toBe('186.24');
    expect(formatPrice(80087.4, 0.1)).toBe('80,087.4');
    expect(formatPrice(80087.44, 0.1)).toBe('80,087.4');
    expect(formatPrice(3000, 0.01)).toBe('3,000.00');
    expect(formatPrice(2.5, 0.25)).toBe('2.50');
    expect(formatPrice(80087.4, 0.1, { grouping: false })).toBe('80087.4');
  });

  it('falls back to decimals by size when the step is unknown', () => {
    expect(formatPrice(80087.4)).toBe('80,087.40');
    expect(formatPrice(186.24)).toBe('186.2400');
    expect(formatPrice(0.000123)).toBe('0.0001230');
  });

  it('reads the decimals of a step', () => {
    expect([0.01, 0.00000001, 0.5, 0.25, 1, 10, 0.1, 0.0001].map(decimalsOfStep)).toEqual([2, 8, 1, 2, 0, 0, 1, 4]);
  });

  it('shows a quantity at the amount step, never with an exponent', () => {
    expect(formatAmount(0.123456789, 0.0001)).toBe('0.1235');
    expect(formatAmount(1e-9, 0.00000001)).toBe('0.00000000');
    expect(formatAmount(1e-9)).toBe('0');
    expect(formatAmount(0.00000123)).toBe('0.00000123');
    expect(formatAmount('1.50000000')).toBe('1.5');
    expect(formatAmount(1234.5, 0.000001)).toBe('1,234.500000');
  });

  it('shows money at 2 decimals with separators, and never -0', () => {
    expect(formatMoney('9096.78294958')).toBe('9,096.78');
    expect(formatMoney(9997.6217276)).toBe('9,997.62');
    expect(formatMoney(-0.004)).toBe('0.00');
    expect(formatMoney('-0.00000001')).toBe('0.00');
    expect(formatMoney(-12.5)).toBe('-12.50');
    expect(formatMoney(1234.5, true)).toBe('+1,234.50');
    expect(formatMoney(0.001, true)).toBe('0.00');
    expect(formatMoney(1e21)).toBe('1,000,000,000,000,000,000,000.00');
  });

  it('shows percents at 2 decimals with the sign kept to its figure', () => {
    expect(formatPercent(810.270484392956)).toBe('810.27\u00a0%');
    expect(formatPercent(-0.001)).toBe('0.00\u00a0%');
    expect(formatPercent(2.7, true)).toBe('+2.70\u00a0%');
    expect(formatPercent(-1.5, true)).toBe('-1.50\u00a0%');
    expect(formatRate(0.0026)).toBe('0.26\u00a0%');
    expect(formatRate(0.00125)).toBe('0.125\u00a0%');
  });

  it('shows a missing or non-finite value as a dash', () => {
    expect([formatPrice(null), formatMoney(undefined), formatPercent(Number.NaN), formatAmount('abc')]).toEqual([
      '—',
      '—',
      '—',
      '—',
    ]);
  });

  it('writes volumes and counts compactly', () => {
    expect(formatVolume(1_234_567)).toBe('1.23M');
    expect(formatVolume(4_321)).toBe('4.32K');
    expect(formatVolume(0.5)).toBe('0.5');
    expect(formatCount(12345)).toBe('12,345');
  });

  it('writes plain numbers for CSV cells: exact strings kept, no separators, no exponent, no -0', () => {
    expect(plainNumber('9096.78294958')).toBe('9096.78294958');
    expect(plainNumber('0.00100000')).toBe('0.001');
    expect(plainNumber('-0.000')).toBe('0');
    expect(plainNumber(1e-9)).toBe('0.000000001');
    expect(plainNumber(1234567.5)).toBe('1234567.5');
    expect(plainNumber(null)).toBe('');
  });
});
