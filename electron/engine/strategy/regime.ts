import { MARKET_REGIMES, type MarketRegime } from '../../../shared/domain/strategy.js';
import { atr, directional, sma } from '../../../shared/indicators/index.js';
import type { OhlcvColumns } from './columns.js';
import { atrPercent } from './series.js';

/**
 * The market regime classifier. At the close of each candle, in this order:
 *
 * 1. VOLATILE when ATR(14) as a percentage of the close is at least 1.5 times its own average over
 *    the last 100 candles (a volatility burst, whatever the direction);
 * 2. otherwise TRENDING_BULLISH when ADX(14) >= 25 and +DI > -DI, TRENDING_BEARISH when
 *    ADX(14) >= 25 and -DI >= +DI (Wilder's threshold for a trending market);
 * 3. otherwise RANGING.
 *
 * Known from candle 113 on (ATR(14) from 14, its 100-candle average 99 later); before that the
 * regime is unknown (REGIME_UNKNOWN) and a strategy with a regime filter does not enter.
 */
export const REGIME_RULE = {
  atrPeriod: 14,
  atrAveragePeriod: 100,
  volatileRatio: 1.5,
  adxPeriod: 14,
  trendingAdx: 25,
} as const;

/** Regime codes are indexes into MARKET_REGIMES; this one means "not known yet". */
export const REGIME_UNKNOWN = 255;
const BULLISH = MARKET_REGIMES.indexOf('TRENDING_BULLISH');
const BEARISH = MARKET_REGIMES.indexOf('TRENDING_BEARISH');
const RANGING = MARKET_REGIMES.indexOf('RANGING');
const VOLATILE = MARKET_REGIMES.indexOf('VOLATILE');

export function classifyRegimes(columns: OhlcvColumns): Uint8Array {
  const { high, low, close } = columns;
  const n = columns.length;
  const out = new Uint8Array(n).fill(REGIME_UNKNOWN);
  const atrPct = atrPercent(atr(high, low, close, REGIME_RULE.atrPeriod), close);
  const atrAverage = sma(atrPct, REGIME_RULE.atrAveragePeriod, REGIME_RULE.atrPeriod);
  const dm = directional(high, low, close, REGIME_RULE.adxPeriod);
  for (let i = 0; i < n; i++) {
    const avg = atrAverage[i]!;
    const adx = dm.adx[i]!;
    if (Number.isNaN(avg) || Number.isNaN(adx)) continue;
    if (atrPct[i]! >= REGIME_RULE.volatileRatio * avg) out[i] = VOLATILE;
    else if (adx >= REGIME_RULE.trendingAdx) out[i] = dm.plusDi[i]! > dm.minusDi[i]! ? BULLISH : BEARISH;
    else out[i] = RANGING;
  }
  return out;
}

export function regimeName(code: number): MarketRegime | null {
  return MARKET_REGIMES[code] ?? null;
}

/** 1 where the regime is one of `allowed`, 0 elsewhere (and while unknown). */
export function regimeMask(codes: Uint8Array, allowed: readonly MarketRegime[]): Uint8Array {
  const ok = new Uint8Array(256);
  for (const r of allowed) ok[MARKET_REGIMES.indexOf(r)] = 1;
  const out = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = ok[codes[i]!]!;
  return out;
}
