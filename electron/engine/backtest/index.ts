/** The backtest runner: the public API (semantics in runner.ts, money in ledger.ts). */
export { CandleDataError, columnsFromArrays, columnsFromCandles, toTimeframe, validateColumns } from './candles.js';
export { protectiveExit, type ProtectiveExit } from './exits.js';
export { gradeBacktest } from './grade.js';
export { askGate, makeIntent } from './intents.js';
export { ExactLedger, FloatLedger, type Ledger, type LedgerConfig } from './ledger.js';
export { computeMetrics, maxDrawdown, riskRatios, tradeMetrics, YEAR_MS } from './metrics.js';
export { runBacktest, StrategyCompileError, type BacktestOptions } from './runner.js';
export {
  approveAll,
  type BacktestGrade,
  type BacktestMetrics,
  type BacktestResult,
  type BacktestTrade,
  type BacktestVeto,
  type ExitReason,
  type GateDecision,
  type OrderGate,
  type OrderIntent,
} from './types.js';
export { riskGateForBacktest } from './risk-gate-adapter.js';
