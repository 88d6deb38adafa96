/**
 * Checks against the order book, in exact decimals:
 * - spread: (ask - bid) / mid x 100 must not exceed the cap;
 * - slippage: walk the side the order takes from (asks for a buy, bids for a sell), best first,
 *   for the order's quantity (a limit order stops at its limit: the rest rests and does not slip);
 *   the average price's distance from the best price, in percent, must not exceed the cap.
 *   A market order larger than the book shown is refused (its slippage cannot be estimated).
 */
import type { BookTop } from '../../../shared/domain/market.js';
import type { OrderSide } from '../../../shared/domain/orders.js';
import type { RiskViolation } from '../../../shared/domain/risk.js';
import { Decimal } from '../money/decimal.js';
import { baseOf, percentRatio, quoteOf, showAmount, showPercent, violation } from './format.js';
import type { OrderIntent } from './types.js';

type Level = Readonly<{ price: Decimal; quantity: Decimal }>;

/** One side of the book as exact levels, best first; levels with a non-finite or non-positive value are dropped. */
export function bookSide(book: BookTop, side: 'bids' | 'asks'): Level[] {
  const levels: Level[] = [];
  for (const [price, quantity] of book[side]) {
    if (!(Number.isFinite(price) && price > 0 && Number.isFinite(quantity) && quantity > 0)) continue;
    levels.push({ price: Decimal.fromNumber(price), quantity: Decimal.fromNumber(quantity) });
  }
  return levels.sort((a, b) => (side === 'asks' ? a.price.cmp(b.price) : b.price.cmp(a.price)));
}

export type SpreadEstimate = Readonly<{ bid: Decimal; ask: Decimal; spread: Decimal; percent: Decimal }>;

/** The touch spread, or null when a side of the book is empty. */
export function spreadOf(book: BookTop): SpreadEstimate | null {
  const bid = bookSide(book, 'bids')[0];
  const ask = bookSide(book, 'asks')[0];
  if (!bid || !ask) return null;
  const spread = ask.price.sub(bid.price);
  const mid = ask.price.add(bid.price).div(2, { scale: 30, rounding: 'half-even' });
  return { bid: bid.price, ask: ask.price, spread, percent: percentRatio(spread, mid) ?? Decimal.ZERO };
}

export function checkSpread(symbol: string, book: BookTop, maxPercent: number): RiskViolation | null {
  const s = spreadOf(book);
  if (!s) {
    return violation('SPREAD', `the order book of ${symbol} has no bids or no asks: the spread cannot be measured`, {
      symbol,
      bids: book.bids.length,
      asks: book.asks.length,
    });
  }
  // spread / mid x 100 > max  <=>  spread x 200 > max x (ask + bid): exact, no division.
  if (!s.spread.mul(200).gt(Decimal.fromNumber(maxPercent).mul(s.ask.add(s.bid)))) return null;
  const quote = quoteOf(symbol);
  return violation(
    'SPREAD',
    `the bid-ask spread of ${symbol} is ${showPercent(s.percent)} (bid ${showAmount(s.bid)}, ask ` +
      `${showAmount(s.ask)} ${quote}): above the ${showPercent(maxPercent)} cap`,
    { symbol, bid: s.bid, ask: s.ask, spreadPercent: s.percent, maxPercent },
  );
}

export type SlippageEstimate = Readonly<{
  best: Decimal;
  /** Quantity the book shown can fill (within the limit). */
  filled: Decimal;
  /** Sum of price x quantity over the walked levels. */
  notional: Decimal;
  /** Average fill price of the walked part (null when nothing fills). */
  average: Decimal | null;
  /** |average - best| / best x 100 (0 when nothing fills). */
  percent: Decimal;
}>;

/** Walks the book for `quantity` (stopping at `limit` if given); null when the side is empty. */
export function estimateSlippage(
  book: BookTop,
  side: OrderSide,
  quantity: Decimal,
  limit: Decimal | null,
): SlippageEstimate | null {
  const levels = bookSide(book, side === 'buy' ? 'asks' : 'bids');
  const best = levels[0]?.price;
  if (!best) return null;
  let filled = Decimal.ZERO;
  let notional = Decimal.ZERO;
  for (const level of levels) {
    const left = quantity.sub(filled);
    if (!left.isPositive()) break;
    if (limit !== null && (side === 'buy' ? level.price.gt(limit) : level.price.lt(limit))) break;
    const take = Decimal.min(left, level.quantity);
    filled = filled.add(take);
    notional = notional.add(take.mul(level.price));
  }
  if (filled.isZero()) return { best, filled, notional, average: null, percent: Decimal.ZERO };
  const average = notional.div(filled, { scale: 18, rounding: 'half-even' });
  const distance = notional.sub(best.mul(filled)).abs();
  return { best, filled, notional, average, percent: percentRatio(distance, best.mul(filled)) ?? Decimal.ZERO };
}

export function checkSlippage(intent: OrderIntent, book: BookTop, maxPercent: number): RiskViolation | null {
  const { symbol, side, quantity } = intent;
  const base = baseOf(symbol);
  const limit = intent.orderType === 'limit' ? intent.priceEstimate : null;
  const est = estimateSlippage(book, side, quantity, limit);
  const verb = side === 'buy' ? 'buying' : 'selling';
  if (!est) {
    return violation(
      'SLIPPAGE',
      `the order book of ${symbol} has no ${side === 'buy' ? 'asks' : 'bids'}: ${verb} cannot be priced`,
      {
        symbol,
        quantity,
      },
    );
  }
  if (limit === null && est.filled.lt(quantity)) {
    return violation(
      'SLIPPAGE',
      `the order book of ${symbol} shows only ${showAmount(est.filled)} ${base} for ${verb} ${showAmount(quantity)} ` +
        `${base}: the slippage of a market order this size cannot be estimated; use a smaller size or a limit order`,
      { symbol, quantity, bookDepth: est.filled, maxPercent },
    );
  }
  if (est.average === null) return null;
  // |notional - best x filled| x 100 > max x best x filled: exact.
  const distance = est.notional.sub(est.best.mul(est.filled)).abs();
  if (!distance.mul(100).gt(Decimal.fromNumber(maxPercent).mul(est.best).mul(est.filled))) return null;
  return violation(
    'SLIPPAGE',
    `${verb} ${showAmount(est.filled)} ${base} walks the ${symbol} book to an average of ${showAmount(est.average)} ` +
      `${quoteOf(symbol)}, ${showPercent(est.percent)} from the best price ${showAmount(est.best)}: ` +
      `above the ${showPercent(maxPercent)} slippage cap`,
    { symbol, quantity, best: est.best, average: est.average, slippagePercent: est.percent, maxPercent },
  );
}
