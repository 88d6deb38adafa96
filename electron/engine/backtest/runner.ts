import { TIMEFRAME_MS } from '../../../shared/domain/market.js';
import { BacktestSettings, type Strategy } from '../../../shared/domain/strategy.js';
import type { OhlcvColumns } from '../strategy/columns.js';
import {
  compileStrategy,
  evaluateSignals,
  type Signals,
  type StrategyIssue,
  type StrategyProgram,
} from '../strategy/program.js';
import { createTradeReturns, entryFraction, type TradeReturns } from '../strategy/sizing.js';
import { validateColumns } from './candles.js';
import { NO_EXIT, protectiveExit, STOP_AT_OPEN, STOP_HIT, TARGET_AT_OPEN } from './exits.js';
import { gradeBacktest } from './grade.js';
import { askGate, makeIntent } from './intents.js';
import { ExactLedger, FloatLedger, type Ledger } from './ledger.js';
import { computeMetrics } from './metrics.js';
import {
  approveAll,
  type BacktestResult,
  type BacktestTrade,
  type BacktestVeto,
  type ExitReason,
  type OrderGate,
} from './types.js';

export type BacktestOptions = {
  /** A strategy (checked and compiled here) or a program compiled before. */
  strategy: Strategy | StrategyProgram;
  /** Candles of the strategy's timeframe, oldest first (see candles.ts to convert or resample). */
  candles: OhlcvColumns;
  /** Default: the strategy's first symbol. */
  symbol?: string;
  settings?: Partial<BacktestSettings>;
  /** The risk gate, asked for every entry and signal exit. Default: approve all. */
  gate?: OrderGate;
  /** 'exact' (default): Decimal accounting per fill; 'float': doubles (see ledger.ts). */
  accounting?: 'exact' | 'float';
  /** Signals computed before for exactly these candles (skips the evaluation). */
  signals?: Signals;
  /**
   * Where the equity curve is written (its first `candles.length` values; every one is written):
   * a sweep reuses one buffer for its sets instead of allocating a curve per set. The result's
   * `equity` is then a view of it, valid until the buffer is used again.
   */
  equityBuffer?: Float64Array;
  /** The caller validated exactly these columns (validateColumns) and keeps them unchanged: a sweep, once per window. */
  validated?: boolean;
};

export class StrategyCompileError extends Error {
  override readonly name = 'StrategyCompileError';
  constructor(readonly issues: StrategyIssue[]) {
    super(
      `the strategy has ${issues.length} problem(s): ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
}

/**
 * Runs one strategy over one symbol's candles. The semantics, candle i being the current one:
 * 1. a signal exit decided at the previous close fills at this open x (1 - slippage);
 * 2. an entry decided at the previous close fills at this open x (1 + slippage); its notional was
 *    fixed at the decision (sizing x equity, reduced if cash cannot pay notional plus fee);
 * 3. an open position (also one entered at this open) is checked against this candle's high and
 *    low: stop = entry fill x (1 - SL) (raised by the trailing stop), target = entry fill x (1 + TP),
 *    rules in exits.ts; a stop that the trail has raised exits as TRAIL;
 * 4. equity is marked at the close; the trailing stop is raised from the highest high since entry,
 *    effective from the next candle;
 * 5. decisions at the close (none at the last candle): in a position, an exit signal means exit
 *    (even if entry conditions hold too); flat, an entry signal means entry unless a position was
 *    closed during this candle. Each intent goes to the gate; a veto is recorded with its rule.
 * A position still open after the last candle is sold at the last close (END).
 */
export function runBacktest(options: BacktestOptions): BacktestResult {
  const program = compiled(options.strategy);
  const strategy = program.strategy;
  const settings = BacktestSettings.parse(options.settings ?? {});
  const candles = options.candles;
  if (!options.validated) validateColumns(candles);
  const n = candles.length;
  if (n === 0) throw new RangeError('there are no candles to backtest');
  const signals = options.signals ?? evaluateSignals(program, candles);
  if (signals.length !== n) throw new RangeError(`signals are for ${signals.length} candles, not ${n}`);
  const symbol = options.symbol ?? strategy.symbols[0]!;
  const gate = options.gate ?? approveAll;
  const candleMs = TIMEFRAME_MS[strategy.timeframe];
  const accounting = options.accounting ?? 'exact';
  const ledgerConfig = {
    ...settings,
    stopLossPercent: strategy.stopLossPercent,
    takeProfitPercent: strategy.takeProfitPercent,
    trailingStopPercent: strategy.trailingStopPercent ?? null,
  };
  const ledger: Ledger = accounting === 'exact' ? new ExactLedger(ledgerConfig) : new FloatLedger(ledgerConfig);
  const history = createTradeReturns(strategy);
  const trailing = strategy.trailingStopPercent !== undefined;

  const { time, open, high, low, close } = candles;
  const { entry: entrySignal, exit: exitSignal, atrPercent } = signals;
  const buffer = options.equityBuffer;
  const equity = buffer && buffer.length >= n ? buffer.subarray(0, n) : new Float64Array(n);
  const trades: BacktestTrade[] = [];
  const vetoes: BacktestVeto[] = [];
  // Module bindings read once: the loop below touches only locals and typed arrays.
  const check = protectiveExit;
  const noExit = NO_EXIT;
  const stopAtOpen = STOP_AT_OPEN;
  const targetAtOpen = TARGET_AT_OPEN;
  const stopHitCode = STOP_HIT;
  const position: OpenPosition = { index: -1, time: 0, price: 0, quantity: 0, fee: 0 };
  const context: RunContext = { ledger, trades, history, time, candleMs, position };

  let inPosition = false;
  let pendingEntry = false;
  let pendingExit = false;
  let pendingFraction = 0;
  let highest = 0;
  // Float views of the ledger, refreshed after each fill (and trail raise).
  let cash = ledger.cash;
  let quantity = 0;
  let stop = Number.NaN;
  let target = Number.NaN;

  for (let i = 0; i < n; i++) {
    let closedThisCandle = false;
    if (pendingExit) {
      pendingExit = false;
      recordExit(context, i, open[i]!, 'SIGNAL', true);
      inPosition = false;
      closedThisCandle = true;
      cash = ledger.cash;
      quantity = 0;
    }
    if (pendingEntry) {
      pendingEntry = false;
      const fill = ledger.enter(open[i]!, pendingFraction);
      if (fill) {
        inPosition = true;
        position.index = i;
        position.time = time[i]!;
        position.price = fill.price;
        position.quantity = fill.quantity;
        position.fee = fill.fee;
        highest = 0; // the entry candle's own high counts: it is raised after this close
        stop = ledger.stop;
        target = ledger.target;
        cash = ledger.cash;
        quantity = ledger.quantity;
      }
    }
    if (inPosition) {
      const hit = check(stop, target, open[i]!, high[i]!, low[i]!);
      if (hit !== noExit) {
        const stopHit = hit === stopAtOpen || hit === stopHitCode;
        const atOpen = hit === stopAtOpen || hit === targetAtOpen;
        const reason: ExitReason = stopHit ? (ledger.trailed ? 'TRAIL' : 'STOP') : 'TARGET';
        recordExit(context, i, atOpen ? open[i]! : stopHit ? 'stop' : 'target', reason, false);
        inPosition = false;
        closedThisCandle = true;
        cash = ledger.cash;
        quantity = 0;
      } else if (trailing && high[i]! > highest) {
        highest = high[i]!;
        ledger.raiseTrail(highest);
        stop = ledger.stop;
      }
    }
    const marked = cash + quantity * close[i]!;
    equity[i] = marked;
    if (i === n - 1) break;

    if (inPosition) {
      if (exitSignal[i] === 1) {
        const intent = makeIntent('exit', symbol, strategy, time[i]! + candleMs, i, close[i]!, quantity, marked, 0);
        pendingExit = askGate(gate, intent, vetoes);
      }
    } else if (!closedThisCandle && entrySignal[i] === 1) {
      const sizing = entryFraction(strategy, atrPercent ? atrPercent[i]! : Number.NaN, history);
      const t = time[i]! + candleMs;
      if (sizing.fraction > 0) {
        const price = close[i]!;
        const intent = makeIntent(
          'entry',
          symbol,
          strategy,
          t,
          i,
          price,
          (sizing.fraction * marked) / price,
          marked,
          sizing.fraction,
        );
        pendingFraction = sizing.fraction;
        pendingEntry = askGate(gate, intent, vetoes);
      } else if ('rule' in sizing) {
        vetoes.push({ time: t, index: i, kind: 'entry', side: 'buy', rule: sizing.rule, detail: sizing.detail });
      }
    }
  }
  if (inPosition) {
    recordExit(context, n - 1, close[n - 1]!, 'END', false);
    equity[n - 1] = ledger.cash;
  }

  const exact = ledger.exactTotals();
  const start = time[0]!;
  const end = time[n - 1]! + candleMs;
  const metrics = computeMetrics({
    equity,
    time,
    candleMs,
    initialCapital: settings.initialCapital,
    finalEquity: ledger.cash,
    feesPaid: ledger.feesPaid,
    trades,
    buyAndHold: { firstOpen: open[0]!, lastClose: close[n - 1]! },
  });
  return {
    strategyName: strategy.name,
    symbol,
    timeframe: strategy.timeframe,
    settings,
    accounting,
    candles: n,
    firstReady: signals.firstReady,
    start,
    end,
    trades,
    vetoes,
    equity,
    metrics,
    grade: gradeBacktest(metrics),
    exact,
  };
}

function compiled(strategy: Strategy | StrategyProgram): StrategyProgram {
  if ('entry' in strategy && 'series' in strategy) return strategy;
  const result = compileStrategy(strategy);
  if (!result.ok) throw new StrategyCompileError(result.issues);
  return result.program;
}

type OpenPosition = { index: number; time: number; price: number; quantity: number; fee: number };
type RunContext = {
  ledger: Ledger;
  trades: BacktestTrade[];
  history: TradeReturns | null;
  time: Float64Array;
  candleMs: number;
  position: OpenPosition;
};

function recordExit(
  c: RunContext,
  i: number,
  at: 'stop' | 'target' | number,
  reason: ExitReason,
  atOpen: boolean,
): void {
  const fill = c.ledger.exit(at);
  const p = c.position;
  c.trades.push({
    entryIndex: p.index,
    exitIndex: i,
    entryTime: p.time,
    exitTime: reason === 'END' ? c.time[i]! + c.candleMs : c.time[i]!,
    entryPrice: p.price,
    exitPrice: fill.price,
    quantity: p.quantity,
    entryFee: p.fee,
    exitFee: fill.fee,
    pnl: fill.pnl,
    pnlPercent: fill.pnlPercent,
    reason,
    candlesHeld: i - p.index + (atOpen ? 0 : 1),
    pnlExact: fill.pnlExact,
    feesExact: fill.feesExact,
  });
  c.history?.push(fill.pnlPercent / 100);
}
