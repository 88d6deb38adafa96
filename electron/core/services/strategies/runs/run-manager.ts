/**
 * All strategy runs: activation (the rules of activation.ts, decided here in the main process),
 * pause, resume (the rules are checked again), stop (the run's open orders are cancelled; the
 * position is left to the user, who sees it in the portfolio and may sell it), the kill switch
 * (pauses every running run, reason "kill switch: ..."), a trading-mode change (stops the runs of
 * the old mode) and a restart (runs that were RUNNING resume if the trading mode is still the one
 * they were started in; else they are stopped, with the reason). Runs and their decision logs are
 * announced on the bus as strategies.runUpdated / strategies.runEvent.
 */
import type { AuditActor } from '../../../../../shared/domain/audit.js';
import type { Timeframe } from '../../../../../shared/domain/market.js';
import type { OrderView } from '../../../../../shared/domain/orders.js';
import type {
  ActivationCheck,
  ActivationQuery,
  RunEvent,
  StrategyRunView,
} from '../../../../../shared/domain/strategy-runs.js';
import type { SavedStrategy } from '../../../../../shared/domain/strategy-library.js';
import { AppError } from '../../../../../shared/ipc/envelope.js';
import type { StrategyRunRepo } from '../../../../persistence/repositories/strategy-run-repo.js';
import { checkActivation, type GradedResult } from './activation.js';
import { createCandleFeed } from './candle-feed.js';
import { runSession, type RunManagerDeps, type RunSession } from './run-session.js';
import { EMPTY_RUNNER_STATE, runView } from './run-context.js';
import { initialGridRunState } from './grid-run-state.js';

export type { RunManagerDeps } from './run-session.js';
export type GauntletVerdict = (strategyId: string, symbol: string, timeframe: Timeframe) => GradedResult | null;

export type RunManager = {
  check(query: ActivationQuery): ActivationCheck;
  activate(query: ActivationQuery, actor?: AuditActor): StrategyRunView;
  runs(): StrategyRunView[];
  pause(runId: string, reason?: string, actor?: AuditActor): StrategyRunView;
  resume(runId: string, actor?: AuditActor): StrategyRunView;
  stop(runId: string, reason?: string, actor?: AuditActor): Promise<StrategyRunView>;
  events(query: { runId: string; limit: number }): RunEvent[];
  /** Listens to the bus and the kill switch, then resumes the runs that were RUNNING. */
  start(): Promise<void>;
  /** Resolves when every run has finished what it was doing. */
  idle(): Promise<void>;
  close(): Promise<void>;
};

export function createRunManager(d: RunManagerDeps): RunManager {
  const repo: StrategyRunRepo = d.repo;
  const feed = createCandleFeed(() => d.market.source(), d.logger);
  const sessions = new Map<string, RunSession>();
  const cleanups: (() => void)[] = [];
  const mode = () => d.orders.status().mode;

  function target(query: ActivationQuery): { saved: SavedStrategy; symbol: string; timeframe: Timeframe } {
    const saved = d.strategies.get(query.id);
    return {
      saved,
      symbol: query.symbol ?? saved.definition.symbols[0]!,
      timeframe: query.timeframe ?? saved.definition.timeframe,
    };
  }

  function evaluate(query: ActivationQuery, ignoreRun: string | null) {
    const { saved, symbol, timeframe } = target(query);
    const backtest = d.strategies.lastBacktest(saved.id, symbol, timeframe);
    const existing = repo.active(saved.id, symbol);
    const check = checkActivation({
      strategy: {
        name: saved.name,
        kind: saved.definition.kind === 'grid' ? 'grid' : 'signal',
        updatedAt: saved.updatedAt,
      },
      symbol,
      timeframe,
      mode: mode(),
      backtest: backtest ? { grade: backtest.grade, ranAt: backtest.ranAt } : null,
      gauntlet: d.gauntletVerdict?.(saved.id, symbol, timeframe) ?? null,
      paperTradesSince: (since) => repo.paperTrades(saved.id, since),
      paperTradesRequired: d.settings.get().paperTradesBeforeLive,
      killSwitchEngaged: d.risk.killSwitch().engaged,
      existingRun: existing && existing.id !== ignoreRun ? (existing.state as 'RUNNING' | 'PAUSED') : null,
    });
    return { saved, symbol, timeframe, check };
  }

  const publicCheck = ({ approvedAt: _approvedAt, ...check }: ActivationCheck & { approvedAt: number | null }) => check;

  function session(runId: string): RunSession {
    const s = sessions.get(runId);
    if (s) return s;
    const row = repo.get(runId);
    if (!row) throw new AppError('not_found', `there is no strategy run ${runId}`);
    throw new AppError('conflict', `the run ${runId} is stopped: activate the strategy again to start a new run`);
  }

  function attach(row: Parameters<typeof runSession>[1]): RunSession {
    const s = runSession(d, row, feed);
    sessions.set(row.id, s);
    return s;
  }

  function pause(runId: string, reason = 'paused by the user', actor: AuditActor = 'user'): StrategyRunView {
    const s = session(runId);
    if (s.ctx.row.state === 'RUNNING') s.transition('PAUSED', reason, actor);
    return runView(s.ctx.row);
  }

  async function stop(runId: string, reason = 'stopped by the user', actor: AuditActor = 'user', cancel = true) {
    const s = session(runId);
    s.transition('STOPPED', reason, actor);
    sessions.delete(runId);
    if (cancel) await s.runner.cancelOpenOrders(`the run stopped (${reason})`);
    s.detach();
    return runView(s.ctx.row);
  }

  function onOrder(view: OrderView): void {
    const own =
      repo.order(view.clientOrderId) ?? (view.parentClientOrderId ? repo.order(view.parentClientOrderId) : null);
    if (own) sessions.get(own.runId)?.runner.onOrderUpdate(view);
  }

  /** Runs of another trading mode than the current one are stopped (their orders are on the other venue). */
  function checkMode(): void {
    const now = mode();
    for (const s of [...sessions.values()]) {
      if (s.ctx.row.mode === now) continue;
      void stop(
        s.ctx.row.id,
        `the trading mode changed to ${now}; the run traded in ${s.ctx.row.mode}`,
        'system',
        false,
      );
    }
  }

  return {
    check: (query) => publicCheck(evaluate(query, null).check),
    activate(query, actor = 'user') {
      const { saved, symbol, timeframe, check } = evaluate(query, null);
      if (!check.allowed) {
        const code = repo.active(saved.id, symbol) ? 'conflict' : 'forbidden';
        throw new AppError(
          code,
          `"${saved.name}" cannot run on ${symbol} ${timeframe} in ${check.mode}: ${check.reasons.join('; ')}`,
        );
      }
      const now = d.clock.now();
      const kind: 'signal' | 'grid' = saved.definition.kind === 'grid' ? 'grid' : 'signal';
      const row = {
        id: d.newId(),
        strategyId: saved.id,
        strategyName: saved.name,
        definition: saved.definition,
        kind,
        symbol,
        timeframe,
        mode: check.mode,
        state: 'RUNNING' as const,
        grade: check.grade!,
        approvedAt: check.approvedAt!,
        startedAt: now,
        updatedAt: now,
        stateReason: null,
        lastEvaluatedAt: null,
        positionQuantity: '0',
        ordersPlaced: 0,
        vetoes: 0,
        lastError: null,
        runnerState: kind === 'grid' ? initialGridRunState() : EMPTY_RUNNER_STATE,
      };
      repo.insert(row);
      // Its sub-account: the capital it was given, or the account's equity now (it shares the account).
      d.arena
        ?.open(row, query.capital ?? null)
        .catch((error: unknown) =>
          d.logger.error('strategy', `the sub-account of run ${row.id} was not recorded`, { error }),
        );
      const s = attach(row);
      s.started(`started in ${check.mode}, grade ${check.grade} (${check.gradeSource})`, actor);
      return runView(s.ctx.row);
    },
    runs: () => repo.list().map((r) => runView(sessions.get(r.id)?.ctx.row ?? r)),
    pause,
    resume(runId, actor = 'user') {
      const s = session(runId);
      const row = s.ctx.row;
      if (row.state === 'RUNNING') return runView(row);
      if (row.mode !== mode()) {
        throw new AppError('forbidden', `the run traded in ${row.mode} and the trading mode is now ${mode()}: stop it`);
      }
      const { check } = evaluate(
        { id: row.strategyId, symbol: row.symbol, timeframe: row.timeframe as Timeframe },
        row.id,
      );
      if (!check.allowed) throw new AppError('forbidden', `the run cannot resume: ${check.reasons.join('; ')}`);
      s.transition('RUNNING', null, actor);
      s.runner.reprotect();
      return runView(s.ctx.row);
    },
    stop: (runId, reason, actor) => stop(runId, reason, actor),
    events: ({ runId, limit }) => {
      if (!repo.get(runId)) throw new AppError('not_found', `there is no strategy run ${runId}`);
      return repo.events(runId, limit);
    },
    async start() {
      cleanups.push(
        d.bus.subscribe((name, payload) => {
          if (name === 'orders.updated') onOrder(payload as OrderView);
          else if (name === 'market.status') feed.refresh();
          else if (name === 'orders.reconciled' || name === 'settings.changed') checkMode();
        }),
        d.risk.onStopStrategies((reason) => {
          for (const s of sessions.values()) if (s.ctx.row.state === 'RUNNING') pause(s.ctx.row.id, reason, 'engine');
        }),
      );
      await d.orders.start();
      const current = mode();
      for (const row of [...repo.byState('RUNNING'), ...repo.byState('PAUSED')]) {
        if (sessions.has(row.id)) continue;
        const s = attach(row);
        if (row.mode !== current) {
          await stop(row.id, `the trading mode is now ${current}; the run was started in ${row.mode}`, 'system', false);
          continue;
        }
        s.runner.resync();
        if (row.state !== 'RUNNING') continue;
        const ks = d.risk.killSwitch();
        if (ks.engaged) pause(row.id, `kill switch: ${ks.reason ?? 'engaged'}`, 'engine');
        else {
          s.ctx.event('RESUMED', 'resumed after a restart');
          s.runner.reprotect();
        }
      }
    },
    async idle() {
      await Promise.all([...sessions.values()].map((s) => s.runner.idle()));
    },
    async close() {
      for (const c of cleanups.splice(0)) c();
      feed.close();
      const all = [...sessions.values()];
      sessions.clear();
      await Promise.all(all.map((s) => s.runner.idle()));
      for (const s of all) s.detach();
    },
  };
}
