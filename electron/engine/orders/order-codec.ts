/**
 * Order events to and from JSON text, for the journal: Decimals travel as decimal strings and
 * come back exact. Decoding validates everything (a journal row is input like any other) and
 * never throws.
 */
import { z } from 'zod';
import { DecimalString, Liquidity, OrderSide, OrderType, TimeInForce } from '../../../shared/domain/orders.js';
import { Decimal } from '../money/decimal.js';
import type { OrderCreationEvent, OrderEvent } from './order-events.js';

const Dec = DecimalString.transform((s) => Decimal.parse(s));
const Time = z.number().int().nonnegative();
const Text = z.string().min(1);
const at = { at: Time };

const FillJson = z.object({
  tradeId: Text,
  clientOrderId: Text,
  exchangeOrderId: z.string().nullable(),
  symbol: Text,
  side: OrderSide,
  price: Dec,
  quantity: Dec,
  fee: Dec,
  feeCurrency: Text,
  liquidity: Liquidity.nullable(),
  time: Time,
});

const terms = {
  ...at,
  clientOrderId: Text,
  symbol: Text,
  side: OrderSide,
  quantity: Dec,
  price: Dec.nullable().optional(),
  timeInForce: TimeInForce,
  expiresAt: Time.nullable().optional(),
};

const CreationJson = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('OrderCreated'),
    ...terms,
    orderType: OrderType,
    parentClientOrderId: z.string().nullable().optional(),
    stopPrice: Dec.nullable().optional(),
    trailPercent: Dec.nullable().optional(),
  }),
  z.object({
    type: z.literal('OrderAdopted'),
    ...terms,
    orderType: z.enum(['market', 'limit']),
    exchangeOrderId: Text,
  }),
]);

const reason = z.string().nullable().optional();
const EventJson = z.discriminatedUnion('type', [
  z.object({ type: z.literal('OrderSubmitted'), ...at }),
  z.object({ type: z.literal('OrderAccepted'), ...at, exchangeOrderId: z.string().nullable() }),
  z.object({ type: z.literal('OrderRejected'), ...at, reason: z.string() }),
  z.object({ type: z.literal('OrderPartiallyFilled'), ...at, fill: FillJson }),
  z.object({ type: z.literal('OrderFilled'), ...at, fill: FillJson }),
  z.object({ type: z.literal('OrderCancelRequested'), ...at, reason }),
  z.object({ type: z.literal('OrderCancelled'), ...at, reason }),
  z.object({ type: z.literal('OrderCancelRejected'), ...at, reason: z.string() }),
  z.object({ type: z.literal('OrderExpired'), ...at, reason }),
  z.object({ type: z.literal('OrderOutcomeUnknown'), ...at, error: z.string() }),
  z.object({ type: z.literal('OrderNotFound'), ...at }),
  z.object({ type: z.literal('OrderAttentionRequired'), ...at, reason: z.string() }),
  z.object({ type: z.literal('OrderAttentionCleared'), ...at }),
]);

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** JSON text of an event (Decimals as strings, via Decimal.toJSON). */
export function encodeOrderEvent(event: OrderEvent | OrderCreationEvent): string {
  return JSON.stringify(event);
}

function decode<T>(schema: z.ZodType<T>, text: string, what: string): DecodeResult<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: `${what}: not JSON` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const first = parsed.error.issues[0];
  return { ok: false, error: `${what}: ${first?.path.join('.') ?? ''} ${first?.message ?? 'invalid'}`.trim() };
}

export function decodeOrderEvent(text: string): DecodeResult<OrderEvent> {
  return decode<OrderEvent>(EventJson, text, 'order event');
}

export function decodeOrderCreation(text: string): DecodeResult<OrderCreationEvent> {
  return decode<OrderCreationEvent>(CreationJson, text, 'order creation event');
}
