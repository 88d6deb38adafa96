/**
 * What one run works with: its persisted row (kept in memory and saved after every change), the
 * ports of the services it uses, and the helpers that record a decision (a run event, the row,
 * the bus events). Shared by runner.ts (decisions at candle close) and run-orders.ts (fills).
 */
import type { OrderRequestInput, OrderView, PortfolioView } from '../../../../../shared/domain/orders.js';
import type { CandlesQuery, CandlesResult, MarketInfo } from '../../../../../shared/domain/market.js';
import type { TradingMode } from '../../../../../shared/domain/settings.js';
import type { RunEvent, StrategyRunView } from '../../../../../shared/domain/strategy-runs.js';
import type { OrderDetail } from '../../../../../shared/domain/order-queries.js';
import type { AuditActor } from '../../../../../shared/domain/audit.js';
import type { Logger } from '../../../../logging/types.js';
import type { RunRow, StrategyRunRepo } from '../../../../persistence/repositories/strategy-run-repo.js';
import type { SubmitOrigin } from '../../orders/submit.js';
import type { RunAccount } from './arena-service.js';

/** An error's message, for a run event. */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The subset of the order service a run uses. */
export type RunOrders = {
  submit(request: OrderRequestInput, origin: SubmitOrigin): Promise<OrderView>;
  cancel(clientOrderId: string, actor?: AuditActor, reason?: string): Promise<OrderView>;
  get(clientOrderId: string): OrderDetail;
  portfolio(): Promise<PortfolioView>;
  status(): { mode: TradingMode; venue: string };
};

export type RunMarket = {
  candles(query: CandlesQuery): Promise<CandlesResult>;
  markets(): Promise<MarketInfo[]>;
};

/** The runner's own part of the row (runner_state JSON). */
export type RunnerState = {
  /** Average fill price of the open position's entry (decimal text), null when flat. */
  entryPrice: string | null;
  /** What the entry cost and what the exits returned so far (quote, decimal text). */
  entryCost: string;
  exitValue: string;
  /** Returns (P&L / entry cost) of closed trades, oldest first, for Kelly sizing (last 1000). */
  tradeReturns: number[];
  /** Market time the last position was closed (no new entry decided in that candle). */
  lastExitAt: number | null;
};

export const EMPTY_RUNNER_STATE: RunnerState = {
  entryPrice: null,
  entryCost: '0',
  exitValue: '0',
  tradeReturns: [],
  lastExitAt: null,
};

export function readRunnerState(raw: unknown): RunnerState {
  const r = (raw ?? {}) as Partial<RunnerState>;
  return {
    entryPrice: typeof r.entryPrice === 'string' ? r.entryPrice : null,
    entryCost: typeof r.entryCost === 'string' ? r.entryCost : '0',
    exitValue: typeof r.exitValue === 'string' ? r.exitValue : '0',
    tradeReturns: Array.isArray(r.tradeReturns) ? r.tradeReturns.filter((x) => typeof x === 'number') : [],
    lastExitAt: typeof r.lastExitAt === 'number' ? r.lastExitAt : null,
  };
}

export type RunPorts = {
  repo: StrategyRunRepo;
  orders: RunOrders;
  market: RunMarket;
  logger: Logger;
  /** Wall-clock time (row timestamps, fills). */
  now: () => number;
  /** The market's time (simulated time on the simulator). */
  marketNow: () => number;
  /** The run's own equity and cash when it was given a capital (its sub-account); else null. */
  account?: () => Promise<RunAccount | null>;
  emitRun(view: StrategyRunView): void;
  emitEvent(event: RunEvent): void;
};

export function runView(row: RunRow): StrategyRunView {
  return {
    runId: row.id,
    strategyId: row.strategyId,
    strategyName: row.strategyName,
    kind: row.kind,
    symbol: row.symbol,
    timeframe: row.timeframe as StrategyRunView['timeframe'],
    mode: row.mode,
    state: row.state,
    grade: row.grade,
    startedAt: row.startedAt,
    updatedAt: row.updatedAt,
    stateReason: row.stateReason,
    lastEvaluatedAt: row.lastEvaluatedAt,
    positionQuantity: row.positionQuantity,
    ordersPlaced: row.ordersPlaced,
    vetoes: row.vetoes,
    lastError: row.lastError,
  };
}

/** One run's row plus the helpers that persist and announce a change. */
export class RunContext {
  state: RunnerState;
  /**
   * The venue (trading.status's venue) the step under way was decided on: its orders carry it, so
   * the order service refuses them if the trading mode switched meanwhile (run-steps.ts sets it).
   */
  venue: string | null = null;
  /** What save() writes to runner_state: the signal state; a grid run puts its own here (grid-runner.ts). */
  persisted: () => unknown = () => this.state;

  constructor(
    public row: RunRow,
    readonly ports: RunPorts,
  ) {
    this.state = readRunnerState(row.runnerState);
  }

  /** Saves the row (with the runner state) and announces it. */
  save(): void {
    this.row = { ...this.row, runnerState: this.persisted(), updatedAt: this.ports.now() };
    this.ports.repo.save(this.row);
    this.ports.emitRun(runView(this.row));
  }

  /** Appends a decision-log line and announces it. */
  event(kind: RunEvent['kind'], message: string, clientOrderId: string | null = null): void {
    const event: RunEvent = { runId: this.row.id, at: this.ports.now(), kind, message, clientOrderId };
    this.ports.repo.appendEvent(event);
    this.ports.emitEvent(event);
    const level = kind === 'ERROR' ? 'error' : kind === 'VETO' ? 'warn' : 'info';
    this.ports.logger.log(level, 'strategy', `${this.row.strategyName} on ${this.row.symbol}: ${message}`, {
      runId: this.row.id,
      kind,
      clientOrderId,
    });
  }
}
