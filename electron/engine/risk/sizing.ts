/**
 * Position sizing in exact decimals: how many base units an entry buys. Three methods:
 * - fixed fraction: percent of equity;
 * - volatility (ATR): risk `riskPercent` of equity on a stop `atrMultiple` ATRs away, so a move of
 *   that many ATRs against the position loses riskPercent of equity (optionally capped);
 * - fractional Kelly: f* = W - (1 - W) / R from a backtest's win rate W and payoff ratio R
 *   (average win / average loss), times `fraction` (0.5 = half Kelly), capped (default 20 %) and
 *   never negative: no edge, no entry.
 * Every size is rounded DOWN to the exchange's amount step (never more risk than asked for); a
 * size below the exchange's minimum amount or cost is refused, not rounded up.
 */
import { quantityFromQuote } from '../orders/order-model.js';
import { Decimal } from '../money/decimal.js';
import { percentOf, RATIO_SCALE, showAmount } from './format.js';

/** The exchange limits sizing must respect (see exchangeLimitsOf for a MarketInfo). */
export type SizingMarket = Readonly<{ amountStep: Decimal; minAmount: Decimal; minCost: Decimal }>;

export type SizeRefusal = 'NO_EDGE' | 'BELOW_MIN_AMOUNT' | 'BELOW_MIN_COST' | 'INVALID_INPUT';

export type SizeResult =
  | Readonly<{
      ok: true;
      /** Base units, a multiple of the amount step. */
      quantity: Decimal;
      /** quantity x price, in quote. */
      notional: Decimal;
      /** The fraction of equity the method asked for, before rounding (0.1 = 10 %). */
      fraction: Decimal;
    }>
  | Readonly<{ ok: false; reason: SizeRefusal; message: string; quantity: Decimal }>;

type Common = Readonly<{ equity: Decimal; price: Decimal; market: SizingMarket }>;

const refuse = (reason: SizeRefusal, message: string, quantity = Decimal.ZERO): SizeResult => ({
  ok: false,
  reason,
  message,
  quantity,
});

function checkCommon({ equity, price, market }: Common): SizeResult | null {
  if (!equity.isPositive()) return refuse('INVALID_INPUT', `equity must be above zero to size an entry, not ${equity}`);
  if (!price.isPositive()) return refuse('INVALID_INPUT', `the price must be above zero, not ${price}`);
  if (!market.amountStep.isPositive()) return refuse('INVALID_INPUT', 'the amount step must be above zero');
  return null;
}

/** Fits a quantity to the exchange: already rounded down to the step; refuses a size below the minimums. */
function finish(quantity: Decimal, fraction: Decimal, { price, market }: Common): SizeResult {
  const notional = quantity.mul(price);
  if (quantity.isZero() || quantity.lt(market.minAmount)) {
    return refuse(
      'BELOW_MIN_AMOUNT',
      `the size ${showAmount(quantity)} is below the exchange's minimum amount ${showAmount(market.minAmount)} ` +
        `(amount step ${showAmount(market.amountStep)}): raise the size or skip this entry`,
      quantity,
    );
  }
  if (notional.lt(market.minCost)) {
    return refuse(
      'BELOW_MIN_COST',
      `the size ${showAmount(quantity)} costs ${showAmount(notional)}, below the exchange's minimum cost ` +
        `${showAmount(market.minCost)}: raise the size or skip this entry`,
      quantity,
    );
  }
  return { ok: true, quantity, notional, fraction };
}

const positiveFinite = (n: number) => typeof n === 'number' && Number.isFinite(n) && n > 0;

/** percent % of equity at `price`. Example: 10 % of 10,000 USD at 60,000 with step 0.0001 -> 0.0166 BTC. */
export function fixedFractionSize(input: Common & { percent: number }): SizeResult {
  const bad = checkCommon(input);
  if (bad) return bad;
  if (!positiveFinite(input.percent)) return refuse('INVALID_INPUT', 'the fraction of equity must be above 0 %');
  const notional = percentOf(input.equity, input.percent);
  const quantity = quantityFromQuote(notional, input.price, input.market.amountStep);
  return finish(quantity, percentOf(Decimal.ONE, input.percent), input);
}

/**
 * Risks riskPercent of equity on a stop atrMultiple x ATR away: quantity = equity x risk% / (multiple x ATR).
 * Example: 10,000 USD, 1 %, ATR 1,500, 2 ATR -> 100 / 3,000 = 0.0333 BTC. `maxPercent` caps the notional.
 */
export function volatilitySize(
  input: Common & { riskPercent: number; atr: number; atrMultiple: number; maxPercent?: number },
): SizeResult {
  const bad = checkCommon(input);
  if (bad) return bad;
  if (!positiveFinite(input.riskPercent)) return refuse('INVALID_INPUT', 'the risk per trade must be above 0 %');
  if (!positiveFinite(input.atr) || !positiveFinite(input.atrMultiple)) {
    return refuse('INVALID_INPUT', `the ATR (${input.atr}) and its multiple (${input.atrMultiple}) must be above zero`);
  }
  const step = input.market.amountStep;
  const risk = percentOf(input.equity, input.riskPercent);
  const distance = Decimal.fromNumber(input.atr).mul(Decimal.fromNumber(input.atrMultiple));
  let quantity = risk.div(distance.mul(step), { scale: 0, rounding: 'down' }).mul(step);
  if (input.maxPercent !== undefined) {
    const cap = quantityFromQuote(percentOf(input.equity, input.maxPercent), input.price, step);
    quantity = Decimal.min(quantity, cap);
  }
  const fraction = quantity.mul(input.price).div(input.equity, { scale: RATIO_SCALE, rounding: 'down' });
  return finish(quantity, fraction, input);
}

/** The raw Kelly fraction f* = W - (1 - W) / R (may be negative: no edge). */
export function kellyFraction(winRate: number, payoffRatio: number): Decimal {
  const w = Decimal.fromNumber(winRate);
  return w.sub(Decimal.ONE.sub(w).div(Decimal.fromNumber(payoffRatio), { scale: RATIO_SCALE, rounding: 'up' }));
}

/**
 * fraction x f*, capped at capPercent, never negative. Example: W 0.55, R 1.5 -> f* 0.25, half Kelly
 * 0.125 -> 1,250 USD of 10,000 -> 0.0208 BTC at 60,000.
 */
export function kellySize(
  input: Common & { winRate: number; payoffRatio: number; fraction?: number; capPercent?: number },
): SizeResult {
  const bad = checkCommon(input);
  if (bad) return bad;
  const { winRate, payoffRatio, fraction = 0.5, capPercent = 20 } = input;
  if (!(Number.isFinite(winRate) && winRate >= 0 && winRate <= 1)) {
    return refuse('INVALID_INPUT', `the win rate is a fraction from 0 to 1, not ${winRate}`);
  }
  if (!positiveFinite(payoffRatio))
    return refuse('INVALID_INPUT', `the payoff ratio must be above zero, not ${payoffRatio}`);
  if (!positiveFinite(fraction) || fraction > 1)
    return refuse('INVALID_INPUT', 'the Kelly fraction is above 0 and at most 1');
  if (!positiveFinite(capPercent)) return refuse('INVALID_INPUT', 'the Kelly cap must be above 0 %');
  const full = kellyFraction(winRate, payoffRatio);
  if (!full.isPositive()) {
    return refuse(
      'NO_EDGE',
      `the Kelly fraction is ${full.round(4, 'half-even')} (win rate ${winRate}, payoff ${payoffRatio}): no edge, no entry`,
    );
  }
  const cap = percentOf(Decimal.ONE, capPercent);
  const f = Decimal.min(full.mul(Decimal.fromNumber(fraction)), cap);
  const quantity = quantityFromQuote(input.equity.mul(f), input.price, input.market.amountStep);
  return finish(quantity, f, input);
}
