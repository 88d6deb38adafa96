/**
 * Placing an order: validate (the request, the market's steps and minimums), resolve a quote
 * amount into a quantity at the book's price, ask the risk gate, journal the intent with its new
 * client order id (OrderCreated, audited), journal OrderSubmitted, and only then call the
 * exchange. The answer becomes an event: accepted -> OPEN; a definite rejection -> REJECTED;
 * anything else (timeout, network, 5xx, rate limit, unavailable, auth) -> UNKNOWN, for recovery
 * to resolve by client order id. A placement is never repeated.
 */
import type { AuditActor } from '../../../../shared/domain/audit.js';
import { OrderRequest, type OrderRequestInput, type OrderSide } from '../../../../shared/domain/orders.js';
import { RISK_RULE_NAMES, type RiskRule } from '../../../../shared/domain/risk.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import { Decimal } from '../../../engine/money/decimal.js';
import type { PlaceRequest, PlaceResult } from '../../../engine/orders/execution-port.js';
import type { OrderCreated, OrderEvent } from '../../../engine/orders/order-events.js';
import { type Order, isEngineManaged, quantityFromQuote } from '../../../engine/orders/order-model.js';
import { nativeKind, supportsNativeStops } from './native-stops.js';
import { isTerminal } from '../../../engine/orders/order-state.js';
import type { TriggerCheck } from '../../../engine/orders/triggers.js';
import { describeIssues } from '../../dispatch.js';
import { errorText } from './lookup.js';
import { marketRules, ruleProblem } from './market-rules.js';
import type { RiskIntent, SubAccountLimits } from './risk-gate.js';
import type { VenueSession } from './session.js';

export type SubmitOrigin = {
  actor: AuditActor;
  source: 'user' | 'strategy' | 'advisor';
  /** The venue the order was decided for (trading.status's venue); the order service refuses it elsewhere. */
  venue?: string;
  /** A run's or an arena advisor's own account, read when the order is checked: the risk gate checks it too. */
  subAccount?: () => Promise<SubAccountLimits | null>;
};

const dec = (text: string | undefined) => (text === undefined ? null : Decimal.parse(text));

async function bestPrice(s: VenueSession, symbol: string, side: OrderSide): Promise<Decimal> {
  try {
    const book = await s.feed.book(symbol, 1);
    const top = side === 'buy' ? book.asks[0]?.[0] : book.bids[0]?.[0];
    if (top === undefined) throw new Error(`the ${side === 'buy' ? 'ask' : 'bid'} side of the book is empty`);
    return Decimal.fromNumber(top);
  } catch (error) {
    throw new AppError('unavailable', `no price for ${symbol} on ${s.expectedSource}: ${errorText(error)}; try again`);
  }
}

/** Asks the risk gate; a veto is audited and thrown as an error naming the rule. */
async function askRiskGate(s: VenueSession, intent: RiskIntent, actor: AuditActor): Promise<void> {
  const decision = await s.riskGate()(intent);
  if (decision.approved) return;
  const what = `${intent.side} ${intent.quantity.toString()} ${intent.symbol} ${intent.type}`;
  s.audit.record('risk.veto', actor, `${what} vetoed by ${decision.rule}: ${decision.detail}`, {
    rule: decision.rule,
    detail: decision.detail,
    // At the top level: the log entry carries it, so the Logs tab's Symbol filter finds the veto.
    symbol: intent.symbol,
    intent: { ...intent, quantity: intent.quantity.toString(), notional: intent.notional.toString() },
  });
  // The rule by its name ("Capital per symbol"); the audit entry above keeps its code.
  const rule = Object.hasOwn(RISK_RULE_NAMES, decision.rule)
    ? RISK_RULE_NAMES[decision.rule as RiskRule]
    : decision.rule;
  throw new AppError('conflict', `order refused by the risk rule "${rule}": ${decision.detail}`);
}

function auditSubmitted(s: VenueSession, order: Order, actor: AuditActor, source: string): void {
  const price = order.price ? ` @ ${order.price.toString()}` : '';
  s.audit.record(
    'order.submitted',
    actor,
    `${order.side} ${order.quantity.toString()} ${order.symbol} ${order.type}${price} on ${s.venue}`,
    {
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      type: order.type,
      quantity: order.quantity.toString(),
      price: order.price?.toString() ?? null,
      stopPrice: order.stopPrice?.toString() ?? null,
      venue: s.venue,
      mode: s.mode,
      source,
      parentClientOrderId: order.parentClientOrderId,
    },
  );
}

export async function submitOrder(s: VenueSession, input: OrderRequestInput, origin: SubmitOrigin): Promise<Order> {
  const parsed = OrderRequest.safeParse(input);
  if (!parsed.success) throw new AppError('invalid_input', describeIssues(parsed.error));
  const r = parsed.data;
  if (s.halt.reason) throw new AppError('unavailable', `trading is stopped: ${s.halt.reason}`);
  if (origin.venue !== undefined && origin.venue !== s.venue) {
    throw new AppError('conflict', `order refused: it was decided for ${origin.venue}, not for ${s.venue}`);
  }
  if (s.feed.sourceId() !== s.expectedSource) {
    throw new AppError(
      'conflict',
      `${s.mode} orders on ${s.venue} are priced on ${s.expectedSource}'s market, but market data now comes from ` +
        `${s.feed.sourceId()}: switch the market source back, or choose the trading mode again`,
    );
  }
  const info = (await s.feed.markets()).find((m) => m.symbol === r.symbol);
  if (!info) throw new AppError('invalid_input', `${r.symbol} is not traded on ${s.expectedSource}`);
  const rules = marketRules(info);
  const price = dec(r.price);
  const stopPrice = dec(r.stopPrice);
  const reference = price ?? stopPrice ?? (await bestPrice(s, r.symbol, r.side));
  const quantity =
    r.quantity !== undefined
      ? Decimal.parse(r.quantity)
      : quantityFromQuote(Decimal.parse(r.quoteAmount!), reference, rules.amountStep);
  const problem = ruleProblem(rules, { quantity, price, stopPrice, reference });
  if (problem) throw new AppError('invalid_input', problem);

  const subAccount = (await origin.subAccount?.()) ?? null;
  await askRiskGate(
    s,
    {
      origin: origin.source,
      mode: s.mode,
      venue: s.venue,
      symbol: r.symbol,
      side: r.side,
      type: r.type,
      quantity,
      price,
      stopPrice,
      referencePrice: reference,
      notional: quantity.mul(reference),
      timeInForce: r.timeInForce,
      parentClientOrderId: null,
      ...(subAccount ? { subAccount } : {}),
    },
    origin.actor,
  );

  const at = s.clock.now();
  const defaultExpiry = r.timeInForce === 'GTC' && r.type !== 'market' ? s.defaultExpiryMs : null;
  const expiresIn = r.expiresInMs ?? defaultExpiry;
  const created: OrderCreated = {
    type: 'OrderCreated',
    at,
    clientOrderId: s.newClientOrderId(),
    symbol: r.symbol,
    side: r.side,
    orderType: r.type,
    quantity,
    price,
    stopPrice,
    trailPercent: dec(r.trailPercent),
    timeInForce: r.timeInForce,
    expiresAt: expiresIn ? at + expiresIn : null,
  };
  const audit = (order: Order) => auditSubmitted(s, order, origin.actor, origin.source);
  const native = nativeKind(r.type, price);
  if (native && s.mode === 'LIVE' && s.nativeStops?.() && supportsNativeStops(s.adapter)) {
    // A native protective order: sent now, held by the exchange (native-stops.ts).
    const order = s.ledger.create(created, [], audit);
    s.checkpoint('after-created', order.clientOrderId);
    return sendOrder(s, order.clientOrderId);
  }
  if (isEngineManaged(r.type)) {
    // Armed in the engine: it reaches the exchange only as the order it places when it triggers.
    const armed: OrderEvent[] = [
      { type: 'OrderSubmitted', at },
      { type: 'OrderAccepted', at, exchangeOrderId: null },
    ];
    const order = s.ledger.create(created, armed, audit);
    s.triggers.arm(order);
    s.expiry.arm(order);
    return order;
  }
  const order = s.ledger.create(created, [], audit);
  s.checkpoint('after-created', order.clientOrderId);
  return sendOrder(s, order.clientOrderId);
}

function placeRequest(order: Order): PlaceRequest {
  const native = nativeKind(order.type, order.price);
  return {
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type === 'limit' ? 'limit' : 'market',
    quantity: order.quantity,
    price: order.type === 'limit' ? order.price : null,
    timeInForce: order.timeInForce,
    ...(native && order.stopPrice ? { trigger: { kind: native, price: order.stopPrice } } : {}),
  };
}

function answerEvents(result: PlaceResult, at: number): OrderEvent[] {
  if (result.outcome === 'accepted') return [{ type: 'OrderAccepted', at, exchangeOrderId: result.exchangeOrderId }];
  const { kind, message } = result.failure;
  if (kind === 'rejected') return [{ type: 'OrderRejected', at, reason: message }];
  // Only a definite rejection proves nothing was placed: anything else may have reached the exchange.
  const why = kind === 'unknown' ? message : `${kind.replace('_', ' ')}: ${message}`;
  return [{ type: 'OrderOutcomeUnknown', at, error: `${why}; the order is being looked up by its client order id` }];
}

/** Journals OrderSubmitted, sends the order once, journals the answer. No-op for an order already sent. */
export function sendOrder(s: VenueSession, clientOrderId: string): Promise<Order> {
  return s.serial.run(clientOrderId, async () => {
    const order = s.ledger.get(clientOrderId);
    if (!order) throw new AppError('not_found', `no order with client order id ${clientOrderId}`);
    if (order.status !== 'PENDING_SUBMIT' || order.submittedAt !== null) return order;
    s.ledger.apply(clientOrderId, [{ type: 'OrderSubmitted', at: s.clock.now() }]);
    s.checkpoint('after-submitted', clientOrderId);
    let result: PlaceResult;
    try {
      result = await s.adapter.place(placeRequest(order));
    } catch (error) {
      result = { outcome: 'failed', failure: { kind: 'unknown', message: errorText(error) } };
    }
    s.checkpoint('after-place', clientOrderId);
    const answered = s.ledger.apply(clientOrderId, answerEvents(result, s.clock.now())).order;
    s.checkpoint('after-accepted', clientOrderId);
    if (!isTerminal(answered.status)) s.expiry.arm(answered);
    if (result.outcome === 'failed' && result.failure.kind === 'auth') {
      s.halt.reason = `${s.expectedSource} refused the API key (${result.failure.message}). Check the key in Settings, then choose the trading mode again to resume`;
      s.logger.error('orders', `trading stopped: ${s.halt.reason}`, { symbol: order.symbol });
      throw new AppError(
        'unavailable',
        `trading is stopped: ${s.halt.reason}. Order ${clientOrderId} is being looked up`,
      );
    }
    return answered;
  });
}

/** A stop/target fired: it ends (CANCELLED, "triggered") and its order is created, in one transaction, then sent. */
export async function fireTrigger(s: VenueSession, parent: Order, check: TriggerCheck): Promise<void> {
  const childId = s.newClientOrderId();
  const placed = await s.serial.run(parent.clientOrderId, async () => {
    const current = s.ledger.get(parent.clientOrderId);
    if (!current || isTerminal(current.status)) return false;
    const at = s.clock.now();
    const type = current.price ? 'limit' : 'market';
    const reference = current.price ?? check.observed;
    const intent: RiskIntent = {
      origin: 'trigger',
      mode: s.mode,
      venue: s.venue,
      symbol: current.symbol,
      side: current.side,
      type,
      quantity: current.quantity,
      price: current.price,
      stopPrice: null,
      referencePrice: reference,
      notional: current.quantity.mul(reference),
      timeInForce: 'GTC',
      parentClientOrderId: current.clientOrderId,
    };
    try {
      await askRiskGate(s, intent, 'engine');
    } catch (error) {
      const reason = `triggered (${check.reason}), but not placed: ${errorText(error)}`;
      s.ledger.apply(current.clientOrderId, [{ type: 'OrderCancelled', at, reason }]);
      return false;
    }
    const child: OrderCreated = {
      type: 'OrderCreated',
      at,
      clientOrderId: childId,
      parentClientOrderId: current.clientOrderId,
      symbol: current.symbol,
      side: current.side,
      orderType: type,
      quantity: current.quantity,
      price: current.price,
      timeInForce: 'GTC',
    };
    s.journal.atomically(() => {
      const reason = `triggered: ${check.reason}; placed ${type} order ${childId}`;
      s.ledger.apply(current.clientOrderId, [{ type: 'OrderCancelled', at, reason }]);
      s.ledger.create(child, [], (order) => auditSubmitted(s, order, 'engine', 'trigger'));
    });
    s.expiry.disarm(current.clientOrderId);
    return true;
  });
  if (placed) await sendOrder(s, childId);
}
