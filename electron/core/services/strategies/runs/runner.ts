/**
 * One running signal strategy. At every candle close of its symbol and timeframe it evaluates the
 * strategy exactly as the backtest does (evaluateSignals over a history window that covers the
 * warm-up, read at the closed candle) and decides as the backtest does at a close (README
 * "Backtest semantics", step 5): holding, an exit signal sells the held quantity at market; flat,
 * an entry signal buys at market, sized by entryFraction (positionSizePercent of equity, or the
 * strategy's volatility / Kelly sizing), unless a position was closed during this candle. Orders
 * go through the order service, so the risk gate, the journal and the audit apply. Decisions and
 * order updates run one at a time; closes that arrive while one is decided collapse into the
 * newest (a late decision on an old candle would trade on stale prices).
 */
import type { Candle } from '../../../../../shared/domain/market.js';
import type { OrderView } from '../../../../../shared/domain/orders.js';
import type { Strategy } from '../../../../../shared/domain/strategy.js';
import { Decimal } from '../../../../engine/money/decimal.js';
import {
  compileStrategy,
  evaluateSignals,
  signalAt,
  type StrategyProgram,
} from '../../../../engine/strategy/program.js';
import { TradeReturns, entryFraction } from '../../../../engine/strategy/sizing.js';
import { cancelRunOrders, onRunOrderUpdate, placeRunOrder, protect } from './run-orders.js';
import { closedWindow } from './history-window.js';
import type { RunContext } from './run-context.js';
import { runSteps } from './run-steps.js';

/** History fetched for an evaluation: at least this many candles, and 3 x the warm-up. */
const MIN_HISTORY = 300;
const MAX_HISTORY = 5000;

export type Runner = {
  readonly ctx: RunContext;
  /** A candle of the run's series closed. */
  onClosed(candle: Candle): void;
  onOrderUpdate(view: OrderView): void;
  /** Places missing protective exits (after a restart or a kill switch that cancelled them). */
  reprotect(): void;
  /** Reads the run's open orders back from the journal (after a restart). */
  resync(): void;
  cancelOpenOrders(reason: string): Promise<void>;
  /** Resolves when everything queued so far is done. */
  idle(): Promise<void>;
};

export function createRunner(ctx: RunContext): Runner {
  const compiled = compileStrategy(ctx.row.definition as Strategy);
  if (!compiled.ok) throw new Error(`the run's strategy does not compile: ${compiled.issues[0]?.message ?? ''}`);
  const program = compiled.program;

  async function decide(candle: Candle, closeAt: number): Promise<void> {
    const signal = await evaluate(program, ctx, candle);
    ctx.row.lastEvaluatedAt = closeAt;
    ctx.save();
    if (signal === null) return;
    const position = Decimal.parse(ctx.row.positionQuantity);
    const open = ctx.ports.repo.openOrders(ctx.row.id);
    if (position.isPositive()) {
      if (!signal.exit || open.some((o) => o.role === 'exit' || o.role === 'entry')) return;
      ctx.event('SIGNAL', `exit signal at the close of ${new Date(closeAt).toISOString()}`);
      await cancelRunOrders(ctx, 'exit signal', (o) => o.side === 'sell');
      const left = Decimal.parse(ctx.row.positionQuantity);
      if (!left.isPositive()) return; // a protective exit filled meanwhile
      await placeRunOrder(
        ctx,
        'exit',
        { symbol: ctx.row.symbol, side: 'sell', type: 'market', quantity: left.toString() },
        'exit signal',
      );
      return;
    }
    if (!signal.entry || open.length > 0) return;
    const exitedAt = ctx.state.lastExitAt;
    // Closed during this candle, [open, close) as the backtest counts it: an exit that filled at the
    // instant this candle opened (decided at the previous close) is this candle's.
    if (exitedAt !== null && exitedAt >= candle.time && exitedAt < closeAt) return;
    ctx.event('SIGNAL', `entry signal at the close of ${new Date(closeAt).toISOString()}`);
    await enter(ctx, signal.atrPercent);
  }

  const { serial, onClosed, idle } = runSteps(ctx, decide);
  return {
    ctx,
    onClosed,
    onOrderUpdate(view) {
      void serial(() => onRunOrderUpdate(ctx, view));
    },
    reprotect() {
      void serial(() => protect(ctx));
    },
    resync() {
      void serial(async () => {
        for (const o of ctx.ports.repo.openOrders(ctx.row.id)) {
          await onRunOrderUpdate(ctx, ctx.ports.orders.get(o.clientOrderId).order);
        }
      });
    },
    cancelOpenOrders: (reason) => serial(() => cancelRunOrders(ctx, reason)),
    idle,
  };
}

/** The signal at the closed candle, over a window of history that covers the warm-up. */
async function evaluate(
  program: StrategyProgram,
  ctx: RunContext,
  candle: Candle,
): Promise<{ entry: boolean; exit: boolean; atrPercent: number } | null> {
  const count = Math.min(MAX_HISTORY, Math.max(MIN_HISTORY, program.warmupCandles * 3));
  const columns = await closedWindow(ctx, candle, count);
  const signals = evaluateSignals(program, columns);
  const at = signalAt(signals);
  if (!at.ready) {
    ctx.event(
      'SIGNAL',
      `not enough history yet (${columns.length} candles; the strategy reads ${program.warmupCandles})`,
    );
    return null;
  }
  return { entry: at.entry, exit: at.exit, atrPercent: signals.atrPercent?.[signals.length - 1] ?? Number.NaN };
}

/** An entry: sized like the backtest (a fraction of equity, at most the available quote balance). */
async function enter(ctx: RunContext, atrPercent: number): Promise<void> {
  const strategy = ctx.row.definition as Strategy;
  let history: TradeReturns | null = null;
  if (strategy.sizing?.method === 'kelly') {
    history = new TradeReturns(strategy.sizing.lookbackTrades);
    for (const r of ctx.state.tradeReturns) history.push(r);
  }
  const sizing = entryFraction(strategy, atrPercent, history);
  if (sizing.fraction === 0) {
    ctx.row.vetoes++;
    ctx.event('VETO', 'rule' in sizing ? `entry skipped by ${sizing.rule}: ${sizing.detail}` : 'entry sized to zero');
    ctx.save();
    return;
  }
  const portfolio = await ctx.ports.orders.portfolio();
  const cash = portfolio.balances.find((b) => b.currency === portfolio.quoteCurrency);
  // A run with its own capital sizes from its sub-account, within what the account has.
  const own = (await ctx.ports.account?.()) ?? null;
  const accountCash = Decimal.parse(cash?.available ?? '0');
  const available = own ? Decimal.min(own.cash, accountCash) : accountCash;
  const equity = own ? own.equity : Decimal.parse(portfolio.equity);
  // A little of the cash stays for the fee, as the backtest reduces the notional to pay it.
  const byEquity = equity.mul(Decimal.fromNumber(sizing.fraction));
  const notional = Decimal.min(byEquity, available.mul(Decimal.fromNumber(0.99))).round(2, 'down');
  if (!notional.isPositive()) {
    ctx.row.vetoes++;
    ctx.event('VETO', `entry skipped: no ${portfolio.quoteCurrency} available to buy with`);
    ctx.save();
    return;
  }
  await placeRunOrder(
    ctx,
    'entry',
    { symbol: ctx.row.symbol, side: 'buy', type: 'market', quoteAmount: notional.toString() },
    `entry signal, ${(sizing.fraction * 100).toFixed(2)} % of equity`,
  );
}
