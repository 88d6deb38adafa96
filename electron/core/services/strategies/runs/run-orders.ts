/**
 * A run's orders: submitting one (submitRunOrder, also for the grid's orders in grid-orders.ts),
 * and for a signal run what follows: every update of an order it placed (or of the order a
 * triggered stop placed) moves the run's position by the newly filled quantity. When the entry
 * has filled, the protective exits are placed as engine-managed orders, the way the backtest
 * applies them (README "Backtest semantics", step 3): a stop_loss at entry x (1 - SL), a
 * take_profit at entry x (1 + TP) and, if the strategy has one, a trailing_stop of
 * trailingStopPercent; the order manager triggers them on the live price. When a sell brings the
 * position to zero, the rest are cancelled and the trade's return is kept for Kelly sizing.
 */
import type { OrderRequestInput, OrderView } from '../../../../../shared/domain/orders.js';
import { TERMINAL_ORDER_STATUSES } from '../../../../../shared/domain/orders.js';
import type { Strategy } from '../../../../../shared/domain/strategy.js';
import { AppError } from '../../../../../shared/ipc/envelope.js';
import { Decimal } from '../../../../engine/money/decimal.js';
import type { RunOrderRole } from '../../../../persistence/repositories/strategy-run-repo.js';
import { EMPTY_RUNNER_STATE, errorText, type RunContext } from './run-context.js';

const STRATEGY_ORIGIN = { actor: 'engine', source: 'strategy' } as const;
const PROTECTIVE: readonly RunOrderRole[] = ['stop_loss', 'take_profit', 'trailing_stop'];

/**
 * Submits an order for the run and records it (the run's order, ordersPlaced, an ORDER event
 * "`what`: side quantity symbol type`detail`"); an AppError (the risk gate's veto, a halt, a
 * market rule) is a VETO event and counted, anything else an ERROR. Answers the order, or null.
 * The row is not saved: the caller saves it with what the order changed.
 */
export async function submitRunOrder(
  ctx: RunContext,
  role: RunOrderRole,
  request: OrderRequestInput,
  what: string,
  detail: (view: OrderView) => string,
): Promise<OrderView | null> {
  let view: OrderView;
  try {
    const origin = {
      ...STRATEGY_ORIGIN,
      ...(ctx.venue === null ? {} : { venue: ctx.venue }),
      // A run with its own capital: the risk rules apply to its sub-account as well.
      subAccount: async () => {
        const own = (await ctx.ports.account?.()) ?? null;
        if (!own) return null;
        const held = own.quantity.isZero()
          ? {}
          : { [ctx.row.symbol]: { quantity: own.quantity, markPrice: own.price } };
        return { name: `${ctx.row.strategyName}'s own account`, equity: own.equity, positions: held };
      },
    };
    view = await ctx.ports.orders.submit(request, origin);
  } catch (error) {
    const text = errorText(error);
    if (error instanceof AppError) {
      ctx.row.vetoes++;
      ctx.event('VETO', `${what} refused: ${text}`);
    } else {
      ctx.row.lastError = text;
      ctx.event('ERROR', `${what} could not be placed: ${text}`);
    }
    return null;
  }
  ctx.ports.repo.addOrder({
    clientOrderId: view.clientOrderId,
    runId: ctx.row.id,
    role,
    side: view.side,
    placedAt: ctx.ports.now(),
  });
  ctx.row.ordersPlaced++;
  ctx.event(
    'ORDER',
    `${what}: ${view.side} ${view.quantity} ${view.symbol} ${view.type}${detail(view)}`,
    view.clientOrderId,
  );
  return view;
}

/** Places an order of a signal run (submitRunOrder) and applies what it did so far. Answers the order, or null. */
export async function placeRunOrder(
  ctx: RunContext,
  role: RunOrderRole,
  request: OrderRequestInput,
  why: string,
): Promise<OrderView | null> {
  const view = await submitRunOrder(ctx, role, request, role, () => ` (${why})`);
  ctx.save();
  // Updates that arrived before the order was recorded are read back from the journal.
  if (view) await onRunOrderUpdate(ctx, ctx.ports.orders.get(view.clientOrderId).order);
  return view;
}

/** Applies an order update to the run, if the order is the run's (or was placed by one of its stops). */
export async function onRunOrderUpdate(ctx: RunContext, view: OrderView): Promise<void> {
  const { repo } = ctx.ports;
  let order = repo.order(view.clientOrderId);
  if (!order && view.parentClientOrderId !== null) {
    const parent = repo.order(view.parentClientOrderId);
    if (!parent || parent.runId !== ctx.row.id) return;
    repo.addOrder({
      clientOrderId: view.clientOrderId,
      runId: ctx.row.id,
      role: parent.role,
      side: view.side,
      placedAt: ctx.ports.now(),
    });
    ctx.event('ORDER', `${parent.role} triggered: ${view.side} ${view.quantity} ${view.type}`, view.clientOrderId);
    order = repo.order(view.clientOrderId);
  }
  if (!order || order.runId !== ctx.row.id || order.done) return;
  const filled = Decimal.parse(view.filled);
  const delta = filled.sub(Decimal.parse(order.filled));
  const done = TERMINAL_ORDER_STATUSES.includes(view.status);
  const firstFillAt = order.firstFillAt ?? (filled.isPositive() ? ctx.ports.now() : null);
  repo.updateOrder(order.clientOrderId, filled.toString(), firstFillAt, done);
  if (delta.isPositive()) {
    const price = Decimal.parse(view.averageFillPrice ?? '0');
    const position = Decimal.parse(ctx.row.positionQuantity);
    if (view.side === 'buy') {
      ctx.row.positionQuantity = position.add(delta).toString();
      ctx.state.entryCost = Decimal.parse(ctx.state.entryCost).add(delta.mul(price)).toString();
      ctx.state.entryPrice = view.averageFillPrice;
    } else {
      const left = position.sub(delta);
      ctx.row.positionQuantity = (left.isNegative() ? Decimal.ZERO : left).toString();
      ctx.state.exitValue = Decimal.parse(ctx.state.exitValue).add(delta.mul(price)).toString();
    }
    ctx.save();
  }
  if (view.side === 'sell' && delta.isPositive() && Decimal.parse(ctx.row.positionQuantity).isZero()) {
    await closeTrade(ctx, order.role);
  } else if (order.role === 'entry' && done) {
    if (filled.isPositive()) await protect(ctx);
    else ctx.event('ORDER', `entry ended ${view.status} without a fill: ${view.reason ?? ''}`, view.clientOrderId);
  }
}

/** The position is flat again: the trade's return is kept, the remaining exits cancelled. */
async function closeTrade(ctx: RunContext, role: RunOrderRole): Promise<void> {
  const cost = Decimal.parse(ctx.state.entryCost);
  const value = Decimal.parse(ctx.state.exitValue);
  const ret = cost.isPositive() ? value.sub(cost).toNumber() / cost.toNumber() : 0;
  ctx.state = {
    ...EMPTY_RUNNER_STATE,
    tradeReturns: [...ctx.state.tradeReturns, ret].slice(-1000),
    lastExitAt: ctx.ports.marketNow(),
  };
  ctx.event('ORDER', `position closed by ${role}: return ${(ret * 100).toFixed(2)} %`);
  ctx.save();
  await cancelRunOrders(ctx, 'the position is closed', (o) => o.side === 'sell');
}

/** Cancels the run's open orders that match (default: all); failures are ERROR events. */
export async function cancelRunOrders(
  ctx: RunContext,
  reason: string,
  which: (o: { role: RunOrderRole; side: 'buy' | 'sell' }) => boolean = () => true,
): Promise<void> {
  for (const o of ctx.ports.repo.openOrders(ctx.row.id).filter(which)) {
    try {
      const view = await ctx.ports.orders.cancel(o.clientOrderId, 'engine', `strategy run: ${reason}`);
      await onRunOrderUpdate(ctx, view);
    } catch (error) {
      ctx.event('ERROR', `could not cancel ${o.role} ${o.clientOrderId}: ${errorText(error)}`, o.clientOrderId);
    }
  }
}

/** Places the protective exits for the held position unless they are already working. */
export async function protect(ctx: RunContext): Promise<void> {
  const strategy = ctx.row.definition as Strategy;
  const quantity = Decimal.parse(ctx.row.positionQuantity);
  if (!quantity.isPositive() || ctx.state.entryPrice === null) return;
  const working = new Set(ctx.ports.repo.openOrders(ctx.row.id).map((o) => o.role));
  const info = (await ctx.ports.market.markets()).find((m) => m.symbol === ctx.row.symbol);
  const step = Decimal.fromNumber(info?.priceStep ?? 0.01);
  const entry = Decimal.parse(ctx.state.entryPrice);
  const level = (percent: number, rounding: 'down' | 'up') =>
    entry
      .mul(Decimal.fromNumber(1 + percent / 100))
      .roundToStep(step, rounding)
      .toString();
  const qty = quantity.toString();
  const wanted: [RunOrderRole, OrderRequestInput][] = [
    [
      'stop_loss',
      {
        symbol: ctx.row.symbol,
        side: 'sell',
        type: 'stop_loss',
        quantity: qty,
        stopPrice: level(-strategy.stopLossPercent, 'down'),
      },
    ],
    [
      'take_profit',
      {
        symbol: ctx.row.symbol,
        side: 'sell',
        type: 'take_profit',
        quantity: qty,
        stopPrice: level(strategy.takeProfitPercent, 'up'),
      },
    ],
  ];
  if (strategy.trailingStopPercent !== undefined) {
    const trail = String(strategy.trailingStopPercent);
    wanted.push([
      'trailing_stop',
      { symbol: ctx.row.symbol, side: 'sell', type: 'trailing_stop', quantity: qty, trailPercent: trail },
    ]);
  }
  for (const [role, request] of wanted) {
    if (working.has(role) || !PROTECTIVE.includes(role)) continue;
    await placeRunOrder(ctx, role, request, `protects the entry at ${entry.toString()}`);
  }
}
