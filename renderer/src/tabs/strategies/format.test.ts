import { describe, expect, it } from 'vitest';
import { formatMoney, formatPct, signClass } from './format';

describe('the sign of a figure', () => {
  it('colours gains and losses, and leaves a figure that reads as zero neutral', () => {
    expect([
      signClass(0.13),
      signClass(-0.2),
      signClass(0),
      signClass(-0.001),
      signClass(0.004),
      signClass(null),
    ]).toEqual(['up', 'down', '', '', '', '']);
  });

  it('puts + only before a gain that shows, and keeps the % sign with its figure', () => {
    expect(formatPct(0.13, true)).toBe('+0.13\u00a0%');
    expect(formatPct(0.001, true)).toBe('0.00\u00a0%');
    expect(formatPct(-1.5, true)).toBe('-1.50\u00a0%');
    expect(formatPct(-0.001, true)).toBe('0.00\u00a0%');
    expect(formatMoney(0.004, true)).toBe('0.00');
    expect(formatMoney(1234.5, true)).toBe('+1,234.50');
  });
});
