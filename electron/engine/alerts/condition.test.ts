import { describe, expect, it } from 'vitest';
import { columnsFromArrays } from '../backtest/candles.js';
import { compileAlertCondition, conditionAtLast, shouldFire, type AlertCondition } from './condition.js';

const MIN = 60_000;

function columns(closes: number[], start = 0, stepMs = MIN) {
  return columnsFromArrays({
    time: closes.map((_, i) => start + i * stepMs),
    open: closes,
    high: closes.map((c) => c + 1),
    low: closes.map((c) => c - 1),
    close: closes,
    volume: closes.map(() => 10),
  });
}

function compile(text: string, timeframe: '1m' | '1h' = '1m'): AlertCondition {
  const r = compileAlertCondition(text, timeframe);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.condition;
}

describe('alert conditions', () => {
  it('fires a price cross only at the candle where the price crosses', () => {
    const c = compile('Price crosses above 100');
    expect(conditionAtLast(c, columns([98, 99, 101]))).toEqual({ holds: true, ready: true });
    expect(conditionAtLast(c, columns([98, 101, 102]))).toEqual({ holds: false, ready: true });
    expect(conditionAtLast(c, columns([101]))).toEqual({ holds: false, ready: false });
  });

  it('is not ready during an indicator warm-up, then holds by the indicator', () => {
    const c = compile('RSI(14) < 25');
    const falling = Array.from({ length: 40 }, (_, i) => 200 - i * 3);
    expect(conditionAtLast(c, columns(falling.slice(0, 10))).ready).toBe(false);
    expect(conditionAtLast(c, columns(falling))).toEqual({ holds: true, ready: true });
    const rising = Array.from({ length: 40 }, (_, i) => 100 + i * 3);
    expect(conditionAtLast(c, columns(rising))).toEqual({ holds: false, ready: true });
  });

  it('reads a coarser timeframe with @tf without looking ahead', () => {
    const c = compile('Price@1h > 150');
    // 1-minute candles: the first hour closes at 100, the second hour jumps to 200 at its last minute.
    const closes = [...Array.from({ length: 60 }, () => 100), ...Array.from({ length: 59 }, () => 100), 200];
    // At the last minute of hour two, the hour candle has just closed at 200.
    expect(conditionAtLast(c, columns(closes)).holds).toBe(true);
    // One minute earlier, the last closed hour is still the first (100).
    expect(conditionAtLast(c, columns(closes.slice(0, 119))).holds).toBe(false);
  });

  it('refuses an unknown name with its position and a suggestion, and @tf finer than the alert', () => {
    const bad = compileAlertCondition('RSY(14) < 25', '1m');
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors[0]!.column).toBe(1);
      expect(bad.errors[0]!.suggestion).toBe('RSI');
    }
    expect(compileAlertCondition('Price@1m > 5', '1h').ok).toBe(false);
  });
});

describe('the cool-down rule', () => {
  const base = { repeat: 'repeat' as const, cooldownMinutes: 30, lastFiredAt: null, lastFiredCandle: null };
  it('fires the first time, then waits for the cool-down', () => {
    expect(shouldFire(base, 0, 0, true)).toBe(true);
    const fired = { ...base, lastFiredAt: 0, lastFiredCandle: 0 };
    expect(shouldFire(fired, 10 * MIN, 10 * MIN, true)).toBe(false);
    expect(shouldFire(fired, 30 * MIN, 30 * MIN, true)).toBe(true);
    expect(shouldFire(fired, 30 * MIN, 30 * MIN, false)).toBe(false);
  });
  it('fires a once-alert one time and never twice for one candle', () => {
    const once = { ...base, repeat: 'once' as const };
    expect(shouldFire(once, 0, 0, true)).toBe(true);
    expect(shouldFire({ ...once, lastFiredAt: 0, lastFiredCandle: 0 }, 999 * MIN, 999 * MIN, true)).toBe(false);
    const zeroCooldown = { ...base, cooldownMinutes: 0, lastFiredAt: 5 * MIN, lastFiredCandle: 5 * MIN };
    expect(shouldFire(zeroCooldown, 5 * MIN, 6 * MIN, true)).toBe(false);
    expect(shouldFire(zeroCooldown, 6 * MIN, 6 * MIN, true)).toBe(true);
  });
});
