/**
 * The strategy library and its backtests: saved strategies (validated JSON), templates, live
 * validation with the parser's position and suggestion, and backtests (strategies.backtest) run as
 * jobs (backtest-jobs.ts: progress events, strategies.cancelJob) on the market's candles by an
 * injected runner (the job worker in the app; backtest-run.ts builds the report). The summary of
 * the last backtest per (symbol, timeframe) of a saved strategy is stored: activation requires a
 * non-FAILED one.
 */
import type { BacktestReport, BacktestRequest } from '../../../../shared/domain/backtest-report.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import type { Timeframe } from '../../../../shared/domain/market.js';
import {
  parseStrategyDefinition,
  STRATEGY_TEMPLATES,
  type StrategyDefinition,
  type StrategyTemplate,
} from '../../../../shared/domain/strategy.js';
import { checkStrategy } from '../../../engine/strategy/program.js';
import type { BacktestSummary, SavedStrategy, ValidationIssue } from '../../../../shared/domain/strategy-library.js';
import type { StrategyRepo } from '../../../persistence/repositories/strategy-repo.js';
import { createJobRegistry, type JobRegistry } from './backtest-jobs.js';
import { executeBacktest, planBacktest, summaryOf, type BacktestPorts } from './backtest-run.js';

export { DEFAULT_RANGE_MS, type BacktestJobInput } from './backtest-run.js';
export { downsample, MAX_POINTS } from './report-view.js';

export type Validation = { ok: true; definition: StrategyDefinition } | { ok: false; issues: ValidationIssue[] };

export type StrategyServiceDeps = {
  repo: StrategyRepo;
  now: () => number;
  newId: () => string;
  /** Candles, the runner and the risk settings (none: backtests are unavailable). */
  backtests?: BacktestPorts;
  /** The default end of a backtest's range: the market's now (default `now`). */
  marketNow?: () => number;
  /** Where backtests run as jobs (default: a registry of its own, progress dropped). */
  jobs?: JobRegistry;
};

/** Schema and condition problems of a definition, each with its path, position and suggestion. */
export function validateDefinition(input: unknown): Validation {
  const isGrid = typeof input === 'object' && input !== null && (input as { kind?: unknown }).kind === 'grid';
  if (isGrid) {
    const parsed = parseStrategyDefinition(input);
    if (parsed.success) return { ok: true, definition: parsed.data };
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: i.message,
        position: null,
        suggestion: null,
      })),
    };
  }
  const checked = checkStrategy(input);
  if (checked.ok) return { ok: true, definition: checked.strategy };
  return {
    ok: false,
    issues: checked.issues.map((i) => ({
      path: i.path,
      message: i.condition?.message ?? i.message,
      position: i.condition
        ? { offset: i.condition.offset, length: i.condition.length, line: i.condition.line, column: i.condition.column }
        : null,
      suggestion: i.condition?.suggestion ?? null,
    })),
  };
}

function describeIssues(issues: ValidationIssue[]): string {
  return issues
    .map((i) => {
      const where = i.path.length > 0 ? i.path.join('.') : 'the strategy';
      const at = i.position ? ` (line ${i.position.line}, column ${i.position.column})` : '';
      const fix = i.suggestion !== null ? `; did you mean "${i.suggestion}"?` : '';
      return `${where}${at}: ${i.message}${fix}`;
    })
    .join('; ');
}

function requireValid(input: unknown): StrategyDefinition {
  const v = validateDefinition(input);
  if (!v.ok) throw new AppError('invalid_input', describeIssues(v.issues));
  return v.definition;
}

export function createStrategyService(deps: StrategyServiceDeps) {
  const { repo } = deps;
  const jobs = deps.jobs ?? createJobRegistry();

  function load(id: string): SavedStrategy {
    const row = repo.get(id);
    if (!row) throw new AppError('not_found', `there is no strategy ${id}`);
    return {
      id: row.id,
      name: row.name,
      definition: row.definition as StrategyDefinition,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      backtests: repo.backtests(id).map((b) => b.summary as BacktestSummary),
    };
  }

  function save(definition: StrategyDefinition): SavedStrategy {
    const now = deps.now();
    const id = deps.newId();
    repo.insert({ id, name: definition.name, definition, createdAt: now, updatedAt: now });
    return load(id);
  }

  /** Stores the summary of a backtest (with the risk gate on) as the strategy's last on its symbol and timeframe. */
  function storeSummary(strategyId: string, report: BacktestReport, ranAt: number): void {
    const summary = summaryOf(report, ranAt);
    repo.saveBacktest({
      strategyId,
      symbol: summary.symbol,
      timeframe: summary.timeframe,
      grade: summary.grade,
      summary,
      ranAt: summary.ranAt,
    });
  }

  return {
    templates: (): readonly StrategyTemplate[] => STRATEGY_TEMPLATES,
    validate: validateDefinition,
    list: (): SavedStrategy[] => repo.list().map((r) => load(r.id)),
    get: load,
    create(input: { definition: unknown } | { templateId: string }): SavedStrategy {
      if ('templateId' in input) {
        const template = STRATEGY_TEMPLATES.find((t) => t.id === input.templateId);
        if (!template) {
          throw new AppError(
            'invalid_input',
            `templateId: there is no template "${input.templateId}"; templates: ${STRATEGY_TEMPLATES.map((t) => t.id).join(', ')}`,
          );
        }
        return save(template.strategy);
      }
      return save(requireValid(input.definition));
    },
    update(id: string, definition: unknown): SavedStrategy {
      const valid = requireValid(definition);
      if (!repo.update(id, valid.name, valid, deps.now()))
        throw new AppError('not_found', `there is no strategy ${id}`);
      return load(id);
    },
    duplicate(id: string): SavedStrategy {
      const original = load(id);
      return save(requireValid({ ...original.definition, name: `${original.name.slice(0, 73)} (copy)` }));
    },
    delete(id: string): void {
      if (!repo.delete(id)) throw new AppError('not_found', `there is no strategy ${id}`);
    },
    /** The stored summary of the last backtest on (symbol, timeframe), or null. */
    lastBacktest(id: string, symbol: string, timeframe: Timeframe): BacktestSummary | null {
      return (repo.backtest(id, symbol, timeframe)?.summary as BacktestSummary | undefined) ?? null;
    },
    /**
     * Backtests a saved strategy (`id`) or a definition as job `request.jobId`; the summary of a
     * saved strategy's backtest is stored (activation relies on it) only when it ran with the risk
     * gate on: a run with risk "off" does not qualify a strategy to trade. Cancelled
     * (strategies.cancelJob): AppError('cancelled').
     */
    async backtest(request: BacktestRequest): Promise<BacktestReport> {
      const saved = request.id !== undefined ? load(request.id) : null;
      const definition = saved ? saved.definition : requireValid(request.definition);
      const ports = deps.backtests;
      const plan = planBacktest(definition, request, (deps.marketNow ?? deps.now)(), ports?.venueFeeRate?.());
      if (!ports) throw new AppError('unavailable', 'backtests are not available in this process');
      return jobs.run(request.jobId, 'backtest', async (job) => {
        const report = await executeBacktest(plan, ports, job, { jobId: request.jobId, strategyId: saved?.id ?? null });
        job.check();
        if (saved && plan.risk === 'default') storeSummary(saved.id, report, deps.now());
        return report;
      });
    },
    /**
     * Records a backtest run elsewhere (the gauntlet's 30-day backtest of an approved AI
     * generation: the same definition, tested before it was saved) as of `ranAt`.
     */
    recordBacktest(strategyId: string, report: BacktestReport, ranAt: number): void {
      load(strategyId);
      storeSummary(strategyId, report, ranAt);
    },
    /** Cancels a running job (a backtest, or another job of the registry): false if none runs with this id. */
    cancelJob: (jobId: string): boolean => jobs.cancel(jobId),
    /** Cancels every running job (shutdown). */
    cancelAllJobs: (): void => jobs.cancelAll(),
  };
}

export type StrategyService = ReturnType<typeof createStrategyService>;
