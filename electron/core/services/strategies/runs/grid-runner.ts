/**
 * One running grid strategy (the engine's grid, electron/engine/grid, live). At every candle close
 * of its symbol and timeframe:
 * 1. While its stop sell is working, nothing else is decided.
 * 2. The stop: the grid reports a stop price instead of placing an order (its limit sells hold
 *    the inventory, so a resting stop could not sell it). At the close, if the close is at or
 *    below the stop, every working grid order is cancelled and the inventory is sold at market;
 *    the fill drops the grid (applyGridFill, kind 'stop') and it recentres at a later close.
 *    Unlike the backtest, which stops inside the candle, the live grid stops at the close.
 * 3. Else gridDecide (the backtest's decision function) with the reading at that close, the
 *    portfolio's equity and the saved state. Its cancellations go first, against the state
 *    before the decision, so a fill that beat a cancel belongs to the grid; if any were
 *    cancelled the (pure) decision is taken again on the state they left. Then its limit orders
 *    are placed through the order service (the risk gate asks each: a veto is a VETO event and
 *    the level is asked again at the next close).
 * The state is saved after every change (runner_state), so a restart resumes the grid: resync()
 * reads back orders that ended meanwhile, frees placements that never reached the order service,
 * and cancels open run orders the saved grid does not know. Pause: no decisions, orders stay
 * working and their fills still reach the grid. Stop: the open grid orders are cancelled; the
 * inventory stays with the user. Steps run one at a time; closes that arrive while one is
 * decided collapse into the newest.
 */
import { GridStrategy } from '../../../../../shared/domain/strategy.js';
import type { Candle } from '../../../../../shared/domain/market.js';
import { approveAll } from '../../../../engine/backtest/types.js';
import { gridDecide, gridStopPrice, type GridContext } from '../../../../engine/grid/index.js';
import { Decimal } from '../../../../engine/money/decimal.js';
import { gridReadingAt } from './grid-reading.js';
import {
  applyOutcome,
  cancelGridOrders,
  onGridOrderUpdate,
  placeGridOrder,
  saveGrid,
  sellInventory,
  type GridRun,
} from './grid-orders.js';
import { gridOrderIds, initialGridRunState, orderEnded, readGridRunState } from './grid-run-state.js';
import { errorText, type RunContext } from './run-context.js';
import { runSteps } from './run-steps.js';
import type { Runner } from './runner.js';

const STATUS_TEXT = {
  'warming-up': 'warming up: not enough history for ATR and the EMAs yet',
  active: 'active: buys are placed at free levels below the price',
  'trend-blocked': 'trend filter: the fast EMA is below the slow one; no new buys, working buys withdrawn',
  paused: 'ATR circuit breaker: ATR jumped; no new buys until it settles',
} as const;

export function createGridRunner(ctx: RunContext): Runner {
  const strategy = GridStrategy.parse(ctx.row.definition);
  let unreadable: string | null = null;
  const run: GridRun = { ctx, strategy, s: initialGridRunState() };
  try {
    run.s = readGridRunState(ctx.row.runnerState);
  } catch (error) {
    unreadable = errorText(error);
  }
  ctx.persisted = () => run.s;
  let lastStatus: string | null = null;

  const market = async () => (await ctx.ports.market.markets()).find((m) => m.symbol === ctx.row.symbol);
  const openIds = () => ctx.ports.repo.openOrders(ctx.row.id).map((o) => o.clientOrderId);

  async function decide(candle: Candle, closeAt: number): Promise<void> {
    const evaluated = () => {
      ctx.row.lastEvaluatedAt = closeAt;
      ctx.save();
    };
    if (ctx.ports.repo.openOrders(ctx.row.id).some((o) => o.role === 'stop_loss')) return evaluated();
    const info = await market();
    const stop = gridStopPrice(run.s.grid, strategy);
    if (stop !== null && candle.close <= stop) {
      ctx.event(
        'SIGNAL',
        `the close ${candle.close} is at or below the grid's stop ${Decimal.fromNumber(stop).toFixed(2)}: selling the inventory`,
      );
      await cancelGridOrders(run, openIds(), 'the grid stop was reached');
      await sellInventory(run, info, 'grid stop');
      return evaluated();
    }
    const reading = await gridReadingAt(ctx, strategy, candle, run.s.closes);
    const portfolio = await ctx.ports.orders.portfolio();
    const context: GridContext = {
      strategy,
      symbol: ctx.row.symbol,
      equity: Number(portfolio.equity),
      gate: approveAll, // the order service asks the risk gate for every order
      idPrefix: `${ctx.row.id}:pending-`,
    };
    let decision = gridDecide(run.s.grid, reading, context);
    if (decision.cancel.length > 0) {
      await cancelGridOrders(run, decision.cancel, `the grid withdrew it (${decision.status})`);
      // An order whose cancel has not ended yet is forgotten by the grid, as the decision did.
      let grid = run.s.grid;
      for (const id of decision.cancel) grid = orderEnded(grid, id, Decimal.ZERO);
      decision = gridDecide(grid, reading, context);
    }
    run.s = { ...run.s, closes: run.s.closes + 1 };
    ctx.row.lastEvaluatedAt = closeAt;
    saveGrid(run, decision.state);
    if (decision.status !== lastStatus) {
      lastStatus = decision.status;
      ctx.event('SIGNAL', `grid ${STATUS_TEXT[decision.status]}`);
    }
    for (const order of decision.place) await placeGridOrder(run, order, info);
  }

  /** After a restart: orders that ended while the app was closed, lost placements, unknown orders. */
  async function resync(): Promise<void> {
    const { repo, orders } = ctx.ports;
    if (unreadable !== null) {
      ctx.event(
        'ERROR',
        `the saved grid state is unreadable (${unreadable}): its orders are cancelled and the grid starts afresh`,
      );
      unreadable = null;
      await cancelGridOrders(run, openIds(), 'the saved grid state is unreadable');
      saveGrid(run, run.s.grid);
      return;
    }
    for (const id of openIds()) await onGridOrderUpdate(run, orders.get(id).order);
    for (const id of gridOrderIds(run.s.grid)) {
      const row = repo.order(id);
      if (row === null) saveGrid(run, orderEnded(run.s.grid, id, Decimal.ZERO));
      else if (row.done) await applyOutcome(run, row.role, orders.get(id).order);
    }
    const known = new Set(gridOrderIds(run.s.grid));
    const strays = repo.openOrders(ctx.row.id).filter((o) => o.role !== 'stop_loss' && !known.has(o.clientOrderId));
    await cancelGridOrders(
      run,
      strays.map((o) => o.clientOrderId),
      'the saved grid does not know it',
    );
  }

  const { serial, onClosed, idle } = runSteps(ctx, decide);
  return {
    ctx,
    onClosed,
    onOrderUpdate(view) {
      void serial(() => onGridOrderUpdate(run, view));
    },
    // The grid places its missing sells and buys at the next close.
    reprotect() {},
    resync() {
      void serial(resync);
    },
    cancelOpenOrders: (reason) => serial(() => cancelGridOrders(run, openIds(), reason)),
    idle,
  };
}
