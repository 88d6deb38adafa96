/**
 * runGauntlet: the whole gauntlet over one symbol's candles (the strategy's timeframe, covering the
 * 90 days before `to` when the history has them). Stages and their share of the progress bar:
 * signals (0-10 %), the 30-day backtest (-20 %), out-of-sample (-35 %), cost stress (-45 %),
 * parameter stability (-95 %), Monte Carlo (-100 %). `isCancelled` is asked between runs; when it
 * answers true the gauntlet stops with GauntletCancelledError.
 *
 * The 30-day backtest uses exact (decimal) accounting unless told otherwise; the many other runs
 * use float accounting (the same fills in doubles; see electron/engine/backtest/ledger.ts).
 * Signals are evaluated once over the whole window and sliced per stage (windows.ts); a variant
 * whose conditions moved is evaluated again from a warm-up of 10 x its longest lookback before the
 * 30-day window (or all earlier history, when there is less).
 */
import type { BacktestSettings, GridStrategy, Strategy } from '../../../shared/domain/strategy.js';
import { runBacktest, StrategyCompileError } from '../backtest/runner.js';
import type { BacktestResult, OrderGate } from '../backtest/types.js';
import type { OhlcvColumns } from '../strategy/columns.js';
import { compileStrategy, evaluateSignals, type Signals, type StrategyProgram } from '../strategy/program.js';
import { passes, stageFigures } from './figures.js';
import { monteCarloDrawdowns, MONTE_CARLO_RUNS, type MonteCarloResult } from './monte-carlo.js';
import { outOfSample, type OutOfSampleResult } from './out-of-sample.js';
import { strategyVariants, type Change } from './variants.js';
import { gauntletVerdict, type Verdict } from './verdict.js';
import { DAY_MS, indexAtOrAfter, sliceCandles, sliceSignals } from './windows.js';
import type { StageFigures } from '../../../shared/domain/gauntlet.js';

export const HEADLINE_DAYS = 30;
export const COST_STRESS_FACTOR = 2;
export const VARIANT_WARMUP_LOOKBACKS = 10;

export type GauntletOptions = {
  strategy: Strategy | GridStrategy;
  /** Candles of the strategy's timeframe, oldest first, ideally from to - 90 days to `to`. */
  candles: OhlcvColumns;
  /** End of the tested range (exclusive), UTC ms. */
  to: number;
  symbol: string;
  settings: BacktestSettings;
  gate?: OrderGate;
  /** Seeds the Monte Carlo shuffle (default: the strategy's name). */
  seed?: string;
  /** Of the 30-day backtest (default exact); every other run is float. */
  headlineAccounting?: 'exact' | 'float';
  variantAccounting?: 'exact' | 'float';
  monteCarloRuns?: number;
};

export type GauntletProgress = (fraction: number, message: string) => void;

export type GauntletStability = {
  variants: { parameter: string; change: Change; figures: StageFigures; passed: boolean }[];
  passing: number;
  total: number;
  sharePercent: number;
};

export type GauntletResult = {
  /** The 30-day backtest and its range. */
  backtest: BacktestResult;
  from: number;
  to: number;
  outOfSample: OutOfSampleResult;
  costStress: { feeRate: number; slippageBps: number; figures: StageFigures };
  stability: GauntletStability;
  monteCarlo: MonteCarloResult;
  verdict: Verdict;
};

export class GauntletCancelledError extends Error {
  override readonly name = 'GauntletCancelledError';
  constructor() {
    super('the gauntlet was cancelled');
  }
}

export class GauntletUnsupportedError extends Error {
  override readonly name = 'GauntletUnsupportedError';
}

export function runGauntlet(
  options: GauntletOptions,
  onProgress: GauntletProgress = () => {},
  isCancelled: () => boolean = () => false,
): GauntletResult {
  const strategy = options.strategy;
  if (strategy.kind === 'grid') {
    throw new GauntletUnsupportedError(
      'the gauntlet runs signal strategies only: grid strategies have no backtest yet',
    );
  }
  const step = (fraction: number, message: string) => {
    if (isCancelled()) throw new GauntletCancelledError();
    onProgress(fraction, message);
  };
  const compiled = compileStrategy(strategy);
  if (!compiled.ok) throw new StrategyCompileError(compiled.issues);
  const program = compiled.program;
  const { candles, to, symbol, settings, gate } = options;
  const floatRuns = options.variantAccounting ?? 'float';
  const base = { symbol, settings, gate, accounting: floatRuns };

  step(0, 'evaluating signals');
  const signals = evaluateSignals(program, candles);
  const from = to - HEADLINE_DAYS * DAY_MS;
  const h0 = indexAtOrAfter(candles.time, from);
  const h1 = indexAtOrAfter(candles.time, to);
  if (h1 <= h0) throw new RangeError('there are no candles in the 30 days before the end of the range');
  const headCandles = sliceCandles(candles, h0, h1);
  const headSignals = sliceSignals(signals, h0, h1);

  step(0.1, 'backtesting the last 30 days');
  const headline = runBacktest({
    ...base,
    strategy: program,
    candles: headCandles,
    signals: headSignals,
    accounting: options.headlineAccounting ?? 'exact',
  });

  step(0.2, 'out-of-sample check');
  const oos = outOfSample(candles, signals, to, { ...base, strategy: program });

  step(0.35, 'cost stress: fees and slippage doubled');
  const stressed = {
    ...settings,
    feeRate: Math.min(0.05, settings.feeRate * COST_STRESS_FACTOR),
    slippage: Math.min(0.05, settings.slippage * COST_STRESS_FACTOR),
  };
  const stressRun = runBacktest({
    ...base,
    strategy: program,
    candles: headCandles,
    signals: headSignals,
    settings: stressed,
  });
  const costStress = {
    feeRate: stressed.feeRate,
    slippageBps: stressed.slippage * 10_000,
    figures: stageFigures(stressRun),
  };

  step(0.45, 'parameter stability');
  const variants = strategyVariants(strategy);
  const results: GauntletStability['variants'] = [];
  variants.forEach((v, k) => {
    step(0.45 + (0.5 * k) / Math.max(1, variants.length), `parameter stability: ${v.parameter} (${v.change})`);
    const vSignals = v.signalsChange ? variantSignals(v.program, candles, h0, h1) : headSignals;
    const run = runBacktest({ ...base, strategy: v.program, candles: headCandles, signals: vSignals });
    const figures = stageFigures(run);
    results.push({ parameter: v.parameter, change: v.change, figures, passed: passes(figures.grade) });
  });
  const passing = results.filter((r) => r.passed).length;
  const stability = {
    variants: results,
    passing,
    total: results.length,
    sharePercent: results.length > 0 ? (passing / results.length) * 100 : 0,
  };

  step(0.95, 'Monte Carlo of the trade order');
  const monteCarlo = monteCarloDrawdowns(
    settings.initialCapital,
    headline.trades.map((t) => t.pnl),
    options.seed ?? strategy.name,
    options.monteCarloRuns ?? MONTE_CARLO_RUNS,
  );

  const verdict = gauntletVerdict({
    headline: headline.grade,
    costStress: costStress.figures,
    outOfSample: oos,
    stability,
    monteCarlo,
  });
  step(1, `verdict: ${verdict.grade}`);
  return { backtest: headline, from, to, outOfSample: oos, costStress, stability, monteCarlo, verdict };
}

/** Signals of a variant for candles [h0, h1), evaluated from a warm-up before h0. */
function variantSignals(program: StrategyProgram, candles: OhlcvColumns, h0: number, h1: number): Signals {
  const start = Math.max(0, h0 - VARIANT_WARMUP_LOOKBACKS * Math.max(1, program.warmupCandles));
  const s = evaluateSignals(program, sliceCandles(candles, start, h1));
  return sliceSignals(s, h0 - start, h1 - start);
}
