import { describe, expect, it } from 'vitest';
import { MARKET_REGIMES } from '../../../shared/domain/strategy.js';
import { hourly } from '../backtest/test-helpers.js';
import { classifyRegimes, REGIME_UNKNOWN, regimeMask, regimeName } from './regime.js';

/** 300 hourly candles: `step(i)` is the close-to-close move, `range(i)` the high-low range. */
function series(step: (i: number) => number, range: (i: number) => number) {
  let close = 1000;
  return hourly(
    Array.from({ length: 300 }, (_, i) => {
      const open = close;
      close = open + step(i);
      const r = range(i);
      return [open, Math.max(open, close) + r / 2, Math.min(open, close) - r / 2, close] as const;
    }),
  );
}
const last = (codes: Uint8Array) => regimeName(codes[codes.length - 1]!);
const wiggle = (i: number) => (i % 2 === 0 ? 3 : -3);

describe('classifyRegimes (documented rule in regime.ts)', () => {
  it('a steady climb with modest ranges is TRENDING_BULLISH (ADX >= 25, +DI > -DI)', () => {
    expect(
      last(
        classifyRegimes(
          series(
            (i) => 4 + wiggle(i) / 3,
            () => 6,
          ),
        ),
      ),
    ).toBe('TRENDING_BULLISH');
  });

  it('a steady fall is TRENDING_BEARISH', () => {
    expect(
      last(
        classifyRegimes(
          series(
            (i) => -4 + wiggle(i) / 3,
            () => 6,
          ),
        ),
      ),
    ).toBe('TRENDING_BEARISH');
  });

  it('a sideways back-and-forth is RANGING (ADX below 25)', () => {
    expect(last(classifyRegimes(series(wiggle, () => 6)))).toBe('RANGING');
  });

  it('a burst of range (ATR% >= 1.5x its 100-candle mean) is VOLATILE, whatever the direction', () => {
    const burst = series(
      (i) => (i < 290 ? wiggle(i) : 4 * wiggle(i)),
      (i) => (i < 290 ? 6 : 60),
    );
    expect(last(classifyRegimes(burst))).toBe('VOLATILE');
  });

  it('is unknown for the first 113 candles (ATR 14 + its 100-candle mean), known after', () => {
    const codes = classifyRegimes(series(wiggle, () => 6));
    expect(codes.subarray(0, 113).every((c) => c === REGIME_UNKNOWN)).toBe(true);
    expect(codes.subarray(113).every((c) => c < MARKET_REGIMES.length)).toBe(true);
    expect(Array.from(regimeMask(Uint8Array.from([0, 2, 255, 3]), ['TRENDING_BULLISH', 'VOLATILE']))).toEqual([
      1, 0, 0, 1,
    ]);
  });
});
