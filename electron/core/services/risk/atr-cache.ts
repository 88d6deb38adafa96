/**
 * The ATR series per symbol for the ATR spike breaker: ATR(14) of closed 1-hour candles (on
 * 1-minute candles ordinary noise trips a 30 % threshold several times a day), enough
 * of them to cover the lookback and the cooling period, cached for 30 s (the gate asks on every
 * order; asks during a read share it). Times are moved from the source's clock to the engine's, so the pure check and the
 * countdown agree with the rest of the context (the simulator may run ahead of the wall clock).
 */
import { TIMEFRAME_MS } from '../../../../shared/domain/market.js';
import type { RiskSettings } from '../../../../shared/domain/risk.js';
import { atr } from '../../../../shared/indicators/index.js';
import type { Clock } from '../../../engine/clock.js';
import type { AtrSeries } from '../../../engine/risk/index.js';
import type { RiskMarket } from './ports.js';

export const ATR_PERIOD = 14;
const TTL_MS = 30_000;
/** The timeframe whose ATR the breaker watches. */
export const ATR_TIMEFRAME = '1h' as const;
const STEP = TIMEFRAME_MS[ATR_TIMEFRAME];

export type AtrCache = {
  /** The series, or null when the source has no candles (or they could not be read). */
  series(symbol: string, settings: RiskSettings['atrSpike']): Promise<AtrSeries | null>;
  clear(): void;
};

export function createAtrCache(market: RiskMarket, clock: Clock): AtrCache {
  // The promise is cached, not its value: orders that ask while the candles are being read share that read.
  const cache = new Map<string, { at: number; key: string; series: Promise<AtrSeries | null> }>();

  async function load(symbol: string, s: RiskSettings['atrSpike']): Promise<AtrSeries | null> {
    if (!market.candles) return null;
    const sourceNow = market.now();
    const bars = Math.ceil((s.coolingMinutes * 60_000) / STEP) + s.lookback + 3 * ATR_PERIOD;
    const candles = await market.candles(symbol, sourceNow - bars * STEP, sourceNow);
    if (candles.length < ATR_PERIOD + s.lookback + 1) return null;
    const values = atr(
      candles.map((c) => c.high),
      candles.map((c) => c.low),
      candles.map((c) => c.close),
      ATR_PERIOD,
    );
    // A candle's ATR is known at its close; shift the source's time onto the engine's clock.
    const shift = sourceNow - clock.now();
    const time = Float64Array.from(candles, (c) => c.time + STEP - shift);
    return { time, atr: values };
  }

  return {
    async series(symbol, s) {
      const key = `${market.sourceId()}|${s.lookback}|${s.coolingMinutes}`;
      const hit = cache.get(symbol);
      const now = clock.now();
      if (hit && hit.key === key && now - hit.at < TTL_MS) return hit.series;
      // No series (the gate warns that the breaker was not checked) when the candles cannot be read.
      const series = load(symbol, s).catch(() => null);
      cache.set(symbol, { at: now, key, series });
      return series;
    },
    clear: () => cache.clear(),
  };
}
