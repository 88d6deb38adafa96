/**
 * Native protective orders: where the venue can hold them (LIVE on an exchange whose stop orders
 * the adapter places, Kraken's stop-loss and take-profit through ccxt's stopLossPrice /
 * takeProfitPrice) and the trader chose them (risk settings liveProtection 'native_stops'), a
 * stop loss or take profit without a limit price is sent to the exchange as a native order under
 * its own client order id, instead of being armed in the engine. It then holds while the app is
 * closed, asleep or crashed, and is synced, cancelled and looked up like any exchange order.
 * Trailing stops and stops with a limit price stay in the engine.
 */
import type { OrderType } from '../../../../shared/domain/orders.js';
import type { ExecutionAdapter } from '../../../engine/orders/execution-port.js';
import { type Order, isEngineManaged } from '../../../engine/orders/order-model.js';

export type NativeStopsCapable = ExecutionAdapter & { readonly nativeStops: true };

export function supportsNativeStops(adapter: ExecutionAdapter): adapter is NativeStopsCapable {
  return (adapter as Partial<NativeStopsCapable>).nativeStops === true && adapter.mode === 'LIVE';
}

/** Order types the exchange can hold natively (as stop-market orders). */
export function nativeKind(type: OrderType, price: unknown): 'stop_loss' | 'take_profit' | null {
  if (price !== null && price !== undefined) return null;
  return type === 'stop_loss' || type === 'take_profit' ? type : null;
}

/** An engine-managed type sent to the exchange (it has, or may have, an exchange order). */
export function isNative(order: Order): boolean {
  if (!isEngineManaged(order.type)) return false;
  if (order.exchangeOrderId !== null || order.status === 'UNKNOWN') return true;
  return order.status === 'PENDING_SUBMIT' && order.submittedAt !== null;
}

/** Held by the engine: an engine-managed order that never went to the exchange. */
export function isEngineHeld(order: Order): boolean {
  return isEngineManaged(order.type) && !isNative(order);
}
