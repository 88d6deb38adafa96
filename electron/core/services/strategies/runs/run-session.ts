/**
 * One run as the run manager holds it: its context and runner, its candle subscription, and its
 * state changes (RUNNING / PAUSED / STOPPED), each written to the run, its decision log, the bus
 * and the audit trail (strategy.activated for a start or resume, strategy.paused for a pause or
 * stop, with the action in the details).
 */
import type { AuditActor } from '../../../../../shared/domain/audit.js';
import type { Timeframe } from '../../../../../shared/domain/market.js';
import type { RunState } from '../../../../../shared/domain/strategy-runs.js';
import type { Clock } from '../../../../engine/clock.js';
import type { Logger } from '../../../../logging/types.js';
import type { RunRow, StrategyRunRepo } from '../../../../persistence/repositories/strategy-run-repo.js';
import type { EventBus } from '../../../event-bus.js';
import type { AuditRecorder } from '../../audit-service.js';
import type { MarketService } from '../../market-service.js';
import type { OrderService } from '../../orders/order-service.js';
import type { RiskService } from '../../risk/risk-service.js';
import type { StrategyService } from '../strategy-service.js';
import type { GradedResult } from './activation.js';
import type { ArenaService } from './arena-service.js';
import type { CandleFeed } from './candle-feed.js';
import { RunContext } from './run-context.js';
import { createGridRunner } from './grid-runner.js';
import { createRunner, type Runner } from './runner.js';

export type RunManagerDeps = {
  repo: StrategyRunRepo;
  strategies: Pick<StrategyService, 'get' | 'lastBacktest'>;
  orders: OrderService;
  market: MarketService;
  risk: Pick<RiskService, 'killSwitch' | 'onStopStrategies'>;
  settings: { get(): { paperTradesBeforeLive: number } };
  audit: AuditRecorder;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  newId: () => string;
  /** The gauntlet's verdict on (strategy, symbol, timeframe), if it has run (wired by the core). */
  gauntletVerdict?: (strategyId: string, symbol: string, timeframe: Timeframe) => GradedResult | null;
  /** The runs' sub-accounts (the paper arena), wired by the core. */
  arena?: Pick<ArenaService, 'open' | 'account'>;
};

export type RunSession = {
  ctx: RunContext;
  runner: Runner;
  /** Records the start of a new run. */
  started(message: string, actor: AuditActor): void;
  transition(state: RunState, reason: string | null, actor: AuditActor): void;
  /** Ends the candle subscription. */
  detach(): void;
};

const EVENT_OF = { RUNNING: 'RESUMED', PAUSED: 'PAUSED', STOPPED: 'STOPPED' } as const;

export function runSession(d: RunManagerDeps, row: RunRow, feed: CandleFeed): RunSession {
  const ctx = new RunContext(row, {
    repo: d.repo,
    orders: d.orders,
    market: { candles: (q) => d.market.candles(q), markets: () => d.market.source().markets() },
    logger: d.logger,
    now: () => d.clock.now(),
    marketNow: () => d.market.source().now?.() ?? d.clock.now(),
    account: () => d.arena?.account(row.id) ?? Promise.resolve(null),
    emitRun: (view) => d.bus.emit('strategies.runUpdated', view),
    emitEvent: (event) => d.bus.emit('strategies.runEvent', event),
  });
  const runner = row.kind === 'grid' ? createGridRunner(ctx) : createRunner(ctx);
  const unsubscribe = feed.subscribe(row.symbol, row.timeframe as Timeframe, (candle) => runner.onClosed(candle));

  function audit(action: string, reason: string | null, actor: AuditActor): void {
    const r = ctx.row;
    const kind = action === 'started' || action === 'resumed' ? 'strategy.activated' : 'strategy.paused';
    d.audit.record(
      kind,
      actor,
      `strategy "${r.strategyName}" ${action} on ${r.symbol} ${r.timeframe} (${r.mode})${reason ? `: ${reason}` : ''}`,
      {
        action,
        runId: r.id,
        strategyId: r.strategyId,
        name: r.strategyName,
        symbol: r.symbol,
        timeframe: r.timeframe,
        mode: r.mode,
        grade: r.grade,
        reason,
      },
    );
  }

  return {
    ctx,
    runner,
    started(message, actor) {
      audit('started', null, actor);
      ctx.event('STARTED', message);
      ctx.save();
    },
    transition(state, reason, actor) {
      if (ctx.row.state === state) return;
      const action = state === 'RUNNING' ? 'resumed' : state === 'PAUSED' ? 'paused' : 'stopped';
      audit(action, reason, actor);
      ctx.row.state = state;
      ctx.row.stateReason = reason;
      ctx.event(EVENT_OF[state], reason ?? action);
      ctx.save();
    },
    detach: unsubscribe,
  };
}
