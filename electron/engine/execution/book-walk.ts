/**
 * How a simulated exchange matches an order against a book, in exact decimals. Pure: the same
 * book and order give the same fills, in the simulator, in paper trading and in backtests.
 *
 * - A taker (a market order, or the marketable part of a limit order) walks the opposite side
 *   level by level: best price first, each level's size at most, never past its limit price. The
 *   walk itself is the price impact; `slippageBps` moves every taker price further against the
 *   taker (latency, hidden queue), rounded to the price step away from the taker's favour, but
 *   never beyond the limit.
 * - A resting limit order (a maker) fills at its own price, up to the liquidity of the opposite
 *   side that crosses it.
 * - Fees are a rate of the fill's value, in the quote currency, rounded up to FEE_SCALE digits
 *   (exchanges never round a fee in the trader's favour).
 */
import type { BookTop } from '../../../shared/domain/market.js';
import type { OrderSide } from '../../../shared/domain/orders.js';
import { Decimal } from '../money/decimal.js';

/** Fractional digits of a fee. */
export const FEE_SCALE = 8;

export type Level = Readonly<{ price: Decimal; quantity: Decimal }>;

export type Match = Readonly<{ price: Decimal; quantity: Decimal }>;

export type FeeSchedule = Readonly<{
  /** Fraction of the value charged to resting (maker) fills, e.g. 0.0016 = 0.16 %. */
  makerRate: Decimal;
  /** Fraction of the value charged to taking (taker) fills, e.g. 0.0026 = 0.26 %. */
  takerRate: Decimal;
}>;

/** Kraken's entry tier. */
export const DEFAULT_FEES: FeeSchedule = { makerRate: Decimal.parse('0.0016'), takerRate: Decimal.parse('0.0026') };

/**
 * The side of the book an order takes from, best first, as exact levels: asks for a buy, bids for
 * a sell. Levels with a non-positive or non-finite price or size are dropped.
 */
export function oppositeLevels(book: BookTop, side: OrderSide): Level[] {
  const raw = side === 'buy' ? book.asks : book.bids;
  const levels: Level[] = [];
  for (const [price, quantity] of raw) {
    if (!(Number.isFinite(price) && price > 0 && Number.isFinite(quantity) && quantity > 0)) continue;
    levels.push({ price: Decimal.fromNumber(price), quantity: Decimal.fromNumber(quantity) });
  }
  return levels.sort((a, b) => (side === 'buy' ? a.price.cmp(b.price) : b.price.cmp(a.price)));
}

/** True when `price` is at least as good for the taker as `limit` (a buy pays at most, a sell gets at least). */
export function withinLimit(side: OrderSide, price: Decimal, limit: Decimal | null): boolean {
  if (limit === null) return true;
  return side === 'buy' ? price.lte(limit) : price.gte(limit);
}

export type WalkOptions = {
  side: OrderSide;
  quantity: Decimal;
  /** The limit price, or null for a market order. */
  limit: Decimal | null;
  /** Extra adverse price move per taker fill, in basis points (default 0). */
  slippageBps?: Decimal;
  /** The market's price step: slipped prices are rounded to it (default: not rounded). */
  priceStep?: Decimal;
};

export type Walk = { matches: Match[]; filled: Decimal; remaining: Decimal };

function slipped(price: Decimal, o: WalkOptions): Decimal {
  const bps = o.slippageBps ?? Decimal.ZERO;
  if (bps.isZero()) return price;
  const factor = Decimal.ONE.add(
    o.side === 'buy'
      ? bps.div(10_000, { scale: 12, rounding: 'down' })
      : bps.neg().div(10_000, { scale: 12, rounding: 'down' }),
  );
  let moved = price.mul(factor);
  moved = o.priceStep
    ? moved.roundToStep(o.priceStep, o.side === 'buy' ? 'ceil' : 'floor')
    : moved.round(12, o.side === 'buy' ? 'ceil' : 'floor');
  // Slippage never takes a limit order past its limit.
  if (o.limit !== null && !withinLimit(o.side, moved, o.limit)) return o.limit;
  return moved;
}

/** Takes liquidity from `levels` (best first) for a taker order. */
export function walkBook(levels: readonly Level[], o: WalkOptions): Walk {
  const matches: Match[] = [];
  let remaining = o.quantity;
  for (const level of levels) {
    if (!remaining.isPositive()) break;
    if (!withinLimit(o.side, level.price, o.limit)) break;
    const quantity = Decimal.min(remaining, level.quantity);
    matches.push({ price: slipped(level.price, o), quantity });
    remaining = remaining.sub(quantity);
  }
  return { matches, filled: o.quantity.sub(remaining), remaining };
}

/** How much of a resting order at `limit` the opposite side crosses now (capped at `remaining`). */
export function crossingQuantity(
  levels: readonly Level[],
  side: OrderSide,
  limit: Decimal,
  remaining: Decimal,
): Decimal {
  let available = Decimal.ZERO;
  for (const level of levels) {
    if (!withinLimit(side, level.price, limit)) break;
    available = available.add(level.quantity);
    if (available.gte(remaining)) return remaining;
  }
  return available;
}

/** The fee of a fill: value x rate, rounded up to FEE_SCALE digits. */
export function feeFor(match: Match, rate: Decimal): Decimal {
  return match.price.mul(match.quantity).mul(rate).round(FEE_SCALE, 'ceil');
}

/** Quote needed for a buy: value plus fee, summed over matches. */
export function costWithFees(matches: readonly Match[], rate: Decimal): Decimal {
  return Decimal.sum(matches.map((m) => m.price.mul(m.quantity).add(feeFor(m, rate))));
}
