import { TIMEFRAME_MS, type Candle } from '../../../shared/domain/market.js';
import type { CandleCache } from './candle-cache-port.js';
import { findGaps, lastClosedSlot, subtractRanges } from './candle-gaps.js';
import type { CandleRange, MarketDataSource } from './market-data-port.js';

export type LoadCandlesOptions = {
  /** The present, UTC ms (from the injected clock). Only candles closed by then are fetched or stored. */
  now: number;
};

/**
 * Slots this close to `now` are not recorded as holes even when the source has none yet: an
 * exchange may publish a just-closed candle a little late, and a recorded hole is never re-asked.
 */
function holeCutoff(now: number, stepMs: number): number {
  return now - Math.max(2 * stepMs, 5 * 60_000);
}

/**
 * Closed candles of `range`, through the store: asks the store first, fetches from `source` only
 * the missing intervals (gaps minus the recorded holes), stores what arrives (one transaction per
 * interval) and records the slots the source had nothing for as holes, so a second load of the
 * same range makes no request at all. The still-forming candle is never fetched nor stored.
 */
export async function loadCandles(
  source: Pick<MarketDataSource, 'id' | 'fetchCandles'>,
  store: CandleCache,
  range: CandleRange,
  options: LoadCandlesOptions,
): Promise<Candle[]> {
  const { symbol, timeframe } = range;
  const step = TIMEFRAME_MS[timeframe];
  const to = Math.min(range.to, lastClosedSlot(options.now, step));
  if (to < range.from) return [];
  const gaps = store.gaps(source.id, symbol, timeframe, range.from, to);
  const missing =
    gaps.length === 0 ? [] : subtractRanges(gaps, store.holes(source.id, symbol, timeframe, range.from, to), step);
  for (const gap of missing) {
    const fetched = await source.fetchCandles({ symbol, timeframe, from: gap.from, to: gap.to });
    const fresh = fetched.filter(
      (c) => c.time >= gap.from && c.time <= gap.to && c.time % step === 0 && c.time + step <= options.now,
    );
    store.upsert(source.id, symbol, timeframe, fresh);
    const settledTo = Math.min(gap.to, holeCutoff(options.now, step) - step);
    if (settledTo >= gap.from) {
      const times = fresh.map((c) => c.time).sort((a, b) => a - b);
      const holes = findGaps(times, gap.from, settledTo, step);
      store.markHoles(source.id, symbol, timeframe, holes, options.now);
    }
  }
  return store.range(source.id, symbol, timeframe, range.from, to);
}
