import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../shared/domain/market.js';
import { createManualClock } from '../../../engine/clock.js';
import { createAtrCache } from './atr-cache.js';
import type { RiskMarket } from './ports.js';

const HOUR = 3_600_000;
const NOW = 1_000 * HOUR;
const SETTINGS = { enabled: true, thresholdPercent: 30, lookback: 20, coolingMinutes: 30 };

function hourly(n: number): Candle[] {
  return Array.from({ length: n }, (_, i) => {
    const close = 100 + (i % 5);
    return { time: NOW - (n - i) * HOUR, open: close, high: close + 2, low: close - 2, close, volume: 1 };
  });
}

function market(): RiskMarket & { reads: number; release(): void } {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const m = {
    reads: 0,
    release: () => release(),
    sourceId: () => 'kraken',
    now: () => NOW,
    markets: async () => [],
    book: async () => ({ bid: null, ask: null }) as never,
    candles: async () => {
      m.reads++;
      await gate;
      return hourly(80);
    },
  };
  return m;
}

describe('ATR cache', () => {
  it('reads the candles once when several orders ask for the series at the same time', async () => {
    const m = market();
    const cache = createAtrCache(m, createManualClock(NOW));
    const asks = [
      cache.series('BTC/USD', SETTINGS),
      cache.series('BTC/USD', SETTINGS),
      cache.series('BTC/USD', SETTINGS),
    ];
    m.release();
    const series = await Promise.all(asks);
    expect(m.reads).toBe(1);
    expect(series[0]?.atr.length).toBe(80);
    expect(series[1]).toBe(series[0]);
  });

  it('reads again once the series is 30 s old, and for another source', async () => {
    const m = market();
    m.release();
    const clock = createManualClock(NOW);
    const cache = createAtrCache(m, clock);
    await cache.series('BTC/USD', SETTINGS);
    clock.advance(29_000);
    await cache.series('BTC/USD', SETTINGS);
    expect(m.reads).toBe(1);
    clock.advance(2_000);
    await cache.series('BTC/USD', SETTINGS);
    expect(m.reads).toBe(2);
  });
});
