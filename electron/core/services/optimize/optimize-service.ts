/**
 * Sweeps and walk-forward runs of saved signal strategies in the app (Strategies > Optimise): the
 * same assembly as `npm run cli -- optimize` (electron/engine/optimize/plan.ts) on the local worker
 * pool, on the market's candles of the strategy's symbol and timeframe. One sweep runs at a time
 * (it uses every core). Every result is stored as it arrives (sweep-repo); a sweep cancelled or
 * interrupted by a restart resumes where it stopped (optimize.resume). A set is saved as a new
 * strategy through the strategy service: it has no backtest yet, so it may not run before one.
 */
import type {
  OptimizeEstimate,
  OptimizeRequest,
  OptimizeSpace,
  SweepResultView,
  SweepStatusView,
} from '../../../../shared/domain/optimize.js';
import type { RiskSettings } from '../../../../shared/domain/risk.js';
import type { SavedStrategy } from '../../../../shared/domain/strategy-library.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import type { Clock } from '../../../engine/clock.js';
import type { SetResult } from '../../../engine/optimize/evaluate.js';
import { suggestedRange, WHOLE_RANGE, windowCount } from '../../../engine/optimize/plan.js';
import { rankSets, summariseSweep } from '../../../engine/optimize/index.js';
import { parameterSpace } from '../../../engine/optimize/space.js';
import type { WalkForwardSummary } from '../../../engine/optimize/report.js';
import type { OhlcvColumns } from '../../../engine/strategy/columns.js';
import type { Logger } from '../../../logging/types.js';
import type { SweepRepo } from '../../../persistence/repositories/sweep-repo.js';
import type { CandleQuery } from '../strategies/backtest-run.js';
import { rowView, statusView } from './result-view.js';
import { startSweepRun, estimateMs, walkForwardOf, type ExecutorFactory, type SweepRun } from './sweep-runner.js';
import { isAppSweep, planSweep, replan, type StoredSweep, type SweepPlan } from './sweep-plan.js';

export type OptimizeDeps = {
  repo: SweepRepo;
  strategies: () => {
    get(id: string): SavedStrategy;
    create(input: { definition: unknown }): SavedStrategy;
  };
  candles: (query: CandleQuery) => Promise<OhlcvColumns>;
  marketNow: () => number;
  riskSettings: () => RiskSettings;
  venueFeeRate: () => number;
  /** The local worker pool for one sweep's candles and config. */
  executor: ExecutorFactory;
  workers: number;
  /** Settings' Redis server for sweeps (null: this computer's workers). */
  redisUrl?: () => string | null;
  clock: Clock;
  /** A monotonic clock for the time estimate (default performance.now). */
  wallTime?: () => number;
  newId: () => string;
  logger: Logger;
  onStatus: (status: SweepStatusView) => void;
};

/** The most parameter sets over all walk-forward windows. */
export const MAX_APP_RESULTS = 200_000;

const fingerprint = (c: OhlcvColumns) => ({ length: c.length, first: c.time[0] ?? 0, last: c.time[c.length - 1] ?? 0 });

export function createOptimizeService(deps: OptimizeDeps) {
  const { repo, logger } = deps;
  const running = new Map<string, SweepRun>();
  const walkForwards = new Map<string, WalkForwardSummary>();

  function storedOf(sweepId: string): { row: NonNullable<ReturnType<SweepRepo['get']>>; stored: StoredSweep } {
    const row = repo.get(sweepId);
    if (!row || !isAppSweep(row.request)) throw new AppError('not_found', `there is no sweep ${sweepId}`);
    return { row, stored: row.request };
  }

  function status(sweepId: string): SweepStatusView {
    const { row, stored } = storedOf(sweepId);
    return statusView(row, stored, running.get(sweepId)?.live() ?? null);
  }

  async function loadCandles(plan: Pick<SweepPlan, 'symbol' | 'timeframe' | 'from' | 'to'>): Promise<OhlcvColumns> {
    const columns = await deps.candles({
      symbol: plan.symbol,
      timeframe: plan.timeframe,
      from: plan.from,
      to: plan.to,
    });
    if (columns.length === 0) {
      throw new AppError(
        'unavailable',
        `there are no ${plan.timeframe} candles of ${plan.symbol} in the chosen days: choose a range with market data, or import candles`,
      );
    }
    return columns;
  }

  function plan(request: OptimizeRequest): SweepPlan {
    const saved = deps.strategies().get(request.strategyId);
    return planSweep(saved, request, {
      now: deps.marketNow(),
      venueFeeRate: deps.venueFeeRate(),
      riskSettings: deps.riskSettings,
    });
  }

  function checkWindows(p: SweepPlan, columns: OhlcvColumns): number {
    const windows = windowCount(columns, p.strategy, p.walkForward);
    if (windows === 0) {
      throw new AppError(
        'invalid_input',
        'walkForward: the candles are too short for one walk-forward window: shorten the windows or sweep more days',
      );
    }
    if (windows * p.sets.length > MAX_APP_RESULTS) {
      throw new AppError(
        'invalid_input',
        `walkForward: ${p.sets.length} sets in each of ${windows} windows is ${windows * p.sets.length} backtests, more than the ${MAX_APP_RESULTS} a sweep in the app runs: use fewer sets, a longer step or fewer days`,
      );
    }
    return windows;
  }

  function launch(sweepId: string, p: SweepPlan, columns: OhlcvColumns, windows: number): void {
    const run = startSweepRun({
      sweepId,
      plan: p,
      columns,
      windows,
      executor: deps.executor,
      store: {
        done: (k) => repo.results(sweepId, k),
        add: (k, r) => void repo.add(sweepId, k, r),
      },
      clock: deps.clock,
      onProgress: () => deps.onStatus(status(sweepId)),
    });
    running.set(sweepId, run);
    deps.onStatus(status(sweepId));
    run.finished
      .then((outcome) => {
        running.delete(sweepId);
        if (outcome.kind === 'done') {
          if (outcome.walkForward) walkForwards.set(sweepId, outcome.walkForward);
          repo.setStatus(sweepId, 'DONE', deps.clock.now());
        } else if (outcome.kind === 'cancelled') {
          repo.setStatus(sweepId, 'CANCELLED', deps.clock.now(), 'cancelled: resume it to continue where it stopped');
        } else {
          logger.error('strategy', `sweep ${sweepId} failed: ${outcome.message}`, { sweepId });
          repo.setStatus(sweepId, 'FAILED', deps.clock.now(), outcome.message);
        }
        deps.onStatus(status(sweepId));
      })
      .catch((error: unknown) => logger.error('strategy', 'recording the end of a sweep failed', { sweepId, error }));
  }

  function refuseBusy(): void {
    const [busy] = running.values();
    if (busy) {
      const s = status(busy.sweepId);
      throw new AppError(
        'conflict',
        `a sweep of ${s.strategyName} is running (${s.done} of ${s.total} sets): wait for it or cancel it first`,
      );
    }
  }

  /** The walk-forward summary of a finished sweep: kept from its run, or rebuilt from the stored results. */
  async function walkForwardSummary(sweepId: string, stored: StoredSweep): Promise<WalkForwardSummary | null> {
    const kept = walkForwards.get(sweepId);
    if (kept) return kept;
    const p = replan(stored);
    const columns = await loadCandles(p);
    const now = fingerprint(columns);
    if (
      now.length !== stored.candles.length ||
      now.first !== stored.candles.first ||
      now.last !== stored.candles.last
    ) {
      logger.warn('strategy', `the candles of sweep ${sweepId} changed; its walk-forward chart cannot be rebuilt`);
      return null;
    }
    const summary = await walkForwardOf(p, columns, (k) => repo.results(sweepId, k), deps.clock, deps.executor);
    if (walkForwards.size >= 8) walkForwards.delete(walkForwards.keys().next().value!);
    walkForwards.set(sweepId, summary);
    return summary;
  }

  return {
    /** The strategy's numeric parameters, their values and a range to start from. */
    space(strategyId: string): OptimizeSpace {
      const saved = deps.strategies().get(strategyId);
      const strategy = saved.definition;
      return {
        strategyId,
        strategyName: saved.name,
        symbol: strategy.symbols[0]!,
        timeframe: strategy.timeframe,
        parameters: parameterSpace(strategy).parameters.map((p) => ({
          name: p.name,
          kind: p.kind,
          value: p.value,
          integer: p.integer,
          min: Number.isFinite(p.min) ? p.min : null,
          max: Number.isFinite(p.max) ? p.max : null,
          signals: p.signals,
          defaultRange: suggestedRange(p),
        })),
      };
    },

    /** How many sets, windows and candles, and about how long, timed on one set of these candles. */
    async estimate(request: OptimizeRequest): Promise<OptimizeEstimate> {
      const p = plan(request);
      const columns = await loadCandles(p);
      const windows = checkWindows(p, columns);
      return {
        sets: p.sets.length,
        gridSize: p.gridSize,
        windows,
        candles: columns.length,
        from: p.from,
        to: p.to,
        workers: deps.workers,
        estimatedMs: estimateMs(p, columns, deps.workers, deps.wallTime ?? (() => performance.now())),
        redisUrl: deps.redisUrl?.() ?? null,
      };
    },

    async start(request: OptimizeRequest): Promise<SweepStatusView> {
      refuseBusy();
      const p = plan(request);
      const columns = await loadCandles(p);
      const windows = checkWindows(p, columns);
      refuseBusy();
      const sweepId = deps.newId();
      const stored: StoredSweep = {
        source: 'app',
        request,
        strategyId: p.strategyId,
        strategy: p.strategy,
        symbol: p.symbol,
        from: p.from,
        to: p.to,
        settings: p.settings,
        risk: p.risk,
        windows,
        candles: fingerprint(columns),
      };
      repo.create({
        id: sweepId,
        at: deps.clock.now(),
        strategyName: p.strategy.name,
        request: stored,
        total: p.sets.length * windows,
      });
      launch(sweepId, p, columns, windows);
      return status(sweepId);
    },

    /** Continues a cancelled, failed or interrupted sweep on the same candles, skipping the stored sets. */
    async resume(sweepId: string): Promise<SweepStatusView> {
      const current = status(sweepId);
      if (!current.resumable) {
        throw new AppError(
          'conflict',
          current.status === 'DONE' ? `sweep ${sweepId} is complete` : `sweep ${sweepId} is running`,
        );
      }
      refuseBusy();
      const { stored } = storedOf(sweepId);
      const p = replan(stored);
      const columns = await loadCandles(p);
      const now = fingerprint(columns);
      if (
        now.length !== stored.candles.length ||
        now.first !== stored.candles.first ||
        now.last !== stored.candles.last
      ) {
        throw new AppError(
          'unavailable',
          `the candles of this sweep are no longer the same (${stored.candles.length} then, ${now.length} now): start a new sweep`,
        );
      }
      refuseBusy();
      repo.setStatus(sweepId, 'RUNNING', deps.clock.now());
      launch(sweepId, p, columns, stored.windows);
      return status(sweepId);
    },

    status,

    cancel(sweepId: string): SweepStatusView {
      storedOf(sweepId);
      running.get(sweepId)?.cancel();
      return status(sweepId);
    },

    /** App sweeps, newest first. */
    list(): SweepStatusView[] {
      return repo
        .list(200)
        .filter((row) => isAppSweep(row.request))
        .slice(0, 50)
        .map((row) => statusView(row, row.request as StoredSweep, running.get(row.id)?.live() ?? null));
    },

    /** The ranked sets (so far, while it runs), the overfitting measures, and the walk-forward result once done. */
    async result(sweepId: string, window?: number): Promise<SweepResultView> {
      const { row, stored } = storedOf(sweepId);
      const p = replan(stored);
      const wf = p.walkForward !== null;
      if (wf && window !== undefined && window >= stored.windows) {
        throw new AppError(
          'invalid_input',
          `window: the sweep has ${stored.windows} windows (0 to ${stored.windows - 1})`,
        );
      }
      // Walk-forward: the window asked for, else the one running now, else the latest.
      const live = running.get(sweepId)?.live() ?? null;
      const rowsWindow = wf ? (window ?? live?.window ?? stored.windows - 1) : WHOLE_RANGE;
      const results: SetResult[] = repo.results(sweepId, rowsWindow);
      const { objective, constraints } = stored.request;
      const summary = summariseSweep(results, objective, constraints);
      const s = statusView(row, stored, live);
      return {
        status: s,
        request: stored.request,
        from: stored.from,
        to: stored.to,
        candles: stored.candles.length,
        ranges: p.ranges.map((r) => ({ name: r.name, values: r.values })),
        rowsWindow,
        counts: { total: summary.total, valid: summary.valid, rejected: summary.rejected, invalid: summary.invalid },
        rows: rankSets(results, objective, constraints).map(rowView),
        pbo: summary.pbo?.pbo ?? null,
        deflatedSharpe: summary.deflatedSharpe?.dsr ?? null,
        walkForward: wf && s.status === 'DONE' ? await walkForwardSummary(sweepId, stored) : null,
      };
    },

    /** Saves set `index` of the sweep as a new strategy (not backtested: it may not run before a backtest). */
    saveAsStrategy(input: { sweepId: string; index: number; name?: string | undefined }): SavedStrategy {
      const { stored } = storedOf(input.sweepId);
      const p = replan(stored);
      const values = p.sets[input.index];
      if (!values) {
        throw new AppError('invalid_input', `index: the sweep has sets 0 to ${p.sets.length - 1}, not ${input.index}`);
      }
      const described = Object.entries(values)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
      const name = input.name ?? `${p.strategy.name} (${described})`;
      const definition = {
        ...parameterSpace(p.strategy).apply(values),
        name: name.length > 80 ? `${name.slice(0, 79)}…` : name,
      };
      return deps.strategies().create({ definition });
    },

    /** Cancels the running sweep (its results so far are kept) and waits for it to stop. */
    async close(): Promise<void> {
      const runs = [...running.values()];
      for (const r of runs) r.cancel();
      await Promise.allSettled(runs.map((r) => r.finished));
    },
  };
}

export type OptimizeService = ReturnType<typeof createOptimizeService>;
