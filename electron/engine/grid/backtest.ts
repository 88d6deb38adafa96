/**
 * The grid backtest: the grid rule (decide.ts) over historical candles with the simulated
 * exchange (fills.ts), in the result shape of every other backtest. Candle i: the orders working
 * since close i - 1 fill against candle i (fills.ts), equity is marked at the close (cash plus
 * inventory at the close), then gridDecide runs at that close (none at the last candle). A paper
 * or live runner makes the same gridDecide / applyGridFill calls with live candles and fills.
 * Inventory still held after the last candle is sold at the last close x (1 - slippage): END trades.
 * Accounting is exact (Decimal cash, fills and P&L).
 */
import { BacktestSettings, type GridStrategy } from '../../../shared/domain/strategy.js';
import { Decimal } from '../money/decimal.js';
import { validateColumns } from '../backtest/candles.js';
import { gradeBacktest } from '../backtest/grade.js';
import { computeMetrics } from '../backtest/metrics.js';
import {
  approveAll,
  type BacktestResult,
  type BacktestTrade,
  type BacktestVeto,
  type OrderGate,
} from '../backtest/types.js';
import type { OhlcvColumns } from '../strategy/columns.js';
import { applyGridFill } from './apply.js';
import { gridDecide } from './decide.js';
import { fillGridCandle } from './fills.js';
import { gridSeries, readingAt } from './readings.js';
import { initialGridState, inventory } from './state.js';
import type { GridDecision, GridState } from './types.js';

export type GridBacktestOptions = {
  strategy: GridStrategy;
  /** Candles of the strategy's timeframe, oldest first. */
  candles: OhlcvColumns;
  /** Default: the strategy's first symbol. */
  symbol?: string;
  settings?: Partial<BacktestSettings>;
  /** The risk gate, asked for every new buy. Default: approve all. */
  gate?: OrderGate;
  /** Called with every decision (for tests and replays: the orders, stop and status at each close). */
  onDecision?: (decision: GridDecision, index: number) => void;
};

export function runGridBacktest(options: GridBacktestOptions): BacktestResult {
  const { strategy, candles } = options;
  const settings = BacktestSettings.parse(options.settings ?? {});
  validateColumns(candles);
  const n = candles.length;
  if (n === 0) throw new RangeError('there are no candles to backtest');
  const symbol = options.symbol ?? strategy.symbols[0]!;
  const gate = options.gate ?? approveAll;
  const series = gridSeries(strategy, candles);
  const { time, open, high, low, close } = candles;
  const equity = new Float64Array(n);
  const trades: BacktestTrade[] = [];
  const vetoes: BacktestVeto[] = [];
  let state: GridState = initialGridState();
  let cash = Decimal.fromNumber(settings.initialCapital);
  let fees = Decimal.ZERO;
  let exposed = 0;

  for (let i = 0; i < n; i++) {
    const candle = { index: i, time: time[i]!, open: open[i]!, high: high[i]!, low: low[i]! };
    const filled = fillGridCandle(state, candle, strategy, settings, cash);
    state = filled.state;
    cash = filled.cash;
    trades.push(...filled.trades);
    for (const f of filled.fills) fees = fees.add(f.fee);
    const held = inventory(state).toNumber();
    if (held > 0 || filled.fills.length > 0) exposed++;
    const marked = cash.toNumber() + held * close[i]!;
    equity[i] = marked;
    if (i === n - 1) break;
    const decision = gridDecide(state, readingAt(series, i), { strategy, symbol, equity: marked, gate });
    options.onDecision?.(decision, i);
    state = decision.state;
    vetoes.push(...decision.vetoes);
  }

  const held = inventory(state);
  if (held.isPositive()) {
    const price = Decimal.fromNumber(close[n - 1]!).mul(Decimal.ONE.sub(Decimal.fromNumber(settings.slippage)));
    const fee = held.mul(price).mul(Decimal.fromNumber(settings.feeRate));
    const end = time[n - 1]! + series.candleMs;
    const result = applyGridFill(state, {
      kind: 'end',
      price: price.toString(),
      quantity: held.toString(),
      fee: fee.toString(),
      index: n - 1,
      time: end,
    });
    trades.push(...result.trades);
    cash = cash.add(held.mul(price)).sub(fee);
    fees = fees.add(fee);
    equity[n - 1] = cash.toNumber();
  }

  const finalEquity = cash.toNumber();
  const metrics = computeMetrics({
    equity,
    time,
    candleMs: series.candleMs,
    initialCapital: settings.initialCapital,
    finalEquity,
    feesPaid: fees.toNumber(),
    trades,
    buyAndHold: { firstOpen: open[0]!, lastClose: close[n - 1]! },
  });
  // Lots overlap: exposure is the share of candles with inventory held, not the sum of trade lengths.
  metrics.exposurePercent = (exposed / n) * 100;
  const initial = Decimal.fromNumber(settings.initialCapital);
  return {
    strategyName: strategy.name,
    symbol,
    timeframe: strategy.timeframe,
    settings,
    accounting: 'exact',
    candles: n,
    firstReady: series.firstReady,
    start: time[0]!,
    end: time[n - 1]! + series.candleMs,
    trades,
    vetoes,
    equity,
    metrics,
    grade: gradeBacktest(metrics),
    exact: { finalEquity: cash.toString(), netProfit: cash.sub(initial).toString(), feesPaid: fees.toString() },
  };
}
