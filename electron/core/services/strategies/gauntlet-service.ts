/**
 * The validation gauntlet over the contract (strategies.gauntlet) and for the AI generation service
 * (runGauntletFor), for signal and grid strategies alike: loads the 90 days of candles before `to` (the market service's active source),
 * runs the gauntlet as a job of the strategies job registry in the job worker (kind "gauntlet", off
 * the main thread; progress as strategies.progress events: candles 0-10 %, then the engine's stages;
 * strategies.cancelJob cancels it), builds the GauntletReport, and for a saved strategy stores it
 * (gauntlet_results, the latest per strategy, symbol and timeframe is what activation reads) and
 * records it in the audit trail.
 */
import type { BacktestRequest } from '../../../../shared/domain/backtest-report.js';
import type { GauntletReport, GauntletRequest } from '../../../../shared/domain/gauntlet.js';
import type { Timeframe } from '../../../../shared/domain/market.js';
import type { RiskSettings } from '../../../../shared/domain/risk.js';
import type { StrategyDefinition } from '../../../../shared/domain/strategy.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import type { GauntletJob } from '../../../adapters/workers/gauntlet-job.js';
import type { GauntletResult } from '../../../engine/gauntlet/run.js';
import { DAY_MS } from '../../../engine/gauntlet/windows.js';
import { OOS_WINDOW_DAYS } from '../../../engine/gauntlet/out-of-sample.js';
import type { OhlcvColumns } from '../../../engine/strategy/columns.js';
import type { GauntletRepo, GauntletVerdictRow } from '../../../persistence/repositories/gauntlet-repo.js';
import type { AuditRecorder } from '../audit-service.js';
import type { JobHandle, JobRegistry } from './backtest-jobs.js';
import { planBacktest, type CandleQuery, type RunControl } from './backtest-run.js';
import { toGauntletReport } from './gauntlet-report.js';
import { validateDefinition } from './strategy-service.js';

export type GauntletServiceDeps = {
  /** A saved strategy's definition and name (not_found when there is none). */
  strategy: (id: string) => { id: string; name: string; definition: StrategyDefinition };
  repo: GauntletRepo;
  jobs: JobRegistry;
  candles: (query: CandleQuery) => Promise<OhlcvColumns>;
  /** Runs the gauntlet job (the job worker), cancelled when control.signal aborts. */
  run: (job: GauntletJob, control: RunControl) => Promise<GauntletResult>;
  riskSettings?: () => RiskSettings;
  audit: AuditRecorder;
  /** Wall time for ranAt. */
  now: () => number;
  /** The default end of the range: the market's now (simulated time for the simulator). */
  marketNow: () => number;
  wallTime?: () => number;
};

/** What runGauntletFor tests: a saved strategy, or a definition (e.g. one just generated, unsaved). */
export type GauntletTarget = { strategyId: string } | { definition: unknown; label?: string };

export const UNSAVED_STRATEGY_ID = 'unsaved';

export function createGauntletService(deps: GauntletServiceDeps) {
  const wallTime = deps.wallTime ?? (() => performance.now());

  async function execute(
    definition: StrategyDefinition,
    strategyId: string,
    options: { jobId: string; symbol?: string; timeframe?: Timeframe; to?: number },
    job: JobHandle,
  ): Promise<GauntletReport> {
    const began = wallTime();
    const to = options.to ?? deps.marketNow();
    const from = to - OOS_WINDOW_DAYS * DAY_MS;
    const request = {
      jobId: options.jobId,
      symbol: options.symbol,
      timeframe: options.timeframe,
      from,
      to,
      risk: 'default',
    };
    const plan = planBacktest(definition, request as BacktestRequest, to);
    job.progress('candles', 0, `loading ${plan.timeframe} candles of ${plan.symbol}`);
    const candles = await deps.candles({ symbol: plan.symbol, timeframe: plan.timeframe, from, to });
    job.check();
    if (candles.length === 0 || candles.time[candles.length - 1]! < to - 30 * DAY_MS) {
      throw new AppError(
        'unavailable',
        `there are no ${plan.timeframe} candles of ${plan.symbol} in the last 30 days before the end of the range: choose a symbol with market data, or import candles`,
      );
    }
    const times = Float64Array.from(candles.time);
    job.progress('running', 0.1, `running the gauntlet on ${candles.length} candles`);
    const result = await deps.run(
      {
        strategy: plan.strategy,
        candles,
        to,
        symbol: plan.symbol,
        settings: plan.settings,
        risk: deps.riskSettings?.() ?? null,
        seed: `${strategyId}:${plan.symbol}:${plan.timeframe}:${to}`,
      },
      { signal: job.signal, onProgress: (f, message) => job.progress('running', 0.1 + 0.9 * f, message) },
    );
    job.check();
    return toGauntletReport(result, times, {
      jobId: options.jobId,
      strategyId,
      strategyName: plan.strategy.name,
      symbol: plan.symbol,
      timeframe: plan.timeframe,
      risk: 'default',
      ranAt: deps.now(),
      elapsedMs: wallTime() - began,
    });
  }

  /** Stores a saved strategy's report and audits it. */
  function store(strategyId: string, report: GauntletReport): void {
    const stored = { ...report, strategyId, backtest: { ...report.backtest, strategyId } };
    deps.repo.insert(stored);
    deps.audit.record(
      'strategy.gauntlet',
      'user',
      `gauntlet of "${report.strategyName}" on ${report.symbol} ${report.timeframe}: ${report.verdict.grade}`,
      {
        strategyId,
        symbol: report.symbol,
        timeframe: report.timeframe,
        verdict: report.verdict.grade,
        reasons: report.verdict.reasons,
        backtestGrade: report.backtest.grade.grade,
        outOfSampleGrade: report.outOfSample.outOfSample.grade,
        overfitting: report.outOfSample.overfitting,
        costStressGrade: report.costStress.figures.grade,
        stabilitySharePercent: report.stability.sharePercent,
        monteCarloP95DrawdownPercent: report.monteCarlo.p95DrawdownPercent,
        ranAt: report.ranAt,
      },
    );
  }

  function resolve(target: GauntletTarget): { definition: StrategyDefinition; strategyId: string; saved: boolean } {
    if ('strategyId' in target) {
      const s = deps.strategy(target.strategyId);
      return { definition: s.definition, strategyId: s.id, saved: true };
    }
    const v = validateDefinition(target.definition);
    if (!v.ok) {
      throw new AppError(
        'invalid_input',
        v.issues.map((i) => `${i.path.join('.') || 'the strategy'}: ${i.message}`).join('; '),
      );
    }
    return { definition: v.definition, strategyId: target.label ?? UNSAVED_STRATEGY_ID, saved: false };
  }

  /**
   * Runs the gauntlet as job `jobId`; a saved strategy's result is stored and audited. `onProgress`
   * receives the same fractions as the strategies.progress events; aborting `signal` cancels.
   */
  async function runGauntletFor(
    target: GauntletTarget,
    symbol: string | undefined,
    timeframe: Timeframe | undefined,
    jobId: string,
    onProgress?: (fraction: number, message: string) => void,
    signal?: AbortSignal,
    to?: number,
  ): Promise<GauntletReport> {
    const { definition, strategyId, saved } = resolve(target);
    if (signal?.aborted) throw new AppError('cancelled', 'the gauntlet was cancelled');
    const cancel = () => deps.jobs.cancel(jobId);
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      return await deps.jobs.run(jobId, 'gauntlet', async (job) => {
        const handle: JobHandle = onProgress
          ? {
              signal: job.signal,
              check: () => job.check(),
              progress(phase, fraction, message) {
                job.progress(phase, fraction, message);
                if (!job.signal.aborted) onProgress(fraction, message);
              },
            }
          : job;
        const report = await execute(definition, strategyId, { jobId, symbol, timeframe, to }, handle);
        if (saved) store(strategyId, report);
        return report;
      });
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }

  return {
    /** strategies.gauntlet: a saved strategy. */
    gauntlet: (request: GauntletRequest): Promise<GauntletReport> =>
      runGauntletFor(
        { strategyId: request.id },
        request.symbol,
        request.timeframe,
        request.jobId,
        undefined,
        undefined,
        request.to,
      ),
    runGauntletFor,
    /** Stores (and audits) a report under a saved strategy, e.g. a generated one once approved. */
    store,
    latest: (strategyId: string, symbol: string, timeframe: Timeframe): GauntletReport | null =>
      deps.repo.latest(strategyId, symbol, timeframe),
    /** For the activation rules: the latest verdict on (symbol, timeframe), or null if none ran. */
    gauntletVerdict: (strategyId: string, symbol: string, timeframe: Timeframe): GauntletVerdictRow | null =>
      deps.repo.verdict(strategyId, symbol, timeframe),
    cancel: (jobId: string): boolean => deps.jobs.cancel(jobId),
  };
}

export type GauntletService = ReturnType<typeof createGauntletService>;
