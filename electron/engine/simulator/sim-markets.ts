import type { MarketInfo } from '../../../shared/domain/market.js';

/** One simulated market: its starting level, volatility, trading steps and liquidity. */
export type SimMarket = {
  symbol: string;
  base: string;
  quote: string;
  /** The price the process starts at (and is weakly pulled back to over months). */
  referencePrice: number;
  /** Target annualised volatility of 1-minute log returns, e.g. 0.55 = 55 %. */
  annualVol: number;
  priceStep: number;
  amountStep: number;
  minAmount: number;
  minCost: number;
  /** Average traded amount per minute, in base units. */
  volumePerMinute: number;
  /** Quoted spread in quiet markets, basis points of the mid. */
  baseSpreadBps: number;
  /** Typical size of one order-book level, in base units. */
  levelSize: number;
};

/** Minutes per (365-day) year: annualised figures scale 1-minute ones by sqrt of this. */
export const MINUTES_PER_YEAR = 525_600;

export const SIM_MARKETS: readonly SimMarket[] = [
  {
    symbol: 'BTC/USD',
    base: 'BTC',
    quote: 'USD',
    referencePrice: 60_000,
    annualVol: 0.55,
    priceStep: 0.1,
    amountStep: 0.00000001,
    minAmount: 0.0001,
    minCost: 5,
    volumePerMinute: 4,
    baseSpreadBps: 1,
    levelSize: 0.6,
  },
  {
    symbol: 'ETH/USD',
    base: 'ETH',
    quote: 'USD',
    referencePrice: 3_000,
    annualVol: 0.7,
    priceStep: 0.01,
    amountStep: 0.000001,
    minAmount: 0.002,
    minCost: 5,
    volumePerMinute: 60,
    baseSpreadBps: 1.5,
    levelSize: 9,
  },
  {
    symbol: 'SOL/USD',
    base: 'SOL',
    quote: 'USD',
    referencePrice: 150,
    annualVol: 0.9,
    priceStep: 0.01,
    amountStep: 0.0001,
    minAmount: 0.05,
    minCost: 5,
    volumePerMinute: 1_200,
    baseSpreadBps: 3,
    levelSize: 160,
  },
];

export function findSimMarket(symbol: string): SimMarket | undefined {
  return SIM_MARKETS.find((m) => m.symbol === symbol);
}

export function simMarket(symbol: string): SimMarket {
  const market = findSimMarket(symbol);
  if (!market) {
    throw new RangeError(
      `the simulator has no market "${symbol}"; choose one of ${SIM_MARKETS.map((m) => m.symbol).join(', ')}`,
    );
  }
  return market;
}

/** The target standard deviation of one 1-minute log return. */
export function minuteSigma(market: Pick<SimMarket, 'annualVol'>): number {
  return market.annualVol / Math.sqrt(MINUTES_PER_YEAR);
}

export function toMarketInfo(market: SimMarket): MarketInfo {
  const { symbol, base, quote, priceStep, amountStep, minAmount, minCost } = market;
  return { symbol, base, quote, priceStep, amountStep, minAmount, minCost };
}
