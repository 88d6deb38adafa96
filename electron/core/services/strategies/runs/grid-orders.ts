/**
 * A grid run's orders: placing the grid's limit orders (and the market sell of its stop) through
 * the order service, cancelling them, and feeding their outcomes into the grid state. A grid
 * order reaches the grid once it has ended: FILLED is a whole fill (applyGridFill); a buy that
 * ended partly filled is applied as a smaller whole fill; anything else frees the level (a buy)
 * or the lot's sell (placed again at the next close). Partial fills of a working order wait.
 * The grid state is saved after every change, with the run's position set to the grid's inventory.
 */
import type { MarketInfo } from '../../../../../shared/domain/market.js';
import type { OrderRequestInput, OrderView } from '../../../../../shared/domain/orders.js';
import { TERMINAL_ORDER_STATUSES } from '../../../../../shared/domain/orders.js';
import type { GridStrategy } from '../../../../../shared/domain/strategy.js';
import type { BacktestTrade } from '../../../../engine/backtest/types.js';
import { applyGridFill, inventory, type GridOrder, type GridState } from '../../../../engine/grid/index.js';
import { Decimal } from '../../../../engine/money/decimal.js';
import type { RunOrderRole } from '../../../../persistence/repositories/strategy-run-repo.js';
import { gridRole, orderEnded, quoteFee, renameOrder, type GridRunState } from './grid-run-state.js';
import { errorText, type RunContext } from './run-context.js';
import { submitRunOrder } from './run-orders.js';

/** One grid run: its context, its strategy and its state (what ctx.save() persists). */
export type GridRun = { ctx: RunContext; strategy: GridStrategy; s: GridRunState };

/** Replaces the grid state and saves the run (position = the grid's inventory). */
export function saveGrid(run: GridRun, grid: GridState): void {
  run.s = { ...run.s, grid };
  run.ctx.row.positionQuantity = inventory(grid).toString();
  run.ctx.save();
}

/** Submits one grid order (submitRunOrder): its events say why, and the limit price. */
const submit = (run: GridRun, role: RunOrderRole, request: OrderRequestInput, why: string) =>
  submitRunOrder(run.ctx, role, request, why, (view) => (view.price ? ` @ ${view.price}` : ''));

/**
 * Places one order the grid decided (its id is a placeholder until the order service names it):
 * the price on the market's price step (a buy rounded down, a sell up), the quantity on its amount
 * step. Refused, the level is asked again at the next close.
 */
export async function placeGridOrder(run: GridRun, order: GridOrder, info: MarketInfo | undefined): Promise<void> {
  const priceStep = Decimal.fromNumber(info?.priceStep ?? 0.01);
  const price = Decimal.fromNumber(order.price).roundToStep(priceStep, order.side === 'buy' ? 'down' : 'up');
  const quantity = Decimal.parse(order.quantity).roundToStep(Decimal.fromNumber(info?.amountStep ?? 1e-8), 'down');
  const why = `grid ${order.side} at level ${order.level}`;
  const view =
    price.isPositive() && quantity.isPositive()
      ? await submit(
          run,
          order.side === 'buy' ? 'entry' : 'exit',
          {
            symbol: run.ctx.row.symbol,
            side: order.side,
            type: 'limit',
            price: price.toString(),
            quantity: quantity.toString(),
          },
          why,
        )
      : null;
  if (view === null) {
    saveGrid(run, orderEnded(run.s.grid, order.id, Decimal.ZERO));
    return;
  }
  saveGrid(run, renameOrder(run.s.grid, order.id, view.clientOrderId, view.quantity));
  // Updates that arrived before the order was recorded are read back from the journal.
  await onGridOrderUpdate(run, run.ctx.ports.orders.get(view.clientOrderId).order);
}

/** Sells the grid's inventory at market (the stop was reached); the fill drops the grid. */
export async function sellInventory(run: GridRun, info: MarketInfo | undefined, why: string): Promise<void> {
  const held = inventory(run.s.grid).roundToStep(Decimal.fromNumber(info?.amountStep ?? 1e-8), 'down');
  if (!held.isPositive()) return;
  const request = { symbol: run.ctx.row.symbol, side: 'sell', type: 'market', quantity: held.toString() } as const;
  const view = await submit(run, 'stop_loss', request, why);
  run.ctx.save();
  if (view) await onGridOrderUpdate(run, run.ctx.ports.orders.get(view.clientOrderId).order);
}

/** Records an update of one of the run's orders; once it has ended, the grid learns its outcome. */
export async function onGridOrderUpdate(run: GridRun, view: OrderView): Promise<void> {
  const { repo, now } = run.ctx.ports;
  const order = repo.order(view.clientOrderId);
  if (!order || order.runId !== run.ctx.row.id || order.done) return;
  const filled = Decimal.parse(view.filled);
  const done = TERMINAL_ORDER_STATUSES.includes(view.status);
  repo.updateOrder(
    order.clientOrderId,
    filled.toString(),
    order.firstFillAt ?? (filled.isPositive() ? now() : null),
    done,
  );
  if (done) await applyOutcome(run, order.role, view);
}

/** What an ended order does to the grid (also used after a restart for orders that ended meanwhile). */
export async function applyOutcome(run: GridRun, role: RunOrderRole, view: OrderView): Promise<void> {
  const { ctx } = run;
  const id = view.clientOrderId;
  const filled = Decimal.parse(view.filled);
  const price = Decimal.parse(view.averageFillPrice ?? '0');
  const fill = {
    price: price.toString(),
    quantity: filled.toString(),
    fee: quoteFee(view.symbol, view.fees, price).toString(),
    index: run.s.closes,
    time: ctx.ports.marketNow(),
  };
  if (role === 'stop_loss') {
    if (!filled.isPositive()) {
      ctx.event('ERROR', `the stop sell ended ${view.status} without a fill (${view.reason ?? 'no reason given'})`, id);
      ctx.save();
      return;
    }
    const result = applyGridFill(run.s.grid, { kind: 'stop', ...fill });
    ctx.event('ORDER', `the stop sold ${fill.quantity} @ ${fill.price}; the grid recentres at a later close`, id);
    logTrades(run, result.trades);
    saveGrid(run, result.state);
    await cancelGridOrders(run, result.cancel, 'the stop closed the grid');
    return;
  }
  const at = gridRole(run.s.grid, id);
  if (at === null) {
    if (filled.isPositive()) {
      ctx.event(
        'ORDER',
        `${view.side} ${view.filled} filled after the grid withdrew it: it stays in your portfolio`,
        id,
      );
      ctx.save();
    }
    return;
  }
  if (at.side === 'buy' && filled.isPositive()) {
    const partly = view.status === 'FILLED' ? '' : ` (ended ${view.status} part-filled)`;
    saveGrid(run, applyGridFill(run.s.grid, { kind: 'buy', orderId: id, ...fill }).state);
    ctx.event('ORDER', `grid buy at level ${at.level} filled ${fill.quantity} @ ${fill.price}${partly}`, id);
  } else if (at.side === 'sell' && view.status === 'FILLED') {
    const result = applyGridFill(run.s.grid, { kind: 'sell', orderId: id, ...fill });
    saveGrid(run, result.state);
    logTrades(run, result.trades);
  } else {
    const part = filled.isPositive() ? `, ${view.filled} filled` : '';
    saveGrid(run, orderEnded(run.s.grid, id, filled));
    ctx.event('ORDER', `grid ${at.side} at level ${at.level} ended ${view.status}${part}`, id);
  }
}

function logTrades(run: GridRun, trades: BacktestTrade[]): void {
  for (const t of trades) {
    const pnl = Decimal.parse(t.pnlExact ?? String(t.pnl)).toFixed(2);
    run.ctx.event(
      'ORDER',
      `grid round trip (${t.reason}): ${t.quantity} bought @ ${t.entryPrice}, sold @ ${t.exitPrice}, P&L ${pnl} (${t.pnlPercent.toFixed(2)} %)`,
    );
  }
}

/** Cancels these orders of the run and applies what they ended as (a fill that beat the cancel counts). */
export async function cancelGridOrders(run: GridRun, ids: readonly string[], reason: string): Promise<void> {
  const { ctx } = run;
  for (const id of ids) {
    const own = ctx.ports.repo.order(id);
    if (!own || own.runId !== ctx.row.id || own.done) continue;
    let view: OrderView;
    try {
      view = await ctx.ports.orders.cancel(id, 'engine', `strategy run: ${reason}`);
    } catch (error) {
      try {
        view = ctx.ports.orders.get(id).order;
      } catch {
        ctx.event('ERROR', `could not cancel ${own.role} ${id}: ${errorText(error)}`, id);
        continue;
      }
    }
    await onGridOrderUpdate(run, view);
  }
}
