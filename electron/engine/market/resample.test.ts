import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/market.js';
import { formingCandle, resampleClosed } from './resample.js';

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 2, 10, 0); // 10:00 UTC: on a 5m, 15m and 1h boundary

/** One 1m candle at minute `m` after T0; prices derived from m so tests can reason about them. */
function minute(m: number, overrides: Partial<Candle> = {}): Candle {
  return { time: T0 + m * MIN, open: 100 + m, high: 110 + m, low: 90 + m, close: 101 + m, volume: 1, ...overrides };
}

function minutes(from: number, to: number): Candle[] {
  return Array.from({ length: to - from + 1 }, (_, i) => minute(from + i));
}

describe('resampleClosed', () => {
  it('folds five 1m candles into one 5m candle: first open, max high, min low, last close, summed volume', () => {
    const input = minutes(0, 4);
    input[2] = minute(2, { high: 500, low: 1, volume: 3 });
    const out = resampleClosed(input, { to: '5m', asOf: T0 + 5 * MIN });
    expect(out).toEqual([{ time: T0, open: 100, high: 500, low: 1, close: 105, volume: 7 }]);
  });

  it('does not emit a bucket before its last minute has closed (no lookahead)', () => {
    const input = minutes(0, 4);
    // At 10:04:59.999 the 10:04 minute is still open: the 10:00 5m bucket is not closed.
    expect(resampleClosed(input, { to: '5m', asOf: T0 + 5 * MIN - 1 })).toEqual([]);
    expect(resampleClosed(input, { to: '5m', asOf: T0 + 5 * MIN })).toHaveLength(1);
  });

  it('never reads a candle that opens after asOf, even when the caller passes it', () => {
    const input = minutes(0, 9);
    const out = resampleClosed(input, { to: '5m', asOf: T0 + 5 * MIN });
    expect(out).toHaveLength(1);
    expect(out[0]!.close).toBe(105); // the 10:05..10:09 minutes did not leak in
  });

  it('aligns buckets to UTC boundaries, not to the first candle', () => {
    // Data starting at 10:03: the first 5m bucket is 10:00 (with 2 minutes), then 10:05.
    const input = minutes(3, 14);
    const out = resampleClosed(input, { to: '5m', asOf: T0 + 15 * MIN });
    expect(out.map((c) => (c.time - T0) / MIN)).toEqual([0, 5, 10]);
    expect(out[0]).toMatchObject({ open: 103, close: 105, volume: 2 });
  });

  it('closes a bucket with missing minutes at its end time, from the minutes that exist', () => {
    const input = [minute(0), minute(1), minute(3)]; // 10:02 and 10:04 missing
    const out = resampleClosed(input, { to: '5m', asOf: T0 + 5 * MIN });
    expect(out).toEqual([{ time: T0, open: 100, high: 113, low: 90, close: 104, volume: 3 }]);
  });

  it('leaves an empty bucket out instead of inventing a candle', () => {
    const input = [...minutes(0, 4), ...minutes(10, 14)];
    const out = resampleClosed(input, { to: '5m', asOf: T0 + 15 * MIN });
    expect(out.map((c) => (c.time - T0) / MIN)).toEqual([0, 10]);
  });

  it('builds 15m, 1h, 4h and 1d buckets on UTC boundaries', () => {
    const day = Date.UTC(2024, 0, 2);
    const all: Candle[] = Array.from({ length: 1440 }, (_, i) => ({
      time: day + i * MIN,
      open: i,
      high: i + 1,
      low: i - 1,
      close: i + 0.5,
      volume: 1,
    }));
    const asOf = day + 1440 * MIN;
    const q = resampleClosed(all, { to: '15m', asOf });
    expect(q).toHaveLength(96);
    const h = resampleClosed(all, { to: '1h', asOf });
    expect(h).toHaveLength(24);
    expect(h[1]).toEqual({ time: day + 3_600_000, open: 60, high: 120, low: 59, close: 119.5, volume: 60 });
    const h4 = resampleClosed(all, { to: '4h', asOf });
    expect(h4.map((c) => new Date(c.time).toISOString().slice(11, 16))).toEqual([
      '00:00',
      '04:00',
      '08:00',
      '12:00',
      '16:00',
      '20:00',
    ]);
    const d = resampleClosed(all, { to: '1d', asOf });
    expect(d).toEqual([{ time: day, open: 0, high: 1440, low: -1, close: 1439.5, volume: 1440 }]);
    // One minute before midnight the day is not closed.
    expect(resampleClosed(all, { to: '1d', asOf: asOf - 1 })).toEqual([]);
  });

  it('resamples from a coarser base and to any whole multiple given in ms', () => {
    const fives = resampleClosed(minutes(0, 29), { to: '5m', asOf: T0 + 30 * MIN });
    const half = resampleClosed(fives, { from: '5m', to: 30 * MIN, asOf: T0 + 30 * MIN });
    expect(half).toEqual([{ time: T0, open: 100, high: 139, low: 90, close: 130, volume: 30 }]);
  });

  it('refuses a target that is not a whole multiple, and unsorted input', () => {
    expect(() => resampleClosed(minutes(0, 4), { from: '5m', to: 7 * MIN, asOf: T0 })).toThrow(/whole multiple/);
    expect(() => resampleClosed([minute(1), minute(0)], { to: '5m', asOf: T0 })).toThrow(/ascending/);
  });
});

describe('formingCandle', () => {
  it('gives the bucket containing asOf, marked forming, from the minutes opened before asOf', () => {
    const input = minutes(0, 7);
    const f = formingCandle(input, { to: '5m', asOf: T0 + 7 * MIN + 30_000 });
    expect(f).toEqual({
      time: T0 + 5 * MIN,
      open: 105,
      high: 117,
      low: 95,
      close: 108,
      volume: 3,
      forming: true,
      closesAt: T0 + 10 * MIN,
    });
  });

  it('is null right at a boundary (nothing of the new bucket is known yet) and ignores future candles', () => {
    expect(formingCandle(minutes(0, 9), { to: '5m', asOf: T0 + 5 * MIN })).toBeNull();
    const f = formingCandle(minutes(0, 9), { to: '5m', asOf: T0 + 6 * MIN });
    expect(f).toMatchObject({ time: T0 + 5 * MIN, close: 106, volume: 1 });
  });

  it('never overlaps with resampleClosed: the forming bucket is not among the closed ones', () => {
    const input = minutes(0, 12);
    const asOf = T0 + 12 * MIN + 1;
    const closed = resampleClosed(input, { to: '5m', asOf });
    const forming = formingCandle(input, { to: '5m', asOf });
    expect(closed.map((c) => c.time)).toEqual([T0, T0 + 5 * MIN]);
    expect(forming?.time).toBe(T0 + 10 * MIN);
  });
});
