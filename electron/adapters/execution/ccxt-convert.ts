import type { Balances, Exchange, Order, Trade } from 'ccxt';
import { BalanceView, CurrencyCode } from '../../../shared/domain/orders.js';
import { Decimal } from '../../engine/money/decimal.js';
import type { ExchangeOrder, ExchangeOrderStatus, PlaceRequest } from '../../engine/orders/execution-port.js';
import type { Fill } from '../../engine/orders/order-events.js';

/**
 * Between our exact Decimals and ccxt: amounts and prices go out through the market's precision
 * (amountToPrecision / priceToPrecision) and are refused, not silently changed, when they do not
 * fit it; ccxt's numbers come back through their shortest string form (0.1 stays exactly 0.1).
 */

/** A ccxt number (or numeric string) as a Decimal; null when absent or not finite. */
export function toDecimal(value: unknown): Decimal | null {
  if (typeof value === 'number') return Number.isFinite(value) ? Decimal.fromNumber(value) : null;
  if (typeof value === 'string') return Decimal.tryParse(value);
  return null;
}

export type CcxtOrderArgs = {
  symbol: string;
  type: 'market' | 'limit';
  side: 'buy' | 'sell';
  amount: number;
  price: number | undefined;
  params: Record<string, unknown>;
};

/** `value` through one of ccxt's precision functions, as a number that means exactly `value`; or why not. */
function fit(value: Decimal, format: (text: string) => string, what: string, symbol: string, id: string) {
  let text: string;
  try {
    text = format(value.toString());
  } catch (error) {
    return `${what} ${value.toString()} does not fit ${id}'s precision for ${symbol}: ${(error as Error).message}`;
  }
  const number = Number(text);
  const back = toDecimal(number);
  if (back === null || !back.eq(value) || !Decimal.parse(text).eq(value))
    return `${what} ${value.toString()} is not a multiple of ${id}'s ${what} step for ${symbol} (nearest: ${text}); round it first.`;
  return number;
}

/** The createOrder arguments for a request, or the reason the exchange would not take it as it is. */
export function toCcxtOrder(ex: Exchange, request: PlaceRequest): CcxtOrderArgs | string {
  const { symbol } = request;
  const market = ex.markets?.[symbol];
  if (!market) return `${ex.id} does not list ${symbol}: check the symbol (BASE/QUOTE, e.g. BTC/USD).`;
  if (!request.quantity.isPositive()) return `the quantity must be above 0, not ${request.quantity.toString()}`;
  const amount = fit(request.quantity, (t) => ex.amountToPrecision(symbol, t) ?? '', 'amount', symbol, ex.id);
  if (typeof amount === 'string') return amount;
  let price: number | undefined;
  if (request.type === 'limit') {
    if (!request.price?.isPositive()) return 'a limit order needs a price above 0';
    const fitted = fit(request.price, (t) => ex.priceToPrecision(symbol, t) ?? '', 'price', symbol, ex.id);
    if (typeof fitted === 'string') return fitted;
    price = fitted;
  }
  const params: Record<string, unknown> = { clientOrderId: request.clientOrderId, maxRetriesOnFailure: 0 };
  if (request.timeInForce !== 'GTC') {
    const supported = (ex.features?.spot as { createOrder?: { timeInForce?: Record<string, unknown> } } | undefined)
      ?.createOrder?.timeInForce;
    if (supported && supported[request.timeInForce] !== true)
      return `${ex.id} does not take ${request.timeInForce} orders; use GTC or IOC.`;
    params.timeInForce = request.timeInForce;
  }
  return { symbol, type: request.type, side: request.side, amount, price, params };
}

const STATUSES: Record<string, ExchangeOrderStatus> = {
  open: 'open',
  pending: 'open',
  closed: 'closed',
  canceled: 'canceled',
  cancelled: 'canceled',
  expired: 'expired',
  rejected: 'rejected',
};

/** Our client id as the exchange reports it (Kraken: cl_ord_id; never its numeric userref). */
export function clientIdOf(order: Order, exchangeId: string): string | null {
  if (exchangeId === 'kraken') {
    const id: unknown = (order.info as Record<string, unknown> | undefined)?.cl_ord_id;
    return typeof id === 'string' && id !== '' ? id : null;
  }
  return order.clientOrderId ?? null;
}

/** An order as the port describes it, or what is missing from ccxt's answer. */
export function toExchangeOrder(order: Order, exchangeId: string): ExchangeOrder | string {
  const status = STATUSES[order.status ?? ''];
  const quantity = toDecimal(order.amount);
  const type = order.type === 'market' || order.type === 'limit' ? order.type : null;
  const side = order.side === 'buy' || order.side === 'sell' ? order.side : null;
  if (!order.id || !order.symbol || !status || !quantity || !type || !side || order.timestamp === undefined)
    return `${exchangeId} described order ${order.id ?? '(no id)'} incompletely (status ${String(order.status)}, type ${String(order.type)})`;
  const average = toDecimal(order.average);
  return {
    exchangeOrderId: order.id,
    clientOrderId: clientIdOf(order, exchangeId),
    symbol: order.symbol,
    side,
    type,
    status,
    quantity,
    filled: toDecimal(order.filled) ?? Decimal.ZERO,
    price: type === 'limit' ? toDecimal(order.price) : null,
    averagePrice: average && average.isPositive() ? average : null,
    timestamp: order.timestamp,
  };
}

/** A fill from one of our trades, or what is missing from ccxt's answer. */
export function toFill(trade: Trade, clientOrderId: string, ex: Pick<Exchange, 'id' | 'markets'>): Fill | string {
  const price = toDecimal(trade.price);
  const quantity = toDecimal(trade.amount);
  const side = trade.side === 'buy' || trade.side === 'sell' ? trade.side : null;
  if (!trade.id || !trade.symbol || !price || !quantity || !side || trade.timestamp === undefined)
    return `${ex.id} described trade ${trade.id ?? '(no id)'} incompletely`;
  const quote = ex.markets?.[trade.symbol]?.quote ?? '';
  const liquidity = trade.takerOrMaker === 'maker' || trade.takerOrMaker === 'taker' ? trade.takerOrMaker : null;
  return {
    tradeId: trade.id,
    clientOrderId,
    exchangeOrderId: trade.order ?? null,
    symbol: trade.symbol,
    side,
    price,
    quantity,
    fee: toDecimal(trade.fee?.cost) ?? Decimal.ZERO,
    feeCurrency: trade.fee?.currency ?? quote,
    liquidity,
    time: trade.timestamp,
  };
}

/** Balances per currency (total, available, locked), skipping codes that are not plain currencies. */
export function toBalances(balances: Balances): BalanceView[] {
  const out: BalanceView[] = [];
  for (const [code, entry] of Object.entries(balances)) {
    if (!CurrencyCode.safeParse(code).success || typeof entry !== 'object' || entry === null) continue;
    const total = toDecimal((entry as { total?: unknown }).total);
    if (!total) continue;
    const locked = toDecimal((entry as { used?: unknown }).used) ?? Decimal.ZERO;
    const free = toDecimal((entry as { free?: unknown }).free) ?? total.sub(locked);
    const view = { currency: code, total: total.toString(), available: free.toString(), locked: locked.toString() };
    if (BalanceView.safeParse(view).success) out.push(view);
  }
  return out.sort((a, b) => a.currency.localeCompare(b.currency));
}
