/** An exchange's trading rules for one market (steps and minimums), as exact decimals, and the checks an order must pass. */
import type { MarketInfo } from '../../../../shared/domain/market.js';
import { Decimal } from '../../../engine/money/decimal.js';

export type MarketRules = Readonly<{
  symbol: string;
  base: string;
  quote: string;
  priceStep: Decimal;
  amountStep: Decimal;
  minAmount: Decimal;
  minCost: Decimal;
}>;

export function marketRules(info: MarketInfo): MarketRules {
  return {
    symbol: info.symbol,
    base: info.base,
    quote: info.quote,
    priceStep: Decimal.fromNumber(info.priceStep),
    amountStep: Decimal.fromNumber(info.amountStep),
    minAmount: Decimal.fromNumber(info.minAmount),
    minCost: Decimal.fromNumber(info.minCost),
  };
}

const onStep = (value: Decimal, step: Decimal) => value.roundToStep(step, 'down').eq(value);

/** What is wrong with an order under these rules (in words that say what to do), or null. */
export function ruleProblem(
  r: MarketRules,
  o: { quantity: Decimal; price: Decimal | null; stopPrice: Decimal | null; reference: Decimal },
): string | null {
  if (!o.quantity.isPositive()) {
    return `the quantity comes to 0 ${r.base} at the amount step ${r.amountStep.toString()}: order more`;
  }
  if (!onStep(o.quantity, r.amountStep)) {
    return (
      `${o.quantity.toString()} ${r.base} is not a multiple of ${r.symbol}'s amount step ${r.amountStep.toString()}: ` +
      `use ${o.quantity.roundToStep(r.amountStep, 'down').toString()}`
    );
  }
  if (o.quantity.lt(r.minAmount)) return `the smallest ${r.symbol} order is ${r.minAmount.toString()} ${r.base}`;
  for (const [name, value] of [
    ['price', o.price],
    ['stop price', o.stopPrice],
  ] as const) {
    if (value !== null && !onStep(value, r.priceStep)) {
      return (
        `the ${name} ${value.toString()} is not a multiple of ${r.symbol}'s price step ${r.priceStep.toString()}: ` +
        `use ${value.roundToStep(r.priceStep, 'down').toString()}`
      );
    }
  }
  const notional = o.quantity.mul(o.reference);
  if (notional.lt(r.minCost)) {
    return `the order is worth about ${notional.round(8, 'half-even').toString()} ${r.quote}; the minimum on ${r.symbol} is ${r.minCost.toString()} ${r.quote}`;
  }
  return null;
}
