import type { Candle, Timeframe } from '../../../../../shared/domain/market.js';
import type { CandleStore } from '../../../../engine/market/candle-store-port.js';

type Series = { byTime: Map<number, Candle>; sorted: Candle[] | null };

/** An in-memory CandleStore for tests: same contract as the SQLite repository, plus a write log. */
export type MemoryCandleStore = CandleStore & {
  /** Every upsert call, in order: where it went and the open times it wrote. */
  readonly writes: Array<{ source: string; symbol: string; timeframe: Timeframe; times: number[] }>;
};

export function createMemoryCandleStore(): MemoryCandleStore {
  const series = new Map<string, Series>();
  const writes: MemoryCandleStore['writes'] = [];
  const key = (source: string, symbol: string, timeframe: Timeframe) => `${source}\u001f${symbol}\u001f${timeframe}`;

  function sortedOf(source: string, symbol: string, timeframe: Timeframe): Candle[] {
    const s = series.get(key(source, symbol, timeframe));
    if (!s) return [];
    s.sorted ??= [...s.byTime.values()].sort((a, b) => a.time - b.time);
    return s.sorted;
  }

  /** Index of the first candle with time >= t. */
  function lowerBound(candles: readonly Candle[], t: number): number {
    let lo = 0;
    let hi = candles.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (candles[mid]!.time < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function range(source: string, symbol: string, timeframe: Timeframe, from: number, to: number): Candle[] {
    const candles = sortedOf(source, symbol, timeframe);
    return candles.slice(lowerBound(candles, from), lowerBound(candles, to + 1)).map((c) => ({ ...c }));
  }

  return {
    writes,
    upsert(source, symbol, timeframe, candles) {
      const k = key(source, symbol, timeframe);
      let s = series.get(k);
      if (!s) {
        s = { byTime: new Map(), sorted: null };
        series.set(k, s);
      }
      for (const c of candles) s.byTime.set(c.time, { ...c });
      s.sorted = null;
      writes.push({ source, symbol, timeframe, times: candles.map((c) => c.time) });
      return candles.length;
    },
    range,
    latest(source, symbol, timeframe) {
      const c = sortedOf(source, symbol, timeframe).at(-1);
      return c ? { ...c } : null;
    },
    earliest(source, symbol, timeframe) {
      const c = sortedOf(source, symbol, timeframe)[0];
      return c ? { ...c } : null;
    },
    count(source, symbol, timeframe, from = -Infinity, to = Infinity) {
      const candles = sortedOf(source, symbol, timeframe);
      return lowerBound(candles, to === Infinity ? Infinity : to + 1) - lowerBound(candles, from);
    },
  };
}
