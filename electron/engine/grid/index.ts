/** The grid strategy: the rule (gridDecide), fills (applyGridFill), the simulated exchange and the backtest. */
export { applyGridFill, GridFillError, gridTrade, type GridFillResult } from './apply.js';
export { runGridBacktest, type GridBacktestOptions } from './backtest.js';
export { gridDecide } from './decide.js';
export { fillGridCandle, type GridCandle, type GridCandleResult } from './fills.js';
export { gridSeries, isReady, latestReading, readingAt, type GridSeries } from './readings.js';
export { cloneGridState, gridStopPrice, heldLevels, initialGridState, inventory, parseGridState } from './state.js';
export type {
  GridContext,
  GridDecision,
  GridFill,
  GridLevel,
  GridLot,
  GridOrder,
  GridReading,
  GridState,
  GridStatus,
  GridStop,
} from './types.js';
