/**
 * An app sweep's request checked against its strategy (every refusal an invalid_input that says
 * what to change): the symbol, range, fees and risk exactly as a single backtest takes them
 * (planBacktest), the ranges parsed against the strategy's parameters, the parameter sets of the
 * method, and the walk-forward spec. What a sweep stores (StoredSweep) is enough to resume it after
 * a restart and to rebuild its sets and its strategy as they were when it started.
 */
import { MAX_APP_SETS, type OptimizeRequest } from '../../../../shared/domain/optimize.js';
import type { RiskSettings } from '../../../../shared/domain/risk.js';
import type { BacktestSettings, StrategyDefinition } from '../../../../shared/domain/strategy.js';
import type { SavedStrategy } from '../../../../shared/domain/strategy-library.js';
import { TIMEFRAME_MS, type Timeframe } from '../../../../shared/domain/market.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import { planSets } from '../../../engine/optimize/plan.js';
import {
  gridSize,
  parseRanges,
  RangeSpecError,
  type ParameterRange,
  type ParameterSet,
} from '../../../engine/optimize/ranges.js';
import { parameterSpace } from '../../../engine/optimize/space.js';
import type { WalkForwardSpec } from '../../../engine/optimize/walk-forward.js';
import { planBacktest } from '../strategies/backtest-run.js';

const DAY_MS = 86_400_000;

export type SweepPlan = {
  request: OptimizeRequest;
  strategyId: string;
  strategy: StrategyDefinition;
  symbol: string;
  timeframe: Timeframe;
  from: number;
  to: number;
  settings: BacktestSettings;
  risk: RiskSettings | null;
  ranges: ParameterRange[];
  sets: ParameterSet[];
  gridSize: number;
  walkForward: WalkForwardSpec | null;
};

/** The sweeps row's request: the plan as it was (a later edit of the strategy does not change it). */
export type StoredSweep = {
  source: 'app';
  request: OptimizeRequest;
  strategyId: string;
  strategy: StrategyDefinition;
  symbol: string;
  from: number;
  to: number;
  settings: BacktestSettings;
  risk: RiskSettings | null;
  windows: number;
  candles: { length: number; first: number; last: number };
};

export function isAppSweep(request: unknown): request is StoredSweep {
  return typeof request === 'object' && request !== null && (request as { source?: unknown }).source === 'app';
}

function rangeError(error: unknown): never {
  if (error instanceof RangeSpecError) throw new AppError('invalid_input', `ranges: ${error.message}`);
  throw error;
}

export function planSweep(
  saved: SavedStrategy,
  request: OptimizeRequest,
  env: { now: number; venueFeeRate: number; riskSettings: () => RiskSettings },
): SweepPlan {
  // A signal strategy's numbers or a grid's (parameterSpace).
  const strategy = saved.definition;
  // Up to the last closed candle: the same candles when the sweep resumes or is shown later.
  const span = TIMEFRAME_MS[strategy.timeframe];
  const to = request.to ?? Math.floor(env.now / span) * span;
  const backtest = planBacktest(
    strategy,
    {
      jobId: 'sweep-plan',
      id: saved.id,
      ...(request.symbol !== undefined ? { symbol: request.symbol } : {}),
      from: Math.max(0, to - request.days * DAY_MS),
      to,
      ...(request.feeRate !== undefined ? { feeRate: request.feeRate } : {}),
      ...(request.slippageBps !== undefined ? { slippageBps: request.slippageBps } : {}),
      ...(request.capital !== undefined ? { capital: request.capital } : {}),
      risk: request.risk,
    },
    to,
    env.venueFeeRate,
  );
  const space = parameterSpace(strategy);
  let ranges: ParameterRange[];
  let sets: ParameterSet[];
  try {
    ranges = parseRanges(
      request.ranges.map((r) => `${r.name}=${r.range}`),
      space.parameters,
    );
  } catch (error) {
    rangeError(error);
  }
  const size = gridSize(ranges);
  const count = request.method === 'random' ? Math.min(size, request.samples ?? 0) : size;
  if (count > MAX_APP_SETS) {
    throw new AppError(
      'invalid_input',
      request.method === 'random'
        ? `samples: ${count} sets, more than the ${MAX_APP_SETS} a sweep in the app runs: draw fewer`
        : `ranges: the grid has ${count} parameter sets, more than the ${MAX_APP_SETS} a sweep in the app runs: use larger steps, fewer parameters, or random search with samples`,
    );
  }
  try {
    sets = planSets(ranges, request.method, request.samples, request.seed);
  } catch (error) {
    rangeError(error);
  }
  let walkForward: WalkForwardSpec | null = null;
  if (request.walkForward) {
    const wf = request.walkForward;
    const stepDays = wf.stepDays ?? wf.outOfSampleDays;
    if (wf.inSampleDays + wf.outOfSampleDays > request.days) {
      throw new AppError(
        'invalid_input',
        `walkForward: one window needs ${wf.inSampleDays + wf.outOfSampleDays} days (in-sample ${wf.inSampleDays} + out-of-sample ${wf.outOfSampleDays}), more than the ${request.days} days swept: sweep more days or shorten the windows`,
      );
    }
    walkForward = {
      inSampleMs: wf.inSampleDays * DAY_MS,
      outOfSampleMs: wf.outOfSampleDays * DAY_MS,
      stepMs: stepDays * DAY_MS,
      anchored: wf.anchored,
    };
  }
  return {
    request,
    strategyId: saved.id,
    strategy,
    symbol: backtest.symbol,
    timeframe: strategy.timeframe,
    from: backtest.from,
    to: backtest.to,
    settings: backtest.settings,
    risk: backtest.risk === 'off' ? null : env.riskSettings(),
    ranges,
    sets,
    gridSize: size,
    walkForward,
  };
}

/** The plan of a stored sweep (to resume it, show its result or save one of its sets). */
export function replan(stored: StoredSweep): SweepPlan {
  const request = stored.request;
  const space = parameterSpace(stored.strategy);
  const ranges = parseRanges(
    request.ranges.map((r) => `${r.name}=${r.range}`),
    space.parameters,
  );
  const wf = request.walkForward;
  return {
    request,
    strategyId: stored.strategyId,
    strategy: stored.strategy,
    symbol: stored.symbol,
    timeframe: stored.strategy.timeframe,
    from: stored.from,
    to: stored.to,
    settings: stored.settings,
    risk: stored.risk,
    ranges,
    sets: planSets(ranges, request.method, request.samples, request.seed),
    gridSize: gridSize(ranges),
    walkForward: wf
      ? {
          inSampleMs: wf.inSampleDays * DAY_MS,
          outOfSampleMs: wf.outOfSampleDays * DAY_MS,
          stepMs: (wf.stepDays ?? wf.outOfSampleDays) * DAY_MS,
          anchored: wf.anchored,
        }
      : null,
  };
}
