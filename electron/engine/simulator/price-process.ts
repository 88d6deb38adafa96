/**
 * The simulated price process: one candle per minute, in log-price space.
 *
 * Each minute: the regime may switch (Markov chain, regimes.ts); a slow log-volatility factor
 * (AR(1), half-life about 8 hours) clusters volatility; intraday seasonality scales it; the open
 * may gap away from the previous close; the return is drift + mean reversion (toward the level
 * where a range began, and very weakly toward the reference price) + sigma * N(0,1). High and low
 * are drawn from the exact distribution of the maximum and minimum of a Brownian bridge between
 * open and close, so they are consistent with the open and close by construction. Volume grows
 * with the minute's absolute return and range, with the regime and with the time of day.
 *
 * Pure: no clock, no Math.random (sfc32 seeded from seed + symbol + start). The hot loop writes
 * typed arrays and allocates nothing per candle.
 */
import { type CandleArrays, allocateCandleArrays } from './candle-arrays.js';
import { type Rng, rngFor } from './prng.js';
import { REGIME_COUNT, REGIME_PARAMS, stationaryShares, transitionTables } from './regimes.js';
import { VOL_SEASON, VOL_SEASON_MEAN_SQUARE, VOLUME_SEASON } from './seasonality.js';
import { minuteSigma, simMarket, type SimMarket } from './sim-markets.js';

export const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Log-volatility factor: persistence per minute and stationary standard deviation. */
const VOL_PERSISTENCE = 1 - 1 / 720;
const VOL_FACTOR_SD = 0.25;
const VOL_SHOCK = VOL_FACTOR_SD * Math.sqrt(1 - VOL_PERSISTENCE * VOL_PERSISTENCE);
/** A gap is N(0, GAP_SIGMAS * sigma). */
const GAP_SIGMAS = 4;
/** Pull per minute toward the reference price (a time constant of about half a year). */
const LONG_RUN_PULL = 1 / (180 * 1440);
/** Mean of |return| + range/2 in sigmas: turns a minute's movement into an activity near 1. */
const ACTIVITY_NORM = 1.6;
const VOLUME_NOISE = 0.3;

const DRIFT = Float64Array.from(REGIME_PARAMS, (p) => p.drift);
const VOL_MULT = Float64Array.from(REGIME_PARAMS, (p) => p.volMult);
const MEAN_REVERSION = Float64Array.from(REGIME_PARAMS, (p) => p.meanReversion);
const GAP_PROBABILITY = Float64Array.from(REGIME_PARAMS, (p) => p.gapProbability);
const VOLUME_MULT = Float64Array.from(REGIME_PARAMS, (p) => p.volumeMult);
const { leave: LEAVE, cumulative: EXIT_CUMULATIVE } = transitionTables();
const SHARES = stationaryShares();

/**
 * Mean variance of a minute's return relative to sigma_base^2 over regimes, the volatility factor,
 * the seasonality and gaps: sigma_base is chosen so the long-run volatility hits the market's target.
 */
const MEAN_VARIANCE_FACTOR =
  SHARES.reduce((s, share, r) => {
    const p = REGIME_PARAMS[r]!;
    return s + share * p.volMult * p.volMult * (1 + p.gapProbability * GAP_SIGMAS * GAP_SIGMAS);
  }, 0) *
  VOL_SEASON_MEAN_SQUARE *
  Math.exp(2 * VOL_FACTOR_SD * VOL_FACTOR_SD);

export type PriceProcessOptions = {
  seed: number;
  symbol: string;
  /** Open time of the first minute to generate, UTC ms (rounded down to a whole minute). */
  start: number;
  /** The close before `start` when continuing stored history; default: the market's reference price. */
  startPrice?: number;
};

export type PriceProcess = {
  readonly market: SimMarket;
  /** Open time of the next minute fill() writes. */
  nextTime(): number;
  /** The last close written (the start price before the first fill). */
  lastClose(): number;
  /** Writes the next `count` minutes into `out` at indexes [offset, offset + count). */
  fill(out: CandleArrays, offset: number, count: number): void;
};

/** The sigma_base of a market: its 1-minute sigma in a calm, average moment. */
export function baseSigma(market: SimMarket): number {
  return minuteSigma(market) / Math.sqrt(MEAN_VARIANCE_FACTOR);
}

function pickInitialRegime(rng: Rng): number {
  const u = rng.next();
  let acc = 0;
  for (let r = 0; r < REGIME_COUNT; r++) {
    acc += SHARES[r]!;
    if (u < acc) return r;
  }
  return REGIME_COUNT - 1;
}

export function createPriceProcess(options: PriceProcessOptions): PriceProcess {
  const market = simMarket(options.symbol);
  const { seed } = options;
  if (!Number.isFinite(seed)) throw new RangeError(`the simulator seed must be a finite number, not ${seed}`);
  if (!Number.isFinite(options.start) || options.start < 0) {
    throw new RangeError(`start must be a time in UTC ms >= 0, not ${options.start}`);
  }
  const startPrice = options.startPrice ?? market.referencePrice;
  if (!Number.isFinite(startPrice) || startPrice <= 0) {
    throw new RangeError(`startPrice must be a positive number, not ${startPrice}`);
  }
  let time = Math.floor(options.start / MINUTE_MS) * MINUTE_MS;
  const rng = rngFor('price', seed, market.symbol, time);
  let logPrice = Math.log(startPrice);
  let regime = pickInitialRegime(rng);
  let volFactor = VOL_FACTOR_SD * rng.normal();
  let anchor = logPrice;
  let lastClose = startPrice;

  const sigmaBase = baseSigma(market);
  const logReference = Math.log(market.referencePrice);
  const priceScale = 1 / market.priceStep;
  const minPrice = market.priceStep;
  const amountScale = 1 / market.amountStep;
  const volumeBase = market.volumePerMinute;
  const activityScale = 0.75 / (ACTIVITY_NORM * sigmaBase);

  function fill(out: CandleArrays, offset: number, count: number): void {
    if (
      !Number.isInteger(offset) ||
      !Number.isInteger(count) ||
      offset < 0 ||
      count < 0 ||
      offset + count > out.length
    ) {
      throw new RangeError(`cannot write ${count} candles at ${offset} into arrays of length ${out.length}`);
    }
    // State lives in locals for the loop and is written back at the end.
    let t = time;
    let logP = logPrice;
    let r = regime;
    let lf = volFactor;
    let a = anchor;
    const { open, high, low, close, volume } = out;
    for (let i = offset; i < offset + count; i++) {
      if (rng.next() < LEAVE[r]!) {
        const u = rng.next();
        const row = r * REGIME_COUNT;
        let to = 0;
        while (to < REGIME_COUNT - 1 && u >= EXIT_CUMULATIVE[row + to]!) to++;
        r = to;
        a = logP;
      }
      lf = VOL_PERSISTENCE * lf + VOL_SHOCK * rng.normal();
      const minute = Math.floor((t % DAY_MS) / MINUTE_MS);
      const sigma = sigmaBase * VOL_MULT[r]! * Math.exp(lf) * VOL_SEASON[minute]!;
      let openLog = logP;
      if (rng.next() < GAP_PROBABILITY[r]!) openLog += GAP_SIGMAS * sigma * rng.normal();
      const pull = -MEAN_REVERSION[r]! * (openLog - a) - LONG_RUN_PULL * (openLog - logReference);
      const ret = DRIFT[r]! * sigmaBase + pull + sigma * rng.normal();
      const closeLog = openLog + ret;
      // Brownian bridge from openLog to closeLog: P(max >= m) = exp(-2 (m - o)(m - c) / sigma^2).
      const twoVar = 2 * sigma * sigma;
      const sum = openLog + closeLog;
      const ret2 = ret * ret;
      const highLog = 0.5 * (sum + Math.sqrt(ret2 - twoVar * Math.log(rng.nextOpen())));
      const lowLog = 0.5 * (sum - Math.sqrt(ret2 - twoVar * Math.log(rng.nextOpen())));
      const activity = 0.25 + activityScale * (Math.abs(ret) + 0.5 * (highLog - lowLog));
      const noise = Math.exp(VOLUME_NOISE * rng.normal() - 0.5 * VOLUME_NOISE * VOLUME_NOISE);
      const v = volumeBase * VOLUME_SEASON[minute]! * VOLUME_MULT[r]! * activity * noise;

      out.time[i] = t;
      // Rounding to the price step is monotone, so high >= max(open, close) >= min(open, close) >= low survives it.
      open[i] = Math.max(minPrice, Math.round(Math.exp(openLog) * priceScale) / priceScale);
      high[i] = Math.max(minPrice, Math.round(Math.exp(highLog) * priceScale) / priceScale);
      low[i] = Math.max(minPrice, Math.round(Math.exp(lowLog) * priceScale) / priceScale);
      close[i] = Math.max(minPrice, Math.round(Math.exp(closeLog) * priceScale) / priceScale);
      volume[i] = Math.round(v * amountScale) / amountScale;
      out.sigma[i] = sigma;
      out.regime[i] = r;
      logP = closeLog;
      t += MINUTE_MS;
    }
    if (count > 0) lastClose = close[offset + count - 1]!;
    time = t;
    logPrice = logP;
    regime = r;
    volFactor = lf;
    anchor = a;
  }

  return { market, nextTime: () => time, lastClose: () => lastClose, fill };
}

/** `count` minutes from `start`, in typed arrays. Same (seed, symbol, start, startPrice) -> same candles. */
export function generateCandles(options: PriceProcessOptions & { count: number }): CandleArrays {
  const out = allocateCandleArrays(options.count);
  createPriceProcess(options).fill(out, 0, options.count);
  return out;
}
