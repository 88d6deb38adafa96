/**
 * The one execution port. The simulator, paper trading and live ccxt adapters implement it; the
 * order manager sees nothing else. Every answer says what is KNOWN: when a request's outcome is
 * not known (timeout, dropped connection, 5xx, an answer without an order id) the adapter says
 * 'unknown' and never retries a placement itself: recovery asks the exchange by client order id.
 */
import type { BalanceView, OrderSide, OrderType } from '../../../shared/domain/orders.js';
import type { Decimal } from '../money/decimal.js';
import type { Fill } from './order-events.js';

/** What the adapter needs to place an order: the journaled intent, with our client order id. */
export type PlaceRequest = Readonly<{
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  /** Only exchange types reach an adapter; stops and targets are managed by the engine. */
  type: Extract<OrderType, 'market' | 'limit'>;
  quantity: Decimal;
  price: Decimal | null;
  timeInForce: 'GTC' | 'IOC' | 'FOK';
  /**
   * A native protective order (only to adapters with nativeStops, see orders/native-stops.ts): the
   * exchange holds it and sends `type` (market) when its price reaches `price`.
   */
  trigger?: Readonly<{ kind: 'stop_loss' | 'take_profit'; price: Decimal }>;
}>;

/** Why a request failed, in the terms the order manager acts on (mapped from ccxt's error classes). */
export type FailureKind =
  /** Definitely refused (InsufficientFunds, InvalidOrder, BadSymbol...): nothing was placed. */
  | 'rejected'
  /** AuthenticationError, PermissionDenied: stop trading and tell the user. */
  | 'auth'
  /** RateLimitExceeded, DDoSProtection: back off. */
  | 'rate_limited'
  /** ExchangeNotAvailable, OnMaintenance: pause. */
  | 'unavailable'
  /** RequestTimeout, NetworkError, 5xx, invalid answer: the outcome is unknown. */
  | 'unknown';

export type Failure = Readonly<{ kind: FailureKind; message: string; retryAfterMs?: number }>;

export type PlaceResult =
  | Readonly<{ outcome: 'accepted'; exchangeOrderId: string; at: number }>
  | Readonly<{ outcome: 'failed'; failure: Failure }>;

export type CancelResult =
  | Readonly<{ outcome: 'cancelled'; at: number }>
  /** The exchange does not have it open (already filled, cancelled, or never placed): look it up. */
  | Readonly<{ outcome: 'not_open'; message: string }>
  | Readonly<{ outcome: 'failed'; failure: Failure }>;

export type ExchangeOrderStatus = 'open' | 'closed' | 'canceled' | 'expired' | 'rejected';

/** An order as the exchange reports it. */
export type ExchangeOrder = Readonly<{
  exchangeOrderId: string;
  /** Our id when the exchange knows it (Kraken's cl_ord_id); null for orders placed elsewhere. */
  clientOrderId: string | null;
  symbol: string;
  side: OrderSide;
  type: 'market' | 'limit';
  status: ExchangeOrderStatus;
  quantity: Decimal;
  filled: Decimal;
  price: Decimal | null;
  averagePrice: Decimal | null;
  timestamp: number;
}>;

/** The answer to "do you have this client order id?": found, proven absent, or not known now. */
export type Lookup =
  | Readonly<{ found: true; order: ExchangeOrder; fills: readonly Fill[] }>
  | Readonly<{ found: false }>
  | Readonly<{ found: 'unknown'; failure: Failure }>;

/** Which order to look up: ours by client order id, with the exchange's id once known. */
export type LookupKey = Readonly<{ clientOrderId: string; symbol: string; exchangeOrderId: string | null }>;

/** Pushed by adapters that learn of executions asynchronously (the simulator's book, a WebSocket). */
export type ExecutionReport =
  | Readonly<{ type: 'fill'; fill: Fill }>
  | Readonly<{ type: 'cancelled'; clientOrderId: string; at: number; reason: string | null }>
  | Readonly<{ type: 'expired'; clientOrderId: string; at: number }>;

export type ExecutionAdapter = {
  /** 'simulator', 'paper:<exchange>' or the ccxt exchange id for live trading. */
  readonly id: string;
  readonly mode: 'SIMULATOR' | 'PAPER' | 'LIVE';
  place(request: PlaceRequest): Promise<PlaceResult>;
  /** `urgent`: the kill switch's cancels, ahead of every other request of the key. */
  cancel(
    clientOrderId: string,
    symbol: string,
    exchangeOrderId: string | null,
    options?: { urgent?: boolean },
  ): Promise<CancelResult>;
  /**
   * Find an order (open or closed) with its fills: by the exchange's order id when it is known
   * (adopted orders carry no client order id the exchange knows), else by our client order id.
   */
  lookup(clientOrderId: string, symbol: string, exchangeOrderId?: string | null): Promise<Lookup>;
  /** Many lookups at once, in bulk where the exchange allows (live sync and reconciliation); by client order id. */
  lookupMany?(orders: readonly LookupKey[]): Promise<ReadonlyMap<string, Lookup>>;
  /** Orders open on the exchange (for reconciliation and adoption). */
  openOrders(): Promise<readonly ExchangeOrder[] | Failure>;
  /** Our trades since a time (UTC ms), for reconciliation. */
  trades(since: number): Promise<readonly Fill[] | Failure>;
  balances(): Promise<readonly BalanceView[] | Failure>;
  /** Executions learned asynchronously; returns an unsubscribe function. */
  onReport(listener: (report: ExecutionReport) => void): () => void;
  close(): Promise<void>;
};
