/**
 * Balances per currency and the amounts open orders hold back (locks).
 *
 * A lock belongs to one order and is recomputed from the order after every event (so it is
 * idempotent, and it shrinks as the order fills): a buy with a price holds remaining x price of
 * the quote (plus an optional fee reserve), a sell holds the remaining base. A market buy holds
 * remaining x an estimate price when one is given. Engine-managed orders (stop loss, take profit,
 * trailing stop) hold nothing: the order they place when triggered does. Finished orders hold
 * nothing.
 */
import { Decimal } from '../money/decimal.js';
import { type Order, isEngineManaged, remaining } from '../orders/order-model.js';
import { isTerminal } from '../orders/order-state.js';
import { splitSymbol } from './positions.js';

export type Balance = Readonly<{ currency: string; total: Decimal; locked: Decimal }>;

export type Lock = Readonly<{ currency: string; amount: Decimal }>;

export type LockOptions = {
  /** Price to reserve a market buy at (e.g. the best ask plus slippage). Without it a market buy locks nothing. */
  estimatePrice?: Decimal;
  /** Extra quote reserved on buys for fees, as a fraction of the cost (0.0026 = 0.26 %). */
  feeRate?: Decimal;
};

export function available(balance: Balance): Decimal {
  return balance.total.sub(balance.locked);
}

/** What an order holds back now, or null if nothing. */
export function lockFor(order: Order, options: LockOptions = {}): Lock | null {
  if (isTerminal(order.status) || isEngineManaged(order.type)) return null;
  const parts = splitSymbol(order.symbol);
  const left = remaining(order);
  if (!parts || !left.isPositive()) return null;
  if (order.side === 'sell') return { currency: parts.base, amount: left };
  const price = order.price ?? options.estimatePrice ?? null;
  if (price === null) return null;
  const cost = left.mul(price);
  const reserve = options.feeRate ? cost.mul(options.feeRate) : Decimal.ZERO;
  return { currency: parts.quote, amount: cost.add(reserve) };
}

/** Sum of locks per currency. */
export function lockedByCurrency(locks: Iterable<Lock>): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  for (const lock of locks) out.set(lock.currency, (out.get(lock.currency) ?? Decimal.ZERO).add(lock.amount));
  return out;
}
