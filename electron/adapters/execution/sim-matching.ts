/**
 * The simulated exchange's matching, inside one of its transactions: placing an order (taking
 * from the book, resting the rest), and filling resting orders the market has crossed. Balances
 * move with every trade; an order the free balance cannot cover is refused before anything is
 * written, as Kraken refuses it with "EOrder:Insufficient funds".
 */
import type { BalanceView, OrderSide } from '../../../shared/domain/orders.js';
import {
  type FeeSchedule,
  type Level,
  costWithFees,
  crossingQuantity,
  feeFor,
  walkBook,
  withinLimit,
} from '../../engine/execution/book-walk.js';
import { Decimal } from '../../engine/money/decimal.js';
import type { ExchangeOrder, PlaceRequest } from '../../engine/orders/execution-port.js';
import type { Fill } from '../../engine/orders/order-events.js';
import { splitSymbol } from '../../engine/portfolio/positions.js';
import type { SimOrder, SimTx } from '../../persistence/repositories/sim-exchange-repo.js';

/** A refusal: nothing was written. */
export class SimRejection extends Error {
  override readonly name = 'SimRejection';
}

export type MatchingRules = { fees: FeeSchedule; slippageBps: Decimal; priceStep: Decimal | null };

export type Placed = { order: SimOrder; fills: Fill[]; cancelReason: string | null };

function parts(symbol: string): { base: string; quote: string } {
  const p = splitSymbol(symbol);
  if (!p) throw new SimRejection(`EQuery:Unknown asset pair ${symbol}`);
  return p;
}

/** What open orders hold back, per currency: a buy remaining x price x (1 + maker fee), a sell its remaining base. */
export function holds(open: readonly SimOrder[], fees: FeeSchedule): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  const add = (c: string, d: Decimal) => out.set(c, (out.get(c) ?? Decimal.ZERO).add(d));
  for (const o of open) {
    const { base, quote } = parts(o.symbol);
    const left = o.quantity.sub(o.filled);
    if (o.side === 'sell') add(base, left);
    else if (o.price) add(quote, left.mul(o.price).mul(Decimal.ONE.add(fees.makerRate)));
  }
  return out;
}

export function balanceViews(totals: Map<string, Decimal>, held: Map<string, Decimal>): BalanceView[] {
  const currencies = [...new Set([...totals.keys(), ...held.keys()])].sort();
  return currencies.map((currency) => {
    const total = totals.get(currency) ?? Decimal.ZERO;
    const locked = Decimal.min(total, held.get(currency) ?? Decimal.ZERO);
    return { currency, total: total.toString(), available: total.sub(locked).toString(), locked: locked.toString() };
  });
}

export function toExchangeOrder(o: SimOrder): ExchangeOrder {
  const fills = o.filled;
  return {
    exchangeOrderId: o.exchangeOrderId,
    clientOrderId: o.clientOrderId,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    status: o.status,
    quantity: o.quantity,
    filled: fills,
    price: o.price,
    averagePrice: null,
    timestamp: o.createdAt,
  };
}

/** Moves balances for one trade: a buy gets base and pays quote + fee; a sell the reverse. */
function settle(tx: SimTx, side: OrderSide, symbol: string, fill: Fill): void {
  const { base, quote } = parts(symbol);
  const value = fill.price.mul(fill.quantity);
  if (side === 'buy') {
    tx.addBalance(quote, value.add(fill.fee).neg());
    tx.addBalance(base, fill.quantity);
  } else {
    tx.addBalance(base, fill.quantity.neg());
    tx.addBalance(quote, value.sub(fill.fee));
  }
}

/** Places an order in one transaction of the simulated exchange: refused (SimRejection) or written in full. */
export function placeOrder(
  tx: SimTx,
  req: PlaceRequest,
  levels: readonly Level[],
  rules: MatchingRules,
  at: number,
): Placed {
  const { base, quote } = parts(req.symbol);
  const open = tx.openOrders();
  if (open.some((o) => o.clientOrderId === req.clientOrderId)) {
    throw new SimRejection('EOrder:Duplicate order: this cl_ord_id belongs to an open order');
  }
  const limit = req.type === 'limit' ? req.price : null;
  if (req.type === 'limit' && limit === null) throw new SimRejection('EOrder:Invalid price: a limit order needs one');
  const walk = walkBook(levels, {
    side: req.side,
    quantity: req.quantity,
    limit,
    slippageBps: rules.slippageBps,
    ...(rules.priceStep ? { priceStep: rules.priceStep } : {}),
  });
  const fok = req.timeInForce === 'FOK' && walk.remaining.isPositive();
  const matches = fok ? [] : walk.matches;
  const filled = fok ? Decimal.ZERO : walk.filled;
  const rests = req.type === 'limit' && req.timeInForce === 'GTC' && req.quantity.gt(filled);
  if (req.type === 'market' && filled.isZero()) {
    throw new SimRejection(`EOrder:Insufficient liquidity: the ${req.side === 'buy' ? 'ask' : 'bid'} side is empty`);
  }

  const held = holds(open, rules.fees);
  const totals = tx.balances();
  const free = (c: string) => (totals.get(c) ?? Decimal.ZERO).sub(held.get(c) ?? Decimal.ZERO);
  if (req.side === 'buy') {
    const resting =
      rests && limit ? req.quantity.sub(filled).mul(limit).mul(Decimal.ONE.add(rules.fees.makerRate)) : Decimal.ZERO;
    const need = costWithFees(matches, rules.fees.takerRate).add(resting);
    if (free(quote).lt(need)) {
      throw new SimRejection(
        `EOrder:Insufficient funds: needs ${need.toString()} ${quote}, ${free(quote).toString()} free`,
      );
    }
  } else {
    const need = filled.add(rests ? req.quantity.sub(filled) : Decimal.ZERO);
    if (free(base).lt(need)) {
      throw new SimRejection(
        `EOrder:Insufficient funds: needs ${need.toString()} ${base}, ${free(base).toString()} free`,
      );
    }
  }

  const status = filled.eq(req.quantity) ? 'closed' : rests ? 'open' : 'canceled';
  const order = tx.insertOrder({
    clientOrderId: req.clientOrderId,
    symbol: req.symbol,
    side: req.side,
    type: req.type,
    timeInForce: req.timeInForce,
    quantity: req.quantity,
    price: limit,
    filled,
    status,
    createdAt: at,
    updatedAt: at,
  });
  const fills = matches.map((m) => {
    const fill = tx.insertTrade(order, {
      price: m.price,
      quantity: m.quantity,
      fee: feeFor(m, rules.fees.takerRate),
      feeCurrency: quote,
      liquidity: 'taker',
      time: at,
    });
    settle(tx, req.side, req.symbol, fill);
    return fill;
  });
  const cancelReason =
    status !== 'canceled'
      ? null
      : fok
        ? 'fill or kill: the book could not fill all of it'
        : `${req.type === 'market' ? 'market' : 'immediate-or-cancel'} order: the book ran out after ${filled.toString()}`;
  return { order, fills, cancelReason };
}

/** Fills resting orders of `symbol` that the book now crosses, as makers at their own price. */
export function matchResting(
  tx: SimTx,
  symbol: string,
  asks: readonly Level[],
  bids: readonly Level[],
  rules: MatchingRules,
  at: number,
): Fill[] {
  const { quote } = parts(symbol);
  const used = { buy: Decimal.ZERO, sell: Decimal.ZERO };
  const fills: Fill[] = [];
  for (const o of tx.openOrders()) {
    if (o.symbol !== symbol || o.price === null) continue;
    const levels = o.side === 'buy' ? asks : bids;
    if (!levels[0] || !withinLimit(o.side, levels[0].price, o.price)) continue;
    const remaining = o.quantity.sub(o.filled);
    const crossing = crossingQuantity(levels, o.side, o.price, remaining.add(used[o.side]));
    const quantity = Decimal.min(remaining, crossing.sub(used[o.side]));
    if (!quantity.isPositive()) continue;
    used[o.side] = used[o.side].add(quantity);
    const match = { price: o.price, quantity };
    const fill = tx.insertTrade(o, {
      ...match,
      fee: feeFor(match, rules.fees.makerRate),
      feeCurrency: quote,
      liquidity: 'maker',
      time: at,
    });
    settle(tx, o.side, symbol, fill);
    const filled = o.filled.add(quantity);
    tx.updateOrder(o.exchangeOrderId, { filled, status: filled.eq(o.quantity) ? 'closed' : 'open', at });
    fills.push(fill);
  }
  return fills;
}
