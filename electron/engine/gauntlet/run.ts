/**
 * runGauntlet: the whole gauntlet over one symbol's candles (the strategy's timeframe, covering the
 * 90 days before `to` when the history has them), for a signal strategy (signal-stages.ts) or a
 * grid strategy (grid-stages.ts). Stages and their share of the progress bar: preparing (signals
 * evaluated, 0-10 %), the 30-day backtest (-20 %), out-of-sample (-35 %), cost stress (-45 %),
 * parameter stability (-95 %), Monte Carlo (-100 %). `isCancelled` is asked between runs; when it
 * answers true the gauntlet stops with GauntletCancelledError.
 *
 * A signal strategy's 30-day backtest uses exact (decimal) accounting unless told otherwise; its
 * many other runs use float accounting (the same fills in doubles; electron/engine/backtest/
 * ledger.ts). The grid engine's accounting is always exact.
 */
import type { BacktestSettings, GridStrategy, Strategy } from '../../../shared/domain/strategy.js';
import type { BacktestResult, OrderGate } from '../backtest/types.js';
import type { OhlcvColumns } from '../strategy/columns.js';
import { passes, stageFigures } from './figures.js';
import { gridStages } from './grid-stages.js';
import { monteCarloDrawdowns, MONTE_CARLO_RUNS, type MonteCarloResult } from './monte-carlo.js';
import { outOfSampleWith, type OutOfSampleResult } from './out-of-sample.js';
import { signalStages } from './signal-stages.js';
import type { Change } from './variants.js';
import { gauntletVerdict, type Verdict } from './verdict.js';
import { DAY_MS, indexAtOrAfter } from './windows.js';
import type { StageFigures } from '../../../shared/domain/gauntlet.js';

export { VARIANT_WARMUP_LOOKBACKS } from './signal-stages.js';

export const HEADLINE_DAYS = 30;
export const COST_STRESS_FACTOR = 2;

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
  /** Of a signal strategy's 30-day backtest (default exact) and its other runs (default float); a grid's runs are exact. */
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

export function runGauntlet(
  options: GauntletOptions,
  onProgress: GauntletProgress = () => {},
  isCancelled: () => boolean = () => false,
): GauntletResult {
  const strategy = options.strategy;
  const step = (fraction: number, message: string) => {
    if (isCancelled()) throw new GauntletCancelledError();
    onProgress(fraction, message);
  };
  const { candles, to, settings } = options;
  const from = to - HEADLINE_DAYS * DAY_MS;
  const h0 = indexAtOrAfter(candles.time, from);
  const h1 = indexAtOrAfter(candles.time, to);
  const context = {
    candles,
    h0,
    h1,
    symbol: options.symbol,
    settings,
    gate: options.gate,
    headlineAccounting: options.headlineAccounting ?? 'exact',
    accounting: options.variantAccounting ?? 'float',
  };
  step(0, strategy.kind === 'grid' ? 'preparing the grid' : 'evaluating signals');
  if (h1 <= h0) throw new RangeError('there are no candles in the 30 days before the end of the range');
  const stages = strategy.kind === 'grid' ? gridStages(strategy, context) : signalStages(strategy, context);

  step(0.1, 'backtesting the last 30 days');
  const headline = stages.headline();

  step(0.2, 'out-of-sample check');
  const oos = outOfSampleWith(candles, to, (a, b) => stages.window(a, b));

  step(0.35, 'cost stress: fees and slippage doubled');
  const stressed = {
    ...settings,
    feeRate: Math.min(0.05, settings.feeRate * COST_STRESS_FACTOR),
    slippage: Math.min(0.05, settings.slippage * COST_STRESS_FACTOR),
  };
  const costStress = {
    feeRate: stressed.feeRate,
    slippageBps: stressed.slippage * 10_000,
    figures: stageFigures(stages.window(h0, h1, stressed)),
  };

  step(0.45, 'parameter stability');
  const variants = stages.variants();
  const results: GauntletStability['variants'] = [];
  variants.forEach((v, k) => {
    step(0.45 + (0.5 * k) / Math.max(1, variants.length), `parameter stability: ${v.parameter} (${v.change})`);
    const figures = stageFigures(v.run());
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
