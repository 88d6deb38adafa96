/**
 * The strategy library and its backtests: saved strategies (validated JSON), templates, live
 * validation with the parser's position and suggestion, and backtests on the market service's
 * candles run by an injected runner (the backtest worker in the app), with the last summary per
 * (symbol, timeframe) stored so activation can require a non-FAILED backtest.
 *
 * On the contract: the library calls (strategies.*); the backtest call is not yet (see README).
 */
import { AppError } from '../../../../shared/ipc/envelope.js';
import { TIMEFRAME_MS, type Timeframe } from '../../../../shared/domain/market.js';
import {
  BacktestSettings,
  parseStrategyDefinition,
  STRATEGY_TEMPLATES,
  Strategy,
  type StrategyDefinition,
  type StrategyTemplate,
} from '../../../../shared/domain/strategy.js';
import type { BacktestResult } from '../../../engine/backtest/types.js';
import type { OhlcvColumns } from '../../../engine/strategy/columns.js';
import { checkStrategy } from '../../../engine/strategy/program.js';
import type { BacktestSummary, SavedStrategy, ValidationIssue } from '../../../../shared/domain/strategy-library.js';
import type { StrategyRepo } from '../../../persistence/repositories/strategy-repo.js';

export type Validation = { ok: true; definition: StrategyDefinition } | { ok: false; issues: ValidationIssue[] };

export type BacktestRequest = {
  id?: string;
  definition?: unknown;
  symbol?: string;
  timeframe?: Timeframe;
  from?: number;
  to?: number;
  feeRate?: number;
  slippageBps?: number;
  capital?: number;
};

export type Series = { time: number[]; value: number[] };
export type BacktestReport = {
  strategyId: string | null;
  strategyName: string;
  symbol: string;
  timeframe: Timeframe;
  from: number;
  to: number;
  candles: number;
  settings: BacktestSettings;
  metrics: BacktestResult['metrics'];
  grade: BacktestResult['grade'];
  trades: BacktestResult['trades'];
  vetoes: BacktestResult['vetoes'];
  /** Equity at closes and drawdown from the running peak (%), at most MAX_POINTS points each. */
  equity: Series;
  drawdown: Series;
};

export type BacktestJobInput = {
  strategy: Strategy;
  candles: OhlcvColumns;
  symbol: string;
  settings: BacktestSettings;
};

export type StrategyServiceDeps = {
  repo: StrategyRepo;
  now: () => number;
  newId: () => string;
  /** Candles of the symbol and timeframe with open times in [from, to) (none: backtests are unavailable). */
  candles?: (query: { symbol: string; timeframe: Timeframe; from: number; to: number }) => Promise<OhlcvColumns>;
  /** Runs one backtest (the backtest worker; none: backtests are unavailable). */
  run?: (job: BacktestJobInput) => Promise<BacktestResult>;
};

export const MAX_POINTS = 2_000;
export const DEFAULT_RANGE_MS = 30 * 86_400_000;

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

/** Equity and drawdown, bucketed to at most `max` points: the last equity and the deepest drawdown of each bucket. */
export function downsample(equity: Float64Array, times: (i: number) => number, initial: number, max = MAX_POINTS) {
  const n = equity.length;
  const size = Math.max(1, Math.ceil(n / max));
  const eq: Series = { time: [], value: [] };
  const dd: Series = { time: [], value: [] };
  let peak = initial;
  for (let start = 0; start < n; start += size) {
    const end = Math.min(n, start + size);
    let deepest = 0;
    let deepestAt = start;
    for (let i = start; i < end; i++) {
      const e = equity[i]!;
      if (e > peak) peak = e;
      const d = peak > 0 ? ((peak - e) / peak) * 100 : 0;
      if (d > deepest) {
        deepest = d;
        deepestAt = i;
      }
    }
    eq.time.push(times(end - 1));
    eq.value.push(equity[end - 1]!);
    dd.time.push(times(deepestAt));
    dd.value.push(-deepest);
  }
  return { equity: eq, drawdown: dd };
}

export function createStrategyService(deps: StrategyServiceDeps) {
  const { repo } = deps;

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
     * Backtests a saved strategy (`id`) or a definition over [from, to) (default: the last 30 days).
     * `onProgress` gets coarse fractions: 0 (started), 0.2 (candles loaded), 1 (done).
     */
    async backtest(request: BacktestRequest, onProgress: (fraction: number) => void = () => undefined) {
      const saved = request.id !== undefined ? load(request.id) : null;
      const definition = saved ? saved.definition : requireValid(request.definition);
      if (definition.kind === 'grid') throw new AppError('invalid_input', 'grid strategies cannot be backtested yet');
      const timeframe = request.timeframe ?? definition.timeframe;
      const parsed = Strategy.safeParse({ ...definition, timeframe });
      if (!parsed.success) {
        throw new AppError('invalid_input', `timeframe: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      }
      const strategy = parsed.data;
      const symbol = request.symbol ?? strategy.symbols[0]!;
      const settings = BacktestSettings.safeParse({
        initialCapital: request.capital ?? 10_000,
        feeRate: request.feeRate ?? 0.001,
        slippage: (request.slippageBps ?? 5) / 10_000,
      });
      if (!settings.success) {
        throw new AppError(
          'invalid_input',
          settings.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        );
      }
      const to = request.to ?? deps.now();
      const from = request.from ?? to - DEFAULT_RANGE_MS;
      if (to <= from) throw new AppError('invalid_input', 'to: the range must end after it starts');
      if (!deps.candles || !deps.run) throw new AppError('unavailable', 'backtests are not available in this process');
      const run = deps.run;
      onProgress(0);
      const candles = await deps.candles({ symbol, timeframe, from, to });
      if (candles.length === 0) {
        throw new AppError('unavailable', `there are no ${timeframe} candles of ${symbol} in the chosen range`);
      }
      const times = Float64Array.from(candles.time);
      onProgress(0.2);
      const result = await run({ strategy, candles, symbol, settings: settings.data });
      const span = TIMEFRAME_MS[timeframe];
      const series = downsample(result.equity, (i) => times[i]! + span, settings.data.initialCapital);
      const report: BacktestReport = {
        strategyId: saved?.id ?? null,
        strategyName: strategy.name,
        symbol,
        timeframe,
        from,
        to,
        candles: result.candles,
        settings: settings.data,
        metrics: result.metrics,
        grade: result.grade,
        trades: result.trades,
        vetoes: result.vetoes,
        ...series,
      };
      if (saved) {
        const m = result.metrics;
        const summary: BacktestSummary = {
          symbol,
          timeframe,
          grade: result.grade.grade,
          reasons: result.grade.reasons,
          from,
          to,
          candles: result.candles,
          trades: m.trades,
          netProfitPercent: m.netProfitPercent,
          winRatePercent: m.winRatePercent,
          profitFactor: m.profitFactor,
          maxDrawdownPercent: m.maxDrawdownPercent,
          sharpe: m.sharpe,
          ranAt: deps.now(),
        };
        repo.saveBacktest({
          strategyId: saved.id,
          symbol,
          timeframe,
          grade: summary.grade,
          summary,
          ranAt: summary.ranAt,
        });
      }
      onProgress(1);
      return report;
    },
  };
}

export type StrategyService = ReturnType<typeof createStrategyService>;
