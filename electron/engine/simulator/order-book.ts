/**
 * A synthetic order book around a mid price: the spread is a few basis points and widens with
 * volatility; deeper levels step away from the top with growing sizes; books thin out in
 * volatility bursts. Deterministic for (seed, symbol, second of `time`, mid, vol), so the order
 * execution that fills against it (fees, slippage, partial fills) is reproducible.
 */
import type { BookTop } from '../../../shared/domain/market.js';
import { rngFor } from './prng.js';
import { baseSigma } from './price-process.js';
import { findSimMarket } from './sim-markets.js';

export const MAX_BOOK_LEVELS = 100;

/** What shapes a book: trading steps and liquidity of the market. */
export type BookProfile = {
  priceStep: number;
  amountStep: number;
  minAmount: number;
  baseSpreadBps: number;
  levelSize: number;
  /** The 1-minute sigma of a calm market; `vol` above it thins the book. */
  calmSigma: number;
};

/** Spread, as a fraction of the mid, added per unit of 1-minute sigma. */
const SPREAD_PER_SIGMA = 0.3;
/** Distance between levels: a floor in bps plus a share of the 1-minute sigma. */
const LEVEL_GAP_BPS = 0.5;
const LEVEL_GAP_PER_SIGMA = 0.15;

/** A simulator market's profile; for any other symbol (a replay of exchange data) one scaled to the price. */
export function bookProfile(symbol: string, mid: number): BookProfile {
  const market = findSimMarket(symbol);
  if (market) {
    const { priceStep, amountStep, minAmount, baseSpreadBps, levelSize } = market;
    return { priceStep, amountStep, minAmount, baseSpreadBps, levelSize, calmSigma: baseSigma(market) };
  }
  return {
    priceStep: 10 ** (Math.floor(Math.log10(mid)) - 5),
    amountStep: 1e-8,
    minAmount: 0,
    baseSpreadBps: 5,
    levelSize: 20_000 / mid,
    calmSigma: 0.001,
  };
}

export type BookModel = {
  /**
   * The book at `time` (UTC ms) around `mid`, given `vol`, the current 1-minute log-return sigma
   * (e.g. 0.0008), with `depthLevels` levels a side, best first.
   */
  bookAt(symbol: string, time: number, mid: number, vol: number, depthLevels: number): BookTop;
};

export function createBookModel(seed: number): BookModel {
  return {
    bookAt(symbol, time, mid, vol, depthLevels) {
      if (!Number.isFinite(mid) || mid <= 0) throw new RangeError(`mid price must be a positive number, not ${mid}`);
      if (!Number.isFinite(vol) || vol < 0) throw new RangeError(`volatility must be a number >= 0, not ${vol}`);
      if (!Number.isInteger(depthLevels) || depthLevels < 1 || depthLevels > MAX_BOOK_LEVELS) {
        throw new RangeError(`depth must be a whole number of levels from 1 to ${MAX_BOOK_LEVELS}, not ${depthLevels}`);
      }
      if (!Number.isFinite(time)) throw new RangeError(`time must be UTC ms, not ${time}`);
      const p = bookProfile(symbol, mid);
      const rng = rngFor('book', seed, symbol, Math.floor(time / 1000));
      const scale = 1 / p.priceStep;
      const amountScale = 1 / p.amountStep;
      const spread = p.baseSpreadBps * 1e-4 + SPREAD_PER_SIGMA * vol;
      const gap = LEVEL_GAP_BPS * 1e-4 + LEVEL_GAP_PER_SIGMA * vol;
      const thinning = 1 + 0.5 * Math.max(0, vol / p.calmSigma - 1);

      let bid = Math.floor(mid * (1 - spread / 2) * scale) / scale;
      let ask = Math.ceil(mid * (1 + spread / 2) * scale) / scale;
      if (ask - bid < p.priceStep) ask = Math.round((bid + p.priceStep) * scale) / scale;
      const size = (level: number): number => {
        const raw = (p.levelSize * (1 + 0.4 * level) * Math.exp(0.5 * rng.normal() - 0.125)) / thinning;
        return Math.max(p.minAmount, Math.floor(raw * amountScale) / amountScale, p.amountStep);
      };
      const bids: Array<[number, number]> = [];
      const asks: Array<[number, number]> = [];
      for (let level = 0; level < depthLevels; level++) {
        if (level > 0) {
          const step = (): number => Math.max(p.priceStep, mid * gap * (0.5 + rng.next()));
          bid = Math.min(bid - p.priceStep, Math.floor((bid - step()) * scale) / scale);
          bid = Math.round(bid * scale) / scale;
          ask = Math.max(ask + p.priceStep, Math.ceil((ask + step()) * scale) / scale);
          ask = Math.round(ask * scale) / scale;
        }
        bids.push([bid, size(level)]);
        asks.push([ask, size(level)]);
      }
      // Far below a tiny mid the bid side runs out of positive prices: cut it there.
      return { symbol, time: Math.floor(time), bids: bids.filter(([price]) => price > 0), asks };
    },
  };
}
