import type { Database } from 'better-sqlite3';
import type { RunEvent, RunState } from '../../../shared/domain/strategy-runs.js';
import type { TradingMode } from '../../../shared/domain/settings.js';
import type { QualityGrade } from '../../../shared/domain/strategy.js';

/**
 * Strategy runs in workstation.db (migration 007): the runs, the orders each placed (with their
 * role and filled quantity) and the append-only decision log. Raw JSON in and out for the
 * definition snapshot and the runner's state: the run manager validates them.
 */
export type RunRow = {
  id: string;
  strategyId: string;
  strategyName: string;
  definition: unknown;
  kind: 'signal' | 'grid';
  symbol: string;
  timeframe: string;
  mode: TradingMode;
  state: RunState;
  grade: QualityGrade;
  approvedAt: number;
  startedAt: number;
  updatedAt: number;
  stateReason: string | null;
  lastEvaluatedAt: number | null;
  positionQuantity: string;
  ordersPlaced: number;
  vetoes: number;
  lastError: string | null;
  runnerState: unknown;
};

export type RunOrderRole = 'entry' | 'exit' | 'stop_loss' | 'take_profit' | 'trailing_stop';
export type RunOrderRow = {
  clientOrderId: string;
  runId: string;
  role: RunOrderRole;
  side: 'buy' | 'sell';
  placedAt: number;
  filled: string;
  firstFillAt: number | null;
  done: boolean;
};

export type StrategyRunRepo = {
  insert(row: RunRow): void;
  /** Writes every mutable column of the run. */
  save(row: RunRow): void;
  get(id: string): RunRow | null;
  /** Newest first. */
  list(): RunRow[];
  byState(state: RunState): RunRow[];
  /** The run of this strategy on this symbol that is not STOPPED, if any. */
  active(strategyId: string, symbol: string): RunRow | null;
  addOrder(row: Omit<RunOrderRow, 'filled' | 'firstFillAt' | 'done'>): void;
  order(clientOrderId: string): RunOrderRow | null;
  /** The run's orders that have not ended. */
  openOrders(runId: string): RunOrderRow[];
  /** Every order the run placed, oldest first. */
  orders(runId: string): RunOrderRow[];
  updateOrder(clientOrderId: string, filled: string, firstFillAt: number | null, done: boolean): void;
  /** Filled entries (any fill) of this strategy's PAPER runs with a first fill at or after `since`. */
  paperTrades(strategyId: string, since: number): number;
  appendEvent(event: RunEvent): void;
  /** Newest first. */
  events(runId: string, limit: number): RunEvent[];
};

type Raw = {
  id: string;
  strategy_id: string;
  strategy_name: string;
  definition: string;
  kind: 'signal' | 'grid';
  symbol: string;
  timeframe: string;
  mode: TradingMode;
  state: RunState;
  grade: QualityGrade;
  approved_at: number;
  started_at: number;
  updated_at: number;
  state_reason: string | null;
  last_evaluated_at: number | null;
  position_quantity: string;
  orders_placed: number;
  vetoes: number;
  last_error: string | null;
  runner_state: string;
};
type RawOrder = {
  client_order_id: string;
  run_id: string;
  role: RunOrderRole;
  side: 'buy' | 'sell';
  placed_at: number;
  filled: string;
  first_fill_at: number | null;
  done: number;
};
type RawEvent = { run_id: string; at: number; kind: RunEvent['kind']; message: string; client_order_id: string | null };

const toRow = (r: Raw): RunRow => ({
  id: r.id,
  strategyId: r.strategy_id,
  strategyName: r.strategy_name,
  definition: JSON.parse(r.definition) as unknown,
  kind: r.kind,
  symbol: r.symbol,
  timeframe: r.timeframe,
  mode: r.mode,
  state: r.state,
  grade: r.grade,
  approvedAt: r.approved_at,
  startedAt: r.started_at,
  updatedAt: r.updated_at,
  stateReason: r.state_reason,
  lastEvaluatedAt: r.last_evaluated_at,
  positionQuantity: r.position_quantity,
  ordersPlaced: r.orders_placed,
  vetoes: r.vetoes,
  lastError: r.last_error,
  runnerState: JSON.parse(r.runner_state) as unknown,
});
const toOrder = (r: RawOrder): RunOrderRow => ({
  clientOrderId: r.client_order_id,
  runId: r.run_id,
  role: r.role,
  side: r.side,
  placedAt: r.placed_at,
  filled: r.filled,
  firstFillAt: r.first_fill_at,
  done: r.done === 1,
});

export function createStrategyRunRepo(db: Database): StrategyRunRepo {
  const insert = db.prepare(`INSERT INTO strategy_runs (id, strategy_id, strategy_name, definition, kind, symbol,
    timeframe, mode, state, grade, approved_at, started_at, updated_at, state_reason, last_evaluated_at,
    position_quantity, orders_placed, vetoes, last_error, runner_state) VALUES (@id, @strategy_id, @strategy_name,
    @definition, @kind, @symbol, @timeframe, @mode, @state, @grade, @approved_at, @started_at, @updated_at,
    @state_reason, @last_evaluated_at, @position_quantity, @orders_placed, @vetoes, @last_error, @runner_state)`);
  const save = db.prepare(`UPDATE strategy_runs SET state = @state, updated_at = @updated_at,
    state_reason = @state_reason, last_evaluated_at = @last_evaluated_at, position_quantity = @position_quantity,
    orders_placed = @orders_placed, vetoes = @vetoes, last_error = @last_error, runner_state = @runner_state
    WHERE id = @id`);
  const get = db.prepare<[string], Raw>('SELECT * FROM strategy_runs WHERE id = ?');
  const list = db.prepare<[], Raw>('SELECT * FROM strategy_runs ORDER BY started_at DESC, id');
  const byState = db.prepare<[string], Raw>('SELECT * FROM strategy_runs WHERE state = ? ORDER BY started_at, id');
  const active = db.prepare<[string, string], Raw>(
    "SELECT * FROM strategy_runs WHERE strategy_id = ? AND symbol = ? AND state <> 'STOPPED'",
  );
  const addOrder = db.prepare<[string, string, string, string, number]>(
    'INSERT INTO strategy_run_orders (client_order_id, run_id, role, side, placed_at) VALUES (?, ?, ?, ?, ?)',
  );
  const order = db.prepare<[string], RawOrder>('SELECT * FROM strategy_run_orders WHERE client_order_id = ?');
  const openOrders = db.prepare<[string], RawOrder>(
    'SELECT * FROM strategy_run_orders WHERE run_id = ? AND done = 0 ORDER BY placed_at, client_order_id',
  );
  const allOrders = db.prepare<[string], RawOrder>(
    'SELECT * FROM strategy_run_orders WHERE run_id = ? ORDER BY placed_at, client_order_id',
  );
  const updateOrder = db.prepare<[string, number | null, number, string]>(
    'UPDATE strategy_run_orders SET filled = ?, first_fill_at = ?, done = ? WHERE client_order_id = ?',
  );
  const paperTrades = db.prepare<[string, number], { n: number }>(`SELECT COUNT(*) AS n FROM strategy_run_orders o
    JOIN strategy_runs r ON r.id = o.run_id WHERE r.strategy_id = ? AND r.mode = 'PAPER' AND o.role = 'entry'
    AND o.first_fill_at IS NOT NULL AND o.first_fill_at >= ?`);
  const appendEvent = db.prepare<[string, number, string, string, string | null]>(
    'INSERT INTO strategy_run_events (run_id, at, kind, message, client_order_id) VALUES (?, ?, ?, ?, ?)',
  );
  const events = db.prepare<[string, number], RawEvent>(
    'SELECT * FROM strategy_run_events WHERE run_id = ? ORDER BY id DESC LIMIT ?',
  );

  const params = (row: RunRow) => ({
    id: row.id,
    strategy_id: row.strategyId,
    strategy_name: row.strategyName,
    definition: JSON.stringify(row.definition),
    kind: row.kind,
    symbol: row.symbol,
    timeframe: row.timeframe,
    mode: row.mode,
    state: row.state,
    grade: row.grade,
    approved_at: row.approvedAt,
    started_at: row.startedAt,
    updated_at: row.updatedAt,
    state_reason: row.stateReason,
    last_evaluated_at: row.lastEvaluatedAt,
    position_quantity: row.positionQuantity,
    orders_placed: row.ordersPlaced,
    vetoes: row.vetoes,
    last_error: row.lastError,
    runner_state: JSON.stringify(row.runnerState),
  });

  return {
    insert: (row) => void insert.run(params(row)),
    save(row) {
      const p = params(row);
      save.run({
        id: p.id,
        state: p.state,
        updated_at: p.updated_at,
        state_reason: p.state_reason,
        last_evaluated_at: p.last_evaluated_at,
        position_quantity: p.position_quantity,
        orders_placed: p.orders_placed,
        vetoes: p.vetoes,
        last_error: p.last_error,
        runner_state: p.runner_state,
      });
    },
    get(id) {
      const r = get.get(id);
      return r ? toRow(r) : null;
    },
    list: () => list.all().map(toRow),
    byState: (state) => byState.all(state).map(toRow),
    active(strategyId, symbol) {
      const r = active.get(strategyId, symbol);
      return r ? toRow(r) : null;
    },
    addOrder: (o) => void addOrder.run(o.clientOrderId, o.runId, o.role, o.side, o.placedAt),
    order(id) {
      const r = order.get(id);
      return r ? toOrder(r) : null;
    },
    openOrders: (runId) => openOrders.all(runId).map(toOrder),
    orders: (runId) => allOrders.all(runId).map(toOrder),
    updateOrder: (id, filled, firstFillAt, done) => void updateOrder.run(filled, firstFillAt, done ? 1 : 0, id),
    paperTrades: (strategyId, since) => paperTrades.get(strategyId, since)?.n ?? 0,
    appendEvent: (e) => void appendEvent.run(e.runId, e.at, e.kind, e.message, e.clientOrderId),
    events: (runId, limit) =>
      events.all(runId, limit).map((r) => ({
        runId: r.run_id,
        at: r.at,
        kind: r.kind,
        message: r.message,
        clientOrderId: r.client_order_id,
      })),
  };
}
