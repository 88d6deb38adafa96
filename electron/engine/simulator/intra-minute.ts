/**
 * The path of a price inside one minute, second by second, for the forming (not yet closed)
 * candle of the live simulator. The minute's final candle is generated first (price-process.ts);
 * this draws a path that starts at its open, touches its high and its low, and ends at its close,
 * so the forming candle grows into exactly the candle that is stored when the minute closes.
 */
import type { Candle } from '../../../shared/domain/market.js';
import { type Rng, rngFor } from './prng.js';

export const SECONDS_PER_MINUTE = 60;

export type IntraMinutePath = {
  /** Price at each second 0..60 (61 points; 0 is the open, 60 the close). */
  prices: Float64Array;
  /** Share of the minute's volume traded by each second (0 at 0, exactly 1 at 60). */
  volumeShare: Float64Array;
};

/** Fills prices[t0..t1] with a Brownian bridge from p0 to p1, kept inside [low, high]. */
function bridge(rng: Rng, prices: Float64Array, t0: number, p0: number, t1: number, p1: number, sd: number): void {
  const n = t1 - t0;
  const walk = new Float64Array(n + 1);
  for (let k = 1; k <= n; k++) walk[k] = walk[k - 1]! + sd * rng.normal();
  for (let k = 0; k <= n; k++) {
    const f = k / n;
    prices[t0 + k] = p0 + (p1 - p0) * f + (walk[k]! - f * walk[n]!);
  }
}

export function buildIntraMinutePath(candle: Candle, seed: number, symbol: string, priceStep: number): IntraMinutePath {
  const { open, high, low, close } = candle;
  const rng = rngFor('intra-minute', seed, symbol, candle.time);
  const firstExtreme = rng.int(1, SECONDS_PER_MINUTE - 2);
  const secondExtreme = rng.int(firstExtreme + 1, SECONDS_PER_MINUTE - 1);
  // A rising minute more often dips first, a falling one more often pops first.
  const lowFirst = rng.next() < (close >= open ? 0.65 : 0.35);
  const anchors: Array<[number, number]> = [
    [0, open],
    [firstExtreme, lowFirst ? low : high],
    [secondExtreme, lowFirst ? high : low],
    [SECONDS_PER_MINUTE, close],
  ];
  const prices = new Float64Array(SECONDS_PER_MINUTE + 1);
  const sd = (high - low) / 16;
  for (let s = 0; s < anchors.length - 1; s++) {
    const [t0, p0] = anchors[s]!;
    const [t1, p1] = anchors[s + 1]!;
    bridge(rng, prices, t0, p0, t1, p1, sd);
  }
  const scale = 1 / priceStep;
  for (let i = 0; i <= SECONDS_PER_MINUTE; i++) {
    const clipped = Math.min(high, Math.max(low, prices[i]!));
    prices[i] = Math.min(high, Math.max(low, Math.round(clipped * scale) / scale));
  }
  for (const [t, p] of anchors) prices[t] = p;

  const volumeShare = new Float64Array(SECONDS_PER_MINUTE + 1);
  const range = high - low || 1;
  let total = 0;
  for (let i = 1; i <= SECONDS_PER_MINUTE; i++) {
    total += 0.3 + (10 * Math.abs(prices[i]! - prices[i - 1]!)) / range + 0.2 * rng.next();
    volumeShare[i] = total;
  }
  for (let i = 1; i <= SECONDS_PER_MINUTE; i++) volumeShare[i] = volumeShare[i]! / total;
  volumeShare[SECONDS_PER_MINUTE] = 1;
  return { prices, volumeShare };
}

/** The forming candle `elapsedMs` into its minute: at 60 s (or later) it is the final candle. */
export function formingCandle(candle: Candle, path: IntraMinutePath, elapsedMs: number): Candle {
  const second = Math.min(SECONDS_PER_MINUTE, Math.max(0, Math.floor(elapsedMs / 1000)));
  if (second === SECONDS_PER_MINUTE) return { ...candle };
  let high = path.prices[0]!;
  let low = high;
  for (let i = 1; i <= second; i++) {
    const p = path.prices[i]!;
    if (p > high) high = p;
    if (p < low) low = p;
  }
  return {
    time: candle.time,
    open: candle.open,
    high,
    low,
    close: path.prices[second]!,
    volume: candle.volume * path.volumeShare[second]!,
  };
}
