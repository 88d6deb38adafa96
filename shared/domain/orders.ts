import { z } from 'zod';
import { MarketSymbol } from './market.js';

/**
 * Order, fill, position, balance and portfolio types that cross the contract. Every money field
 * (price, quantity, fee, P&L, balance) travels as a decimal STRING ("60000.1", "-0.00000001"),
 * never as a float: the engine keeps these exact (electron/engine/money/decimal.ts) and the UI
 * shows them as text. Times are UTC milliseconds.
 */

/** A decimal number as text: optional "-", digits, optional "." and digits. No exponent, no spaces. */
export const DecimalString = z
  .string()
  .max(80, 'a decimal number has at most 80 characters')
  .regex(/^-?\d+(\.\d+)?$/, 'a decimal number as text, e.g. "0.01" or "60000.5" (no exponent, no spaces)');
export type DecimalString = z.infer<typeof DecimalString>;

const isZeroText = (s: string) => !/[1-9]/.test(s);

export const NonNegativeDecimalString = DecimalString.refine((s) => !s.startsWith('-') || isZeroText(s), {
  message: 'this amount cannot be negative',
});
export const PositiveDecimalString = DecimalString.refine((s) => !s.startsWith('-') && !isZeroText(s), {
  message: 'this amount must be above zero',
});

const Time = z.number().int().nonnegative();
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z0-9]{2,12}$/, 'a currency is 2 to 12 capital letters or digits, e.g. "USD"');

export const ORDER_SIDES = ['buy', 'sell'] as const;
export const OrderSide = z.enum(ORDER_SIDES);
export type OrderSide = z.infer<typeof OrderSide>;

/** market and limit go to the exchange; stop_loss, take_profit and trailing_stop are held and triggered by the engine. */
export const ORDER_TYPES = ['market', 'limit', 'stop_loss', 'take_profit', 'trailing_stop'] as const;
export const OrderType = z.enum(ORDER_TYPES);
export type OrderType = z.infer<typeof OrderType>;
export const ENGINE_MANAGED_ORDER_TYPES: readonly OrderType[] = ['stop_loss', 'take_profit', 'trailing_stop'];

/** GTC: good till cancelled (or till expiresAt); IOC: immediate or cancel; FOK: fill or kill. */
export const TIME_IN_FORCE = ['GTC', 'IOC', 'FOK'] as const;
export const TimeInForce = z.enum(TIME_IN_FORCE);
export type TimeInForce = z.infer<typeof TimeInForce>;

/** The nine order states. UNKNOWN: sent, but the outcome is not known yet (ask the exchange by client id). */
export const ORDER_STATUSES = [
  'PENDING_SUBMIT',
  'OPEN',
  'PARTIALLY_FILLED',
  'FILLED',
  'PENDING_CANCEL',
  'CANCELLED',
  'REJECTED',
  'EXPIRED',
  'UNKNOWN',
] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const TERMINAL_ORDER_STATUSES: readonly OrderStatus[] = ['FILLED', 'CANCELLED', 'REJECTED', 'EXPIRED'];

export const Liquidity = z.enum(['maker', 'taker']);
export type Liquidity = z.infer<typeof Liquidity>;

/** A client order id: a UUID (36 characters with hyphens), which Kraken accepts as cl_ord_id. */
const CLIENT_ORDER_ID_RULE = 'a client order id is a lower-case UUID, e.g. "0f8fad5b-d9cb-469f-a165-70867728950e"';
export const ClientOrderId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, CLIENT_ORDER_ID_RULE)
  .max(36, CLIENT_ORDER_ID_RULE);

/** What a user (or a strategy) asks for. Parsed at the contract boundary. */
export const OrderRequest = z
  .object({
    symbol: MarketSymbol,
    side: OrderSide,
    type: OrderType,
    /** Amount of the base currency. Give this or quoteAmount, not both. */
    quantity: PositiveDecimalString.optional(),
    /** Amount of the quote currency to spend or receive; the engine converts it with the price and the amount step. */
    quoteAmount: PositiveDecimalString.optional(),
    /** Limit price: required for limit orders; optional for stop_loss/take_profit (then they trigger a limit order). */
    price: PositiveDecimalString.optional(),
    /** Trigger price of a stop_loss or take_profit. */
    stopPrice: PositiveDecimalString.optional(),
    /** Distance of a trailing stop from the best price since it was placed, in percent (0 < p < 100). */
    trailPercent: PositiveDecimalString.optional(),
    timeInForce: TimeInForce.default('GTC'),
    /** Cancel the order this long after it is placed (GTC orders only). */
    expiresInMs: z.number().int('the expiry is a whole number of milliseconds').positive().optional(),
    /**
     * The venue the order was decided for, as trading.status names it ('simulator', 'paper:kraken',
     * 'kraken'): the order service refuses it if another venue is active by the time it arrives.
     */
    venue: z
      .string()
      .regex(/^[a-z0-9:_-]{1,60}$/, 'a venue as trading.status names it, e.g. "simulator" or "paper:kraken"')
      .optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if ((r.quantity === undefined) === (r.quoteAmount === undefined)) {
      issue('quantity', 'give exactly one of quantity (in the base currency) or quoteAmount (in the quote currency)');
    }
    if (r.type === 'limit' && r.price === undefined) issue('price', 'a limit order needs a price');
    if (r.type === 'market' && r.price !== undefined) {
      issue('price', 'a market order takes no price: use a limit order to set one');
    }
    const needsStop = r.type === 'stop_loss' || r.type === 'take_profit';
    if (needsStop && r.stopPrice === undefined) issue('stopPrice', `a ${r.type} order needs a stopPrice (its trigger)`);
    if (!needsStop && r.stopPrice !== undefined) issue('stopPrice', `a ${r.type} order takes no stopPrice`);
    if (r.type === 'trailing_stop') {
      if (r.trailPercent === undefined) issue('trailPercent', 'a trailing_stop order needs a trailPercent');
      else if (Number(r.trailPercent) >= 100) issue('trailPercent', 'trailPercent must be below 100');
      if (r.price !== undefined) issue('price', 'a trailing_stop order takes no price');
    } else if (r.trailPercent !== undefined) {
      issue('trailPercent', 'only a trailing_stop order takes a trailPercent');
    }
    if (r.expiresInMs !== undefined && r.timeInForce !== 'GTC') {
      issue('expiresInMs', `an ${r.timeInForce} order ends at once; an expiry needs timeInForce GTC`);
    }
  });
export type OrderRequest = z.infer<typeof OrderRequest>;
export type OrderRequestInput = z.input<typeof OrderRequest>;

export const OrderTimelineEntry = z.object({
  status: OrderStatus,
  at: Time,
  reason: z.string().nullable(),
});
export type OrderTimelineEntry = z.infer<typeof OrderTimelineEntry>;

export const FeeView = z.object({ currency: CurrencyCode, amount: DecimalString });
export type FeeView = z.infer<typeof FeeView>;

export const OrderView = z.object({
  clientOrderId: z.string(),
  exchangeOrderId: z.string().nullable(),
  /** The engine-managed order (stop loss, take profit, trailing stop) that placed this one, if any. */
  parentClientOrderId: z.string().nullable(),
  symbol: z.string(),
  side: OrderSide,
  type: OrderType,
  quantity: DecimalString,
  price: DecimalString.nullable(),
  stopPrice: DecimalString.nullable(),
  trailPercent: DecimalString.nullable(),
  timeInForce: TimeInForce,
  expiresAt: Time.nullable(),
  status: OrderStatus,
  filled: DecimalString,
  remaining: DecimalString,
  averageFillPrice: DecimalString.nullable(),
  /** Fees paid, one entry per currency, sorted by currency. */
  fees: z.array(FeeView),
  createdAt: Time,
  updatedAt: Time,
  /** When the order was handed to the exchange (null: not yet sent). */
  submittedAt: Time.nullable(),
  /** Why the order is in its state (reject or cancel reason), if known. */
  reason: z.string().nullable(),
  lastError: z.string().nullable(),
  /** adopted: found on the exchange, not placed by this app; needsAttention: a human should look. */
  flags: z.object({ adopted: z.boolean(), needsAttention: z.boolean() }),
  timeline: z.array(OrderTimelineEntry),
});
export type OrderView = z.infer<typeof OrderView>;

export const FillView = z.object({
  tradeId: z.string(),
  clientOrderId: z.string(),
  exchangeOrderId: z.string().nullable(),
  symbol: z.string(),
  side: OrderSide,
  price: DecimalString,
  quantity: DecimalString,
  fee: DecimalString,
  feeCurrency: CurrencyCode,
  liquidity: Liquidity.nullable(),
  time: Time,
});
export type FillView = z.infer<typeof FillView>;

export const PositionView = z.object({
  symbol: z.string(),
  quantity: DecimalString,
  /** Average entry price, fees excluded ("0" when flat). */
  averageEntry: DecimalString,
  /** Realized P&L in the quote currency, before fees. Net P&L = realizedPnl + unrealizedPnl - fees. */
  realizedPnl: DecimalString,
  /** quantity x (markPrice - averageEntry); "0" without a mark price. */
  unrealizedPnl: DecimalString,
  /** Fees paid on this symbol, in the quote currency. */
  fees: DecimalString,
  markPrice: DecimalString.nullable(),
});
export type PositionView = z.infer<typeof PositionView>;

export const BalanceView = z.object({
  currency: CurrencyCode,
  total: DecimalString,
  /** total - locked */
  available: DecimalString,
  /** Reserved by open orders. */
  locked: DecimalString,
});
export type BalanceView = z.infer<typeof BalanceView>;

export const PortfolioView = z.object({
  quoteCurrency: CurrencyCode,
  balances: z.array(BalanceView),
  positions: z.array(PositionView),
  /** Quote balance + sum of position quantity x mark price, in quoteCurrency. */
  equity: DecimalString,
  /** Symbols left out of equity: no mark price, or quoted in another currency. */
  unpricedSymbols: z.array(z.string()),
});
export type PortfolioView = z.infer<typeof PortfolioView>;
