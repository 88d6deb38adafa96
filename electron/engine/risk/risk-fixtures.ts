/**
 * Test fixtures for the risk gate: a BTC/USD market around 50,000 USD, an account of 10,000 USD
 * with no positions, an armed kill switch and default settings. Override what a test is about.
 */
import type { BookTop, MarketInfo } from '../../../shared/domain/market.js';
import {
  DEFAULT_RISK_SETTINGS,
  type RiskSettings,
  type RiskSettingsInput,
  RiskSettings as Schema,
} from '../../../shared/domain/risk.js';
import { Decimal } from '../money/decimal.js';
import { initialKillSwitch } from './kill-switch.js';
import { initialProtectState } from './protect-mode.js';
import type { OrderIntent, RiskContext, RiskOpenOrder } from './types.js';

/** 2024-03-01 12:00:00 UTC. */
export const NOW = Date.UTC(2024, 2, 1, 12, 0, 0);

export const d = (text: string) => Decimal.parse(text);

export const BTC_MARKET: MarketInfo = {
  symbol: 'BTC/USD',
  base: 'BTC',
  quote: 'USD',
  priceStep: 0.1,
  amountStep: 0.0001,
  minAmount: 0.0001,
  minCost: 5,
};

/** Best bid 49,990, best ask 50,000 (spread 0.02 %), deep enough for a few BTC. */
export const BTC_BOOK: BookTop = {
  symbol: 'BTC/USD',
  time: NOW,
  bids: [
    [49990, 1],
    [49980, 2],
    [49900, 10],
  ],
  asks: [
    [50000, 1],
    [50010, 2],
    [50100, 10],
  ],
};

export function buy(quantity: string, overrides: Partial<OrderIntent> = {}): OrderIntent {
  return {
    symbol: 'BTC/USD',
    side: 'buy',
    quantity: d(quantity),
    priceEstimate: d('50000'),
    source: 'manual',
    ...overrides,
  };
}

export function sell(quantity: string, overrides: Partial<OrderIntent> = {}): OrderIntent {
  return buy(quantity, { side: 'sell', priceEstimate: d('49990'), ...overrides });
}

export function context(overrides: Partial<RiskContext> = {}): RiskContext {
  return {
    now: NOW,
    equity: d('10000'),
    positions: {},
    openOrders: [],
    recentOrderTimes: [],
    market: BTC_MARKET,
    book: BTC_BOOK,
    atr: null,
    killSwitch: initialKillSwitch(),
    protect: initialProtectState(),
    lossTracker: null,
    ...overrides,
  };
}

/** Default settings with some groups replaced (parsed, so the defaults fill the rest). */
export function settings(overrides: RiskSettingsInput = {}): RiskSettings {
  return Object.keys(overrides).length === 0 ? DEFAULT_RISK_SETTINGS : Schema.parse(overrides);
}

/** `count` small open sell orders on ETH/USD (they count as open orders, not as exposure). */
export function openSells(count: number): RiskOpenOrder[] {
  return Array.from({ length: count }, () => ({
    symbol: 'ETH/USD',
    side: 'sell' as const,
    remaining: d('1'),
    price: d('3000'),
  }));
}
