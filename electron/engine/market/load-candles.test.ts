import { describe, expect, it } from 'vitest';
import type { Candle, Timeframe } from '../../../shared/domain/market.js';
import type { CandleCache } from './candle-cache-port.js';
import { findGaps, mergeRanges, type TimeRange } from './candle-gaps.js';
import { loadCandles } from './load-candles.js';
import type { CandleRange } from './market-data-port.js';

const M = 60_000;
const T0 = Date.UTC(2024, 0, 1);

/** A small in-memory CandleCache with the same semantics as the SQLite repo. */
function memoryCache(): CandleCache {
  const series = new Map<string, Map<number, Candle>>();
  const holes = new Map<string, TimeRange[]>();
  const key = (s: string, sym: string, tf: Timeframe) => `${s}|${sym}|${tf}`;
  const get = (k: string) => series.get(k) ?? series.set(k, new Map()).get(k)!;
  const range = (s: string, sym: string, tf: Timeframe, from: number, to: number) =>
    [...get(key(s, sym, tf)).values()].filter((c) => c.time >= from && c.time <= to).sort((a, b) => a.time - b.time);
  return {
    upsert(s, sym, tf, candles) {
      for (const c of candles) get(key(s, sym, tf)).set(c.time, c);
      return candles.length;
    },
    range,
    latest: () => null,
    earliest: () => null,
    count: (s, sym, tf) => get(key(s, sym, tf)).size,
    gaps: (s, sym, tf, from, to) =>
      findGaps(
        range(s, sym, tf, from, to).map((c) => c.time),
        from,
        to,
        M,
      ),
    holes: (s, sym, tf, from, to) => (holes.get(key(s, sym, tf)) ?? []).filter((h) => h.from <= to && h.to >= from),
    markHoles(s, sym, tf, ranges) {
      holes.set(key(s, sym, tf), mergeRanges([...(holes.get(key(s, sym, tf)) ?? []), ...ranges], M));
    },
  };
}

/** A source that has 1m candles from minute `first` to the minute before `now` plus a forming one. */
function fakeSource(first: number, now: () => number) {
  const calls: CandleRange[] = [];
  return {
    id: 'fake',
    calls,
    async fetchCandles(r: CandleRange): Promise<Candle[]> {
      calls.push(r);
      const out: Candle[] = [];
      for (let t = Math.max(r.from, T0 + first * M); t <= r.to && t <= now(); t += M) {
        out.push({ time: t, open: 1, high: 2, low: 0.5, close: 1.5, volume: 1 });
      }
      return out;
    },
  };
}

describe('loadCandles', () => {
  it('fetches a range once: the second load is served from the store', async () => {
    const now = T0 + 100 * M + 30_000;
    const source = fakeSource(0, () => now);
    const store = memoryCache();
    const range = { symbol: 'BTC/USD', timeframe: '1m' as const, from: T0 + 10 * M, to: T0 + 200 * M };
    const first = await loadCandles(source, store, range, { now });
    expect(first).toHaveLength(90); // minutes 10..99: minute 100 is still forming
    expect(first[first.length - 1]!.time).toBe(T0 + 99 * M);
    expect(source.calls).toEqual([{ symbol: 'BTC/USD', timeframe: '1m', from: T0 + 10 * M, to: T0 + 99 * M }]);
    await loadCandles(source, store, range, { now });
    expect(source.calls).toHaveLength(1);
  });

  it('fetches only what is missing when time moves on, never the forming candle', async () => {
    let now = T0 + 50 * M + 1;
    const source = fakeSource(0, () => now);
    const store = memoryCache();
    const range = { symbol: 'BTC/USD', timeframe: '1m' as const, from: T0, to: T0 + 1000 * M };
    await loadCandles(source, store, range, { now });
    expect(store.count('fake', 'BTC/USD', '1m')).toBe(50);
    now += 5 * M;
    const all = await loadCandles(source, store, range, { now });
    expect(all).toHaveLength(55);
    expect(source.calls[1]).toMatchObject({ from: T0 + 50 * M, to: T0 + 54 * M });
  });

  it('records what the source does not have (history beyond its reach) and does not ask again', async () => {
    const now = T0 + 1000 * M;
    const source = fakeSource(900, () => now); // like Kraken: only the latest 100 candles
    const store = memoryCache();
    const range = { symbol: 'BTC/USD', timeframe: '1m' as const, from: T0, to: T0 + 999 * M };
    expect(await loadCandles(source, store, range, { now })).toHaveLength(100);
    expect(store.holes('fake', 'BTC/USD', '1m', T0, now)).toEqual([{ from: T0, to: T0 + 899 * M }]);
    await loadCandles(source, store, range, { now });
    expect(source.calls).toHaveLength(1);
  });

  it('does not record recent missing slots as holes: a late candle is fetched next time', async () => {
    const now = T0 + 10 * M + 1;
    const source = fakeSource(0, () => now - 3 * M); // the source lags three minutes
    const store = memoryCache();
    const range = { symbol: 'BTC/USD', timeframe: '1m' as const, from: T0, to: T0 + 9 * M };
    expect(await loadCandles(source, store, range, { now })).toHaveLength(8);
    expect(store.holes('fake', 'BTC/USD', '1m', T0, now)).toEqual([]);
    await loadCandles(source, store, range, { now });
    expect(source.calls).toHaveLength(2);
  });
});
