/**
 * One backtest from the contract's request to its report (shared/domain/backtest-report.ts):
 * planBacktest() checks the request against the strategy (invalid_input naming the field),
 * executeBacktest() loads the candles, runs the job (the job worker in the app, with the risk
 * settings in force unless request.risk is "off"), reports progress (candles -> running) and builds
 * the report (report-view.ts).
 */
import type { BacktestReport, BacktestRequest } from '../../../../shared/domain/backtest-report.js';
import { TIMEFRAME_MS, type Timeframe } from '../../../../shared/domain/market.js';
import type { RiskSettings } from '../../../../shared/domain/risk.js';
import {
  BacktestSettings,
  parseStrategyDefinition,
  type StrategyDefinition,
} from '../../../../shared/domain/strategy.js';
import type { BacktestSummary } from '../../../../shared/domain/strategy-library.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import type { BacktestResult } from '../../../engine/backtest/types.js';
import { headlineFigures } from '../../../../shared/domain/gauntlet.js';
import type { OhlcvColumns } from '../../../engine/strategy/columns.js';
import type { JobHandle } from './backtest-jobs.js';
import { reportOf } from './report-view.js';

export const DEFAULT_RANGE_MS = 30 * 86_400_000;
/** The most candles one backtest loads (a longer range needs a longer timeframe). */
export const MAX_BACKTEST_CANDLES = 1_000_000;

export type CandleQuery = { symbol: string; timeframe: Timeframe; from: number; to: number };
export type BacktestJobInput = {
  strategy: StrategyDefinition;
  candles: OhlcvColumns;
  symbol: string;
  settings: BacktestSettings;
  /** The risk gate's settings; null: approve every intent (request.risk "off"). */
  risk: RiskSettings | null;
};
export type RunControl = { signal: AbortSignal; onProgress: (fraction: number, message: string) => void };

export type BacktestPorts = {
  /** Closed candles of the symbol and timeframe with open times in [from, to). */
  candles: (query: CandleQuery) => Promise<OhlcvColumns>;
  /** Runs one backtest (the job worker), cancelled when control.signal aborts. */
  run: (job: BacktestJobInput, control: RunControl) => Promise<BacktestResult>;
  /** The risk settings in force (default: none, every intent approved). */
  riskSettings?: () => RiskSettings;
  /** A monotonic clock for elapsedMs (default performance.now). */
  wallTime?: () => number;
  /**
   * The taker fee of the venue a strategy would run on (the simulated exchange's in SIMULATOR and
   * PAPER): a backtest without a fee of its own pays it (default DEFAULT_FEE_RATE).
   */
  venueFeeRate?: () => number;
};

/** The fee of a backtest when neither the request nor the venue gives one. */
export const DEFAULT_FEE_RATE = 0.001;

export type BacktestPlan = {
  strategy: StrategyDefinition;
  symbol: string;
  timeframe: Timeframe;
  from: number;
  to: number;
  settings: BacktestSettings;
  risk: 'default' | 'off';
};

const fieldIssues = (issues: readonly { path: readonly PropertyKey[]; message: string }[], prefix = '') =>
  issues.map((i) => `${prefix}${i.path.map(String).join('.') || 'input'}: ${i.message}`).join('; ');

/**
 * Checks the request against the strategy; `now` is the default end of the range, `venueFeeRate`
 * the fee when the request gives none.
 */
export function planBacktest(
  definition: StrategyDefinition,
  request: BacktestRequest,
  now: number,
  venueFeeRate = DEFAULT_FEE_RATE,
): BacktestPlan {
  const timeframe = request.timeframe ?? definition.timeframe;
  const parsed = parseStrategyDefinition({ ...definition, timeframe });
  if (!parsed.success) throw new AppError('invalid_input', `timeframe: ${fieldIssues(parsed.error.issues)}`);
  const settings = BacktestSettings.safeParse({
    initialCapital: request.capital ?? 10_000,
    feeRate: request.feeRate ?? venueFeeRate,
    slippage: (request.slippageBps ?? 5) / 10_000,
  });
  if (!settings.success) throw new AppError('invalid_input', fieldIssues(settings.error.issues));
  const to = request.to ?? now;
  const from = request.from ?? Math.max(0, to - DEFAULT_RANGE_MS);
  if (to <= from) throw new AppError('invalid_input', 'to: the range must end after it starts (to > from)');
  const span = TIMEFRAME_MS[timeframe];
  const count = Math.ceil((to - from) / span);
  if (count > MAX_BACKTEST_CANDLES) {
    throw new AppError(
      'invalid_input',
      `from: the range holds ${count} ${timeframe} candles, more than ${MAX_BACKTEST_CANDLES}: shorten it or choose a longer timeframe`,
    );
  }
  const symbol = request.symbol ?? parsed.data.symbols[0]!;
  return { strategy: parsed.data, symbol, timeframe, from, to, settings: settings.data, risk: request.risk };
}

/** The worker's errors the user can act on, as AppErrors (by name: errors cross the thread as data). */
function explain(error: unknown, symbol: string, timeframe: Timeframe): unknown {
  if (!(error instanceof Error)) return error;
  if (error.name === 'CandleDataError') {
    return new AppError('unavailable', `the ${timeframe} candles of ${symbol} are unusable (${error.message})`);
  }
  if (error.name === 'StrategyCompileError') return new AppError('invalid_input', error.message);
  return error;
}

/** Loads the candles, runs the job and builds the report (progress through `job`). */
export async function executeBacktest(
  plan: BacktestPlan,
  ports: BacktestPorts,
  job: JobHandle,
  ids: { jobId: string; strategyId: string | null },
): Promise<BacktestReport> {
  const { strategy, symbol, timeframe, from, to, settings } = plan;
  const wallTime = ports.wallTime ?? (() => performance.now());
  const began = wallTime();
  job.progress('candles', 0, `loading ${timeframe} candles of ${symbol}`);
  const candles = await ports.candles({ symbol, timeframe, from, to });
  job.check();
  if (candles.length === 0) {
    throw new AppError(
      'unavailable',
      `there are no ${timeframe} candles of ${symbol} in the chosen range: choose a range with market data, or import candles`,
    );
  }
  // The worker takes the columns; the open times are kept for the chart series.
  const times = Float64Array.from(candles.time);
  job.progress('running', 0.2, `backtesting ${candles.length} candles`);
  const risk = plan.risk === 'off' ? null : (ports.riskSettings?.() ?? null);
  const result = await ports
    .run(
      { strategy, candles, symbol, settings, risk },
      { signal: job.signal, onProgress: (f, message) => job.progress('running', 0.2 + 0.75 * f, message) },
    )
    .catch((error: unknown) => {
      job.check();
      throw explain(error, symbol, timeframe);
    });
  job.check();
  const span = TIMEFRAME_MS[timeframe];
  const header = { ...ids, strategyName: strategy.name, symbol, timeframe, from, to, settings, risk: plan.risk };
  return { ...reportOf(result, header, (i) => times[i]! + span), elapsedMs: wallTime() - began };
}

/** What a saved strategy keeps of its last backtest on (symbol, timeframe); activation reads it. */
export function summaryOf(report: BacktestReport, ranAt: number): BacktestSummary {
  return {
    symbol: report.symbol,
    timeframe: report.timeframe,
    grade: report.grade.grade,
    reasons: report.grade.reasons,
    from: report.from,
    to: report.to,
    candles: report.candles,
    ...headlineFigures(report.metrics),
    ranAt,
  };
}
