/**
 * Spot positions, long only, with exact money.
 *
 * - A position keeps its quantity and its exact `cost` (what the units still held were bought
 *   for). Average entry = cost / quantity, derived (and rounded only for display).
 * - Fees are NOT part of the average entry: it is the average trade price, as the exchange and
 *   the chart show it. Fees are summed apart (in the quote currency), and realizedPnl is before
 *   fees, so: net P&L = realizedPnl + unrealizedPnl - fees.
 * - Buying adds quantity and cost. Selling realizes (price - average entry) x quantity: the cost
 *   removed is cost x sold / held, rounded half-even to COST_SCALE digits on a partial sale; a
 *   sale that closes the position removes exactly the cost left, so a full round trip realizes
 *   exactly proceeds - cost, with no rounding at all.
 * - Selling more than is held is an error (spot: no shorts).
 * - A fee charged in the base currency is units: a buy of q with fee f adds q - f units at the
 *   trade price; a sell of q with fee f gives up q + f units. Its quote value (f x price) is added
 *   to fees. A fee in any third currency leaves the position alone (the portfolio tracks it).
 */
import { MarketSymbol } from '../../../shared/domain/market.js';
import { Decimal } from '../money/decimal.js';
import type { Fill } from '../orders/order-events.js';

/** Digits kept when a partial sale splits the cost (at most 5e-19 quote of rounding per sale). */
export const COST_SCALE = 18;
/** Digits of a displayed average entry. */
export const ENTRY_SCALE = 18;

export type Position = Readonly<{
  symbol: string;
  base: string;
  quote: string;
  quantity: Decimal;
  /** What the units held were bought for, in quote (fees excluded). */
  cost: Decimal;
  /** Realized P&L in quote, before fees. */
  realizedPnl: Decimal;
  /** Fees paid on this symbol, in quote. */
  fees: Decimal;
}>;

export type PositionResult = { ok: true; position: Position } | { ok: false; error: string };

export function splitSymbol(symbol: string): { base: string; quote: string } | null {
  if (!MarketSymbol.safeParse(symbol).success) return null;
  const [base, quote] = symbol.split('/') as [string, string];
  return { base, quote };
}

export function flatPosition(symbol: string): Position | null {
  const parts = splitSymbol(symbol);
  if (!parts) return null;
  const zero = Decimal.ZERO;
  return { symbol, ...parts, quantity: zero, cost: zero, realizedPnl: zero, fees: zero };
}

/** cost / quantity; 0 when flat. */
export function averageEntry(position: Position, scale = ENTRY_SCALE): Decimal {
  if (position.quantity.isZero()) return Decimal.ZERO;
  return position.cost.div(position.quantity, { scale, rounding: 'half-even' });
}

/** quantity x mark - cost: what the position would realize at the mark, before fees. Exact. */
export function unrealizedPnl(position: Position, mark: Decimal): Decimal {
  return position.quantity.mul(mark).sub(position.cost);
}

/** Applies one fill. Validation of the fill itself (positive price and quantity) is the caller's. */
export function applyFillToPosition(position: Position, fill: Fill): PositionResult {
  const baseFee = fill.feeCurrency === position.base ? fill.fee : Decimal.ZERO;
  const feeInQuote =
    fill.feeCurrency === position.quote
      ? fill.fee
      : fill.feeCurrency === position.base
        ? fill.fee.mul(fill.price)
        : null;
  const fees = feeInQuote === null ? position.fees : position.fees.add(feeInQuote);

  if (fill.side === 'buy') {
    const acquired = fill.quantity.sub(baseFee);
    if (!acquired.isPositive()) {
      return {
        ok: false,
        error: `fill ${fill.tradeId}: a fee of ${baseFee.toString()} ${position.base} leaves nothing bought`,
      };
    }
    return {
      ok: true,
      position: {
        ...position,
        quantity: position.quantity.add(acquired),
        cost: position.cost.add(acquired.mul(fill.price)),
        fees,
      },
    };
  }

  const disposed = fill.quantity.add(baseFee);
  if (disposed.gt(position.quantity)) {
    return {
      ok: false,
      error:
        `fill ${fill.tradeId} sells ${disposed.toString()} ${position.base} but the position holds ` +
        `${position.quantity.toString()}: spot positions cannot go short (reconcile the balances)`,
    };
  }
  const closes = disposed.eq(position.quantity);
  const removedCost = closes
    ? position.cost
    : position.cost.mul(disposed).div(position.quantity, { scale: COST_SCALE, rounding: 'half-even' });
  return {
    ok: true,
    position: {
      ...position,
      quantity: position.quantity.sub(disposed),
      cost: closes ? Decimal.ZERO : position.cost.sub(removedCost),
      realizedPnl: position.realizedPnl.add(disposed.mul(fill.price).sub(removedCost)),
      fees,
    },
  };
}
