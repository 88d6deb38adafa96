/**
 * Exposure caps (spot, long only): capital per symbol and the total exposure ceiling, as a
 * percent of equity. Exposure counts what an entry would add to: positions at their mark, open
 * buy orders at their price, and the entry itself at its price estimate. Exits are never capped.
 * At the limit passes: an entry that brings a symbol to exactly 20 % of equity is allowed.
 */
import type { RiskSettings, RiskViolation } from '../../../shared/domain/risk.js';
import { Decimal } from '../money/decimal.js';
import { percentFigure, percentOf, percentRatio, quoteOf, showMoney, showPercent, violation } from './format.js';
import type { OrderIntent, RiskContext } from './types.js';

/** Positions at mark plus open buy orders for one symbol (or every symbol when symbol is null). */
export function exposureOf(ctx: Pick<RiskContext, 'positions' | 'openOrders'>, symbol: string | null): Decimal {
  let total = Decimal.ZERO;
  for (const [s, p] of Object.entries(ctx.positions)) {
    if (symbol === null || s === symbol) total = total.add(p.quantity.abs().mul(p.markPrice));
  }
  for (const o of ctx.openOrders) {
    if (o.side === 'buy' && (symbol === null || o.symbol === symbol)) total = total.add(o.remaining.mul(o.price));
  }
  return total;
}

function capViolation(
  rule: 'CAPITAL_PER_SYMBOL' | 'TOTAL_EXPOSURE',
  what: string,
  intent: OrderIntent,
  equity: Decimal,
  current: Decimal,
  after: Decimal,
  limitPercent: number,
): RiskViolation | null {
  const limit = equity.isPositive() ? percentOf(equity, limitPercent) : Decimal.ZERO;
  if (after.lte(limit)) return null;
  const quote = quoteOf(intent.symbol);
  const room = Decimal.max(0, limit.sub(current));
  return violation(
    rule,
    `${what} would be ${showMoney(after, limit)} ${quote} (${showPercent(percentRatio(after, equity), limitPercent)} ` +
      `of equity ${showMoney(equity)} ${quote}): above the ${showPercent(limitPercent)} limit (${showMoney(limit)} ` +
      `${quote}); room left: ${showMoney(room)} ${quote}`,
    {
      symbol: intent.symbol,
      equity,
      current,
      order: after.sub(current),
      after,
      afterPercent: percentFigure(percentRatio(after, equity)),
      limitPercent,
      limit,
    },
  );
}

export function checkExposure(
  intent: OrderIntent,
  ctx: Pick<RiskContext, 'positions' | 'openOrders' | 'equity'>,
  settings: Pick<RiskSettings, 'capitalPerSymbol' | 'totalExposure'>,
): RiskViolation | null {
  const notional = intent.quantity.mul(intent.priceEstimate);
  if (settings.capitalPerSymbol.enabled) {
    const current = exposureOf(ctx, intent.symbol);
    const found = capViolation(
      'CAPITAL_PER_SYMBOL',
      `the capital in ${intent.symbol}`,
      intent,
      ctx.equity,
      current,
      current.add(notional),
      settings.capitalPerSymbol.percent,
    );
    if (found) return found;
  }
  if (settings.totalExposure.enabled) {
    const current = exposureOf(ctx, null);
    return capViolation(
      'TOTAL_EXPOSURE',
      'the total exposure',
      intent,
      ctx.equity,
      current,
      current.add(notional),
      settings.totalExposure.percent,
    );
  }
  return null;
}
