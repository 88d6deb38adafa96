/**
 * The grid's reading at a closed candle, live: ATR and the EMAs over a window of history that
 * covers their warm-up many times over (an EMA started at the window's first candle converges to
 * the backtest's, which starts at the first candle it has), read at the closed candle with the
 * engine's latestReading, exactly as the backtest reads its series at that close.
 */
import type { Candle, Timeframe } from '../../../../../shared/domain/market.js';
import type { GridStrategy } from '../../../../../shared/domain/strategy.js';
import { latestReading, type GridReading } from '../../../../engine/grid/index.js';
import { closedWindow } from './history-window.js';
import type { RunContext } from './run-context.js';

const MIN_HISTORY = 300;
const MAX_HISTORY = 5000;

/** Candles of history read for a warm-up of `warmup` candles. */
export function gridHistory(strategy: GridStrategy): number {
  const warmup = Math.max(strategy.atrPeriod + 1, strategy.trendFilter.slowEma, strategy.trendFilter.fastEma);
  return Math.min(MAX_HISTORY, Math.max(MIN_HISTORY, warmup * 10));
}

export async function gridReadingAt(
  ctx: RunContext,
  strategy: GridStrategy,
  candle: Candle,
  index: number,
): Promise<GridReading> {
  const columns = await closedWindow(ctx, candle, gridHistory(strategy));
  // The grid's strategy timeframe is the run's (an activation may pick another one).
  const timeframe = ctx.row.timeframe as Timeframe;
  return latestReading({ ...strategy, timeframe }, columns, index);
}
