import { describe, expect, it } from 'vitest';
import { arraysToCandles } from './candle-arrays.js';
import { buildIntraMinutePath, formingCandle, SECONDS_PER_MINUTE } from './intra-minute.js';
import { generateCandles } from './price-process.js';

const candles = arraysToCandles(
  generateCandles({ seed: 5, symbol: 'BTC/USD', start: Date.UTC(2024, 4, 1), count: 200 }),
);

describe('intra-minute path', () => {
  it('starts at the open, touches the high and the low, ends at the close', () => {
    for (const c of candles) {
      const path = buildIntraMinutePath(c, 5, 'BTC/USD', 0.1);
      expect(path.prices[0]).toBe(c.open);
      expect(path.prices[SECONDS_PER_MINUTE]).toBe(c.close);
      expect(Math.max(...path.prices)).toBe(c.high);
      expect(Math.min(...path.prices)).toBe(c.low);
      expect(path.volumeShare[SECONDS_PER_MINUTE]).toBe(1);
    }
  });

  it('grows the forming candle into exactly the final candle', () => {
    for (const c of candles.slice(0, 50)) {
      const path = buildIntraMinutePath(c, 5, 'BTC/USD', 0.1);
      let previous = formingCandle(c, path, 0);
      expect(previous).toEqual({ time: c.time, open: c.open, high: c.open, low: c.open, close: c.open, volume: 0 });
      for (let ms = 1_000; ms <= 60_000; ms += 1_000) {
        const f = formingCandle(c, path, ms);
        expect(f.high).toBeGreaterThanOrEqual(previous.high);
        expect(f.low).toBeLessThanOrEqual(previous.low);
        expect(f.volume).toBeGreaterThanOrEqual(previous.volume);
        expect(f.high).toBeLessThanOrEqual(c.high);
        expect(f.low).toBeGreaterThanOrEqual(c.low);
        expect(f.high).toBeGreaterThanOrEqual(Math.max(f.open, f.close));
        expect(f.low).toBeLessThanOrEqual(Math.min(f.open, f.close));
        previous = f;
      }
      expect(previous).toEqual(c);
      expect(formingCandle(c, path, 90_000)).toEqual(c);
    }
  });

  it('is deterministic for the same seed and different for another', () => {
    const c = candles[10]!;
    expect(buildIntraMinutePath(c, 5, 'BTC/USD', 0.1)).toEqual(buildIntraMinutePath(c, 5, 'BTC/USD', 0.1));
    expect(buildIntraMinutePath(c, 6, 'BTC/USD', 0.1).prices).not.toEqual(
      buildIntraMinutePath(c, 5, 'BTC/USD', 0.1).prices,
    );
  });
});
