/**
 * Every thing that can happen to an order, as a named event. The order's state is a fold of its
 * events (replayOrder), so the journal can store events and rebuild orders after a restart.
 * `at` is UTC milliseconds, from the injected Clock or the exchange's report.
 */
import type { Liquidity, OrderSide, OrderType, TimeInForce } from '../../../shared/domain/orders.js';
import type { Decimal } from '../money/decimal.js';

/** One execution: de-duplicated by `tradeId` (the exchange's trade id). */
export type Fill = Readonly<{
  tradeId: string;
  clientOrderId: string;
  exchangeOrderId: string | null;
  symbol: string;
  side: OrderSide;
  price: Decimal;
  quantity: Decimal;
  /** A negative fee is a rebate. */
  fee: Decimal;
  feeCurrency: string;
  liquidity: Liquidity | null;
  time: number;
}>;

/** The intent, written to the journal before any network call. Starts the order in PENDING_SUBMIT. */
export type OrderCreated = Readonly<{
  type: 'OrderCreated';
  at: number;
  clientOrderId: string;
  parentClientOrderId?: string | null;
  symbol: string;
  side: OrderSide;
  orderType: OrderType;
  quantity: Decimal;
  price?: Decimal | null;
  stopPrice?: Decimal | null;
  trailPercent?: Decimal | null;
  timeInForce: TimeInForce;
  expiresAt?: number | null;
}>;

/** An order found on the exchange that this app has no record of. Starts the order in OPEN (fills follow as events). */
export type OrderAdopted = Readonly<{
  type: 'OrderAdopted';
  at: number;
  clientOrderId: string;
  exchangeOrderId: string;
  symbol: string;
  side: OrderSide;
  orderType: 'market' | 'limit';
  quantity: Decimal;
  price?: Decimal | null;
  timeInForce: TimeInForce;
  expiresAt?: number | null;
}>;

export type OrderCreationEvent = OrderCreated | OrderAdopted;

/** Recorded just before the network call: an order is submitted at most once (the guard against sending twice). */
export type OrderSubmitted = Readonly<{ type: 'OrderSubmitted'; at: number }>;
/** The exchange has the order. `exchangeOrderId` may be null only for engine-managed types (armed in the engine). */
export type OrderAccepted = Readonly<{ type: 'OrderAccepted'; at: number; exchangeOrderId: string | null }>;
export type OrderRejected = Readonly<{ type: 'OrderRejected'; at: number; reason: string }>;
/** A fill that leaves some quantity open. */
export type OrderPartiallyFilled = Readonly<{ type: 'OrderPartiallyFilled'; at: number; fill: Fill }>;
/** A fill that completes the order (filled == quantity afterwards); use `fillEventFor` to pick the right one. */
export type OrderFilled = Readonly<{ type: 'OrderFilled'; at: number; fill: Fill }>;
export type OrderCancelRequested = Readonly<{ type: 'OrderCancelRequested'; at: number; reason?: string | null }>;
export type OrderCancelled = Readonly<{ type: 'OrderCancelled'; at: number; reason?: string | null }>;
export type OrderCancelRejected = Readonly<{ type: 'OrderCancelRejected'; at: number; reason: string }>;
export type OrderExpired = Readonly<{ type: 'OrderExpired'; at: number; reason?: string | null }>;
/** A request's answer was lost (timeout, 5xx, an answer without an order id): ask the exchange by client id. */
export type OrderOutcomeUnknown = Readonly<{ type: 'OrderOutcomeUnknown'; at: number; error: string }>;
/** A lookup by client id found nothing (only while UNKNOWN). Repeated answers raise needsAttention. */
export type OrderNotFound = Readonly<{ type: 'OrderNotFound'; at: number }>;
/** Flags the order for a human (e.g. the portfolio refused its fill). Not a transition: allowed in every status. */
export type OrderAttentionRequired = Readonly<{ type: 'OrderAttentionRequired'; at: number; reason: string }>;
export type OrderAttentionCleared = Readonly<{ type: 'OrderAttentionCleared'; at: number }>;

export type OrderFillEvent = OrderPartiallyFilled | OrderFilled;

export type OrderEvent =
  | OrderSubmitted
  | OrderAccepted
  | OrderRejected
  | OrderPartiallyFilled
  | OrderFilled
  | OrderCancelRequested
  | OrderCancelled
  | OrderCancelRejected
  | OrderExpired
  | OrderOutcomeUnknown
  | OrderNotFound
  | OrderAttentionRequired
  | OrderAttentionCleared;

export type OrderEventType = OrderEvent['type'];
