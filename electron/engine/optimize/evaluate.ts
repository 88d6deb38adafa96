/**
 * One parameter set, backtested: exactly runBacktest (electron/engine/backtest) with the set's
 * strategy, the same settings, a fresh risk gate and the same accounting, so each result equals a
 * single backtest with those parameters, trade for trade. What a sweep saves is the work the sets
 * have in common: the candle columns are the same arrays for every set, each indicator series is
 * computed once per (indicator, parameters) by one SeriesCache over those candles, and the signals of
 * one set of conditions are computed once and reused by every set that differs only in stop,
 * target, trail or size.
 */
import { TIMEFRAME_MS } from '../../../shared/domain/market.js';
import {
  GridStrategy,
  Strategy,
  type BacktestSettings,
  type StrategyDefinition,
} from '../../../shared/domain/strategy.js';
import { validateColumns } from '../backtest/candles.js';
import { computeMetrics } from '../backtest/metrics.js';
import { runBacktest } from '../backtest/runner.js';
import { runGridBacktest } from '../grid/backtest.js';
import type { BacktestMetrics, BacktestTrade, OrderGate } from '../backtest/types.js';
import type { OhlcvColumns } from '../strategy/columns.js';
import { compileStrategy, evaluateSignals, type Signals, type StrategyProgram } from '../strategy/program.js';
import { SeriesCache } from '../strategy/series.js';
import { blockStats, dailyStats, dayEnds, type BlockStats, type DailyStats } from './returns.js';
import type { ParameterSet } from './ranges.js';
import type { ParameterSpace } from './space.js';

/** The candles a set runs on: [from, to) of the sweep's candles; trades only from `tradeFrom`. */
export type EvalWindow = { from: number; to: number; tradeFrom: number };

export type SetResult = {
  index: number;
  values: ParameterSet;
  /** null: the set is not a valid strategy (e.g. take profit below the stop loss): why. */
  invalid: string | null;
  metrics: BacktestMetrics | null;
  /** Per-block Sharpe inputs over the traded candles (probability of backtest overfitting). */
  blocks: BlockStats[];
  /** Daily returns' moments (deflated Sharpe ratio). */
  daily: DailyStats | null;
  /** Only when asked for (tests, the chosen set of a walk-forward window). */
  trades?: BacktestTrade[];
  equity?: Float64Array;
};

export type EvaluatorOptions = {
  columns: OhlcvColumns;
  settings: BacktestSettings;
  accounting: 'exact' | 'float';
  /** A fresh gate per set (a gate keeps the orders it approved). */
  gate: () => OrderGate;
  /** Share indicator series and signals between sets (default true; false: as independent backtests). */
  shareSeries?: boolean;
  /** Blocks for the overfitting measure (default 16). */
  blocks?: number;
};

const SIGNAL_CACHE_SIZE = 8;

function signalKey(s: Strategy): string {
  const atr = s.sizing?.method === 'volatility' ? s.sizing.atrPeriod : null;
  return JSON.stringify([
    s.timeframe,
    s.confirmTimeframes ?? [],
    s.entryConditions,
    s.exitConditions,
    s.regimeFilter ?? null,
    atr,
  ]);
}

function slice(columns: OhlcvColumns, from: number, to: number): OhlcvColumns {
  const cut = (a: Float64Array) => a.subarray(from, to);
  return {
    length: to - from,
    time: cut(columns.time),
    open: cut(columns.open),
    high: cut(columns.high),
    low: cut(columns.low),
    close: cut(columns.close),
    volume: cut(columns.volume),
  };
}

/** What a set's backtest leaves for its result: equity and metrics over the traded candles. */
type Ran = { equity: Float64Array; metrics: BacktestMetrics; trades: BacktestTrade[] };

function issueText(issues: readonly { message: string }[]): string {
  return issues.map((i) => i.message).join('; ');
}

/** Candles a set's strategy needs before its first decision (a grid warms up inside its candles: 0). */
export function warmupOf(definition: StrategyDefinition): number {
  if (definition.kind === 'grid') return 0;
  const compiled = compileStrategy(Strategy.parse(definition));
  return compiled.ok ? compiled.program.warmupCandles : 0;
}

/** No decision before candle `first` (its fill would be before the traded part). */
function tradedFrom(signals: Signals, first: number): Signals {
  if (first <= 0) return signals;
  const entry = signals.entry.slice();
  const exit = signals.exit.slice();
  entry.fill(0, 0, first);
  exit.fill(0, 0, first);
  return { ...signals, entry, exit };
}

/** Runs parameter sets of one strategy space over windows of one candle set. */
export class SetEvaluator {
  private window: {
    key: string;
    columns: OhlcvColumns;
    /** From tradeFrom on (a grid runs on these). */
    traded: OhlcvColumns;
    /** The equity curve of the set running now (reused by every set of the window). */
    equity: Float64Array;
    series: SeriesCache;
    /** The last candle of each UTC day among the traded ones (indices into the traded part). */
    dayEnds: Int32Array;
  } | null = null;
  private readonly signals = new Map<string, Signals>();

  constructor(
    private readonly space: ParameterSpace,
    private readonly options: EvaluatorOptions,
  ) {}

  /** The set's strategy compiled (a grid: checked), or the reason it is not a valid strategy. */
  compile(values: ParameterSet): { program: StrategyProgram } | { grid: GridStrategy } | { invalid: string } {
    const definition = this.space.apply(values);
    if (definition.kind === 'grid') {
      const grid = GridStrategy.safeParse(definition);
      return grid.success ? { grid: grid.data } : { invalid: issueText(grid.error.issues) };
    }
    const parsed = Strategy.safeParse(definition);
    if (!parsed.success) return { invalid: issueText(parsed.error.issues) };
    const compiled = compileStrategy(parsed.data);
    if (!compiled.ok) return { invalid: issueText(compiled.issues) };
    return { program: compiled.program };
  }

  run(index: number, values: ParameterSet, window: EvalWindow, keep = false): SetResult {
    const compiled = this.compile(values);
    const base = { index, values, blocks: [], daily: null };
    if ('invalid' in compiled) return { ...base, invalid: compiled.invalid, metrics: null };
    const { settings } = this.options;
    const { equity, metrics, trades } =
      'grid' in compiled ? this.runGrid(compiled.grid, window) : this.runSignals(compiled.program, window);
    return {
      ...base,
      invalid: null,
      metrics,
      blocks: blockStats(equity, settings.initialCapital, this.options.blocks ?? 16),
      daily: dailyStats(equity, this.window!.dayEnds, settings.initialCapital),
      ...(keep ? { trades, equity: Float64Array.from(equity) } : {}),
    };
  }

  /**
   * A grid has no signals to start at `tradeFrom`: it runs on the traded candles only, exactly as a
   * single grid backtest of those candles (its ATR and EMAs warm up inside them).
   */
  private runGrid(grid: GridStrategy, window: EvalWindow): Ran {
    const w = this.windowColumns(window);
    const result = runGridBacktest({
      strategy: grid,
      candles: w.traded,
      settings: this.options.settings,
      gate: this.options.gate(),
    });
    return { equity: result.equity, metrics: result.metrics, trades: result.trades };
  }

  private runSignals(program: StrategyProgram, window: EvalWindow): Ran {
    const { columns, share } = this.windowColumns(window);
    const first = Math.max(0, window.tradeFrom - window.from - 1);
    const cache = share ? this.window!.series : undefined;
    let signals: Signals;
    if (share) {
      const key = signalKey(program.strategy);
      let cached = this.signals.get(key);
      if (!cached) {
        cached = tradedFrom(evaluateSignals(program, columns, cache), first);
        if (this.signals.size >= SIGNAL_CACHE_SIZE) this.signals.delete(this.signals.keys().next().value!);
        this.signals.set(key, cached);
      }
      signals = cached;
    } else {
      signals = tradedFrom(evaluateSignals(program, columns), first);
    }
    const { settings, accounting } = this.options;
    const result = runBacktest({
      strategy: program,
      candles: columns,
      settings,
      accounting,
      gate: this.options.gate(),
      signals,
      validated: true,
      // Used up before the next set runs: metrics, blocks and daily returns are read here, and a kept curve is copied.
      equityBuffer: this.window!.equity,
    });
    const traded = window.tradeFrom - window.from;
    const equity = traded > 0 ? result.equity.subarray(traded) : result.equity;
    const metrics =
      traded > 0
        ? computeMetrics({
            equity,
            time: columns.time.subarray(traded),
            candleMs: TIMEFRAME_MS[program.strategy.timeframe],
            initialCapital: settings.initialCapital,
            finalEquity: result.metrics.finalEquity,
            feesPaid: result.metrics.feesPaid,
            trades: result.trades,
            buyAndHold: { firstOpen: columns.open[traded]!, lastClose: columns.close[columns.length - 1]! },
          })
        : result.metrics;
    return { equity, metrics, trades: result.trades };
  }

  private windowColumns(w: EvalWindow): { columns: OhlcvColumns; traded: OhlcvColumns; share: boolean } {
    const share = this.options.shareSeries ?? true;
    const key = `${w.from}:${w.to}:${w.tradeFrom}`;
    if (this.window?.key !== key) {
      const columns = slice(this.options.columns, w.from, w.to);
      // Once per window, not once per set: every set's runBacktest is told these columns are valid.
      validateColumns(columns);
      const candleMs = TIMEFRAME_MS[this.space.strategy.timeframe];
      const traded = Math.max(0, w.tradeFrom - w.from);
      this.window = {
        key,
        columns,
        traded: traded > 0 ? slice(columns, traded, columns.length) : columns,
        equity: new Float64Array(columns.length),
        series: new SeriesCache(columns, candleMs),
        dayEnds: dayEnds(columns.time.subarray(traded)),
      };
      this.signals.clear();
    }
    return { columns: this.window.columns, traded: this.window.traded, share };
  }
}
