/**
 * The order as the engine keeps it: immutable, money as exact Decimals. Orders are made by
 * `initOrder` from a creation event and changed only by `applyOrderEvent` (order-reducer.ts).
 */
import {
  ClientOrderId,
  ENGINE_MANAGED_ORDER_TYPES,
  type OrderSide,
  type OrderStatus,
  type OrderTimelineEntry,
  type OrderType,
  type TimeInForce,
} from '../../../shared/domain/orders.js';
import { MarketSymbol } from '../../../shared/domain/market.js';
import { Decimal, type RoundingMode } from '../money/decimal.js';
import type { Fill, OrderCreationEvent, OrderEvent, OrderFillEvent } from './order-events.js';

export type Order = Readonly<{
  clientOrderId: string;
  exchangeOrderId: string | null;
  parentClientOrderId: string | null;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: Decimal;
  price: Decimal | null;
  stopPrice: Decimal | null;
  trailPercent: Decimal | null;
  timeInForce: TimeInForce;
  expiresAt: number | null;
  status: OrderStatus;
  /** Sum of fill quantities; never above `quantity`. */
  filled: Decimal;
  /** Sum of fill price x quantity, exact: the average fill price is notional / filled. */
  notional: Decimal;
  /** Fees per currency (a negative total is a net rebate). */
  fees: Readonly<Record<string, Decimal>>;
  /** Fills in the order they were applied; trade ids are unique. */
  fills: readonly Fill[];
  createdAt: number;
  updatedAt: number;
  /** When the order was handed to the exchange (or armed in the engine); null: never sent. */
  submittedAt: number | null;
  reason: string | null;
  lastError: string | null;
  adopted: boolean;
  needsAttention: boolean;
  /** Consecutive "not found" answers while UNKNOWN. */
  notFoundCount: number;
  timeline: readonly OrderTimelineEntry[];
}>;

export const ORDER_ERROR_CODES = [
  'INVALID_EVENT',
  'INVALID_TRANSITION',
  'ALREADY_SUBMITTED',
  'NOT_SUBMITTED',
  'OVERFILL',
  'FILL_MISMATCH',
  'CONFLICTING_FILL',
  'EXCHANGE_ID_MISMATCH',
] as const;
export type OrderErrorCode = (typeof ORDER_ERROR_CODES)[number];

/** Why an event was not applied. The caller logs it; the order stays as it was. */
export type OrderError = Readonly<{
  code: OrderErrorCode;
  message: string;
  clientOrderId: string;
  status: OrderStatus | null;
  /** The event's type ('unknown' when the event was not even an object). */
  event: OrderEvent['type'] | OrderCreationEvent['type'] | 'unknown';
}>;

/**
 * applied: the order changed (act on it: persist, notify, send). duplicate: the same news again
 * (a repeated trade id, accept or cancel). stale: news the order has already moved past (an
 * accept or a cancel rejection arriving after the order ended). Only `applied` changes anything.
 */
export type OrderEventOutcome = 'applied' | 'duplicate' | 'stale';

export type OrderResult = { ok: true; order: Order; outcome: OrderEventOutcome } | { ok: false; error: OrderError };

/** A journal replay: the rebuilt order, or the first event (by index) that could not be applied. */
export type ReplayResult =
  { ok: true; order: Order; appliedCount: number } | { ok: false; error: OrderError; index: number };

/** Fractional digits of a derived average price (the exact notional and filled are kept). */
export const AVERAGE_PRICE_SCALE = 18;
/** Consecutive not-found answers after which an UNKNOWN order needs a human (it may be lost). */
export const LOST_AFTER_NOT_FOUND = 3;

export function isEngineManaged(type: OrderType): boolean {
  return ENGINE_MANAGED_ORDER_TYPES.includes(type);
}

export function remaining(order: Order): Decimal {
  return order.quantity.sub(order.filled);
}

/** notional / filled, rounded half-even to AVERAGE_PRICE_SCALE digits; null before the first fill. */
export function averageFillPrice(order: Order, scale = AVERAGE_PRICE_SCALE): Decimal | null {
  return order.filled.isZero() ? null : order.notional.div(order.filled, { scale, rounding: 'half-even' });
}

/** OPEN or PARTIALLY_FILLED, whichever the fills say: where an accepted order works. */
export function workingStatus(order: Order): OrderStatus {
  return order.filled.isZero() ? 'OPEN' : 'PARTIALLY_FILLED';
}

/** An UNKNOWN order that repeated lookups could not find: it may never have been placed. */
export function isPossiblyLost(order: Order): boolean {
  return order.status === 'UNKNOWN' && order.notFoundCount >= LOST_AFTER_NOT_FOUND;
}

/** The right fill event for a fill: OrderFilled if it completes the order, else OrderPartiallyFilled. */
export function fillEventFor(order: Order, fill: Fill, at: number): OrderFillEvent {
  const completes = order.filled.add(fill.quantity).eq(order.quantity);
  return { type: completes ? 'OrderFilled' : 'OrderPartiallyFilled', at, fill };
}

/** A base quantity for a quote amount at a price, rounded to the amount step (down by default: never overspend). */
export function quantityFromQuote(
  quoteAmount: Decimal,
  price: Decimal,
  amountStep: Decimal,
  rounding: RoundingMode = 'down',
): Decimal {
  return quoteAmount.div(price.mul(amountStep), { scale: 0, rounding }).mul(amountStep);
}

function creationError(event: OrderCreationEvent, message: string): OrderResult {
  const clientOrderId = typeof event.clientOrderId === 'string' ? event.clientOrderId : '';
  return { ok: false, error: { code: 'INVALID_EVENT', message, clientOrderId, status: null, event: event.type } };
}

const isTime = (t: unknown): t is number => typeof t === 'number' && Number.isSafeInteger(t) && t >= 0;
const positive = (d: Decimal | null | undefined) => d instanceof Decimal && d.isPositive();

/** Checks an order's terms; null when they hold, else what is wrong (in words a user can act on). */
function termsProblem(e: OrderCreationEvent): string | null {
  if (!isTime(e.at)) return `the creation time must be UTC milliseconds, not ${String(e.at)}`;
  if (!MarketSymbol.safeParse(e.symbol).success) return `"${e.symbol}" is not a symbol like "BTC/USD"`;
  if (e.side !== 'buy' && e.side !== 'sell') return `side must be buy or sell, not ${String(e.side)}`;
  if (!positive(e.quantity)) return 'the quantity must be above zero';
  if (!['GTC', 'IOC', 'FOK'].includes(e.timeInForce)) return `unknown time in force ${String(e.timeInForce)}`;
  const price = e.price ?? null;
  if (price !== null && !positive(price)) return 'the price must be above zero';
  if (e.orderType === 'limit' && price === null) return 'a limit order needs a price';
  if (e.orderType === 'market' && price !== null) return 'a market order takes no price';
  const expiresAt = e.expiresAt ?? null;
  if (expiresAt !== null) {
    if (!isTime(expiresAt) || expiresAt <= e.at) return 'the expiry must be a time after the order is created';
    if (e.timeInForce !== 'GTC') return `an ${e.timeInForce} order ends at once; an expiry needs GTC`;
  }
  if (e.type === 'OrderAdopted') {
    return e.exchangeOrderId ? null : 'an adopted order needs its exchange order id';
  }
  const stopPrice = e.stopPrice ?? null;
  const trail = e.trailPercent ?? null;
  const needsStop = e.orderType === 'stop_loss' || e.orderType === 'take_profit';
  if (needsStop !== (stopPrice !== null))
    return needsStop ? `a ${e.orderType} order needs a stop price` : `a ${e.orderType} order takes no stop price`;
  if (stopPrice !== null && !positive(stopPrice)) return 'the stop price must be above zero';
  if ((e.orderType === 'trailing_stop') !== (trail !== null))
    return 'a trailing_stop order, and only one, takes a trail percent';
  if (trail !== null && (!positive(trail) || trail.gte(100))) return 'the trail percent must be above 0 and below 100';
  if (e.orderType === 'trailing_stop' && price !== null) return 'a trailing_stop order takes no price';
  if (!ClientOrderId.safeParse(e.clientOrderId).success) return 'a new order needs a UUID client order id';
  return null;
}

/** A new order from its creation event: PENDING_SUBMIT for OrderCreated, OPEN (adopted) for OrderAdopted. Never throws. */
export function initOrder(event: OrderCreationEvent): OrderResult {
  try {
    if (event.type !== 'OrderCreated' && event.type !== 'OrderAdopted') {
      return creationError(event, `not a creation event: ${String((event as { type: unknown }).type)}`);
    }
    if (typeof event.clientOrderId !== 'string' || event.clientOrderId.length === 0) {
      return creationError(event, 'an order needs a client order id');
    }
    const problem = termsProblem(event);
    if (problem) return creationError(event, `order ${event.clientOrderId}: ${problem}`);
    const adopted = event.type === 'OrderAdopted';
    const status: OrderStatus = adopted ? 'OPEN' : 'PENDING_SUBMIT';
    const order: Order = {
      clientOrderId: event.clientOrderId,
      exchangeOrderId: adopted ? event.exchangeOrderId : null,
      parentClientOrderId: adopted ? null : (event.parentClientOrderId ?? null),
      symbol: event.symbol,
      side: event.side,
      type: event.orderType,
      quantity: event.quantity,
      price: event.price ?? null,
      stopPrice: adopted ? null : (event.stopPrice ?? null),
      trailPercent: adopted ? null : (event.trailPercent ?? null),
      timeInForce: event.timeInForce,
      expiresAt: event.expiresAt ?? null,
      status,
      filled: Decimal.ZERO,
      notional: Decimal.ZERO,
      fees: {},
      fills: [],
      createdAt: event.at,
      updatedAt: event.at,
      submittedAt: adopted ? event.at : null,
      reason: adopted ? 'adopted from the exchange' : null,
      lastError: null,
      adopted,
      needsAttention: false,
      notFoundCount: 0,
      timeline: [{ status, at: event.at, reason: adopted ? 'adopted from the exchange' : null }],
    };
    return { ok: true, order, outcome: 'applied' };
  } catch (error) {
    return creationError(
      event,
      `could not create the order: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
