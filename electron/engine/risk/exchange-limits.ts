/**
 * The exchange's own limits from its market (ccxt markets): the amount step (precision), the
 * price step of a limit price, the minimum amount and the minimum cost. An order that breaks them
 * would be rejected by the exchange; the gate says so first, with the number to use instead.
 * At the limit passes: a quantity equal to the minimum amount is allowed.
 */
import type { MarketInfo } from '../../../shared/domain/market.js';
import type { RiskViolation } from '../../../shared/domain/risk.js';
import { Decimal } from '../money/decimal.js';
import { baseOf, quoteOf, showAmount, violation } from './format.js';
import type { OrderIntent } from './types.js';

/** The market's steps and minimums as exact Decimals (MarketInfo carries floats). */
export type ExchangeLimits = Readonly<{
  amountStep: Decimal;
  priceStep: Decimal;
  minAmount: Decimal;
  minCost: Decimal;
}>;

export function exchangeLimitsOf(market: MarketInfo): ExchangeLimits {
  return {
    amountStep: Decimal.fromNumber(market.amountStep),
    priceStep: Decimal.fromNumber(market.priceStep),
    minAmount: Decimal.fromNumber(market.minAmount),
    minCost: Decimal.fromNumber(market.minCost),
  };
}

export function checkExchangeLimits(intent: OrderIntent, market: MarketInfo): RiskViolation | null {
  const limits = exchangeLimitsOf(market);
  const { symbol, quantity, priceEstimate: price } = intent;
  const base = baseOf(symbol);
  const quote = quoteOf(symbol);
  if (limits.amountStep.isPositive() && !quantity.roundToStep(limits.amountStep, 'down').eq(quantity)) {
    const fitted = quantity.roundToStep(limits.amountStep, 'down');
    return violation(
      'EXCHANGE_PRECISION',
      `${showAmount(quantity)} ${base} is not a multiple of the amount step ${showAmount(limits.amountStep)} of ` +
        `${symbol}: use ${showAmount(fitted)}`,
      { symbol, quantity, amountStep: limits.amountStep, suggested: fitted },
    );
  }
  if (
    intent.orderType === 'limit' &&
    limits.priceStep.isPositive() &&
    !price.roundToStep(limits.priceStep, 'down').eq(price)
  ) {
    const fitted = price.roundToStep(limits.priceStep, intent.side === 'buy' ? 'down' : 'up');
    return violation(
      'EXCHANGE_PRECISION',
      `the limit price ${showAmount(price)} ${quote} is not a multiple of the price step ` +
        `${showAmount(limits.priceStep)} of ${symbol}: use ${showAmount(fitted)}`,
      { symbol, price, priceStep: limits.priceStep, suggested: fitted },
    );
  }
  if (quantity.lt(limits.minAmount)) {
    return violation(
      'EXCHANGE_MIN_AMOUNT',
      `${showAmount(quantity)} ${base} is below the exchange's minimum amount of ${showAmount(limits.minAmount)} ` +
        `${base} for ${symbol}`,
      { symbol, quantity, minAmount: limits.minAmount },
    );
  }
  const cost = quantity.mul(price);
  if (cost.lt(limits.minCost)) {
    return violation(
      'EXCHANGE_MIN_COST',
      `the order's cost of ${showAmount(cost)} ${quote} (${showAmount(quantity)} ${base} at ${showAmount(price)}) ` +
        `is below the exchange's minimum cost of ${showAmount(limits.minCost)} ${quote} for ${symbol}`,
      { symbol, cost, quantity, price, minCost: limits.minCost },
    );
  }
  return null;
}
