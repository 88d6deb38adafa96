/**
 * The grid's reading at a closed candle, live: ATR and the EMAs over a window of history that
 * covers their warm-up many times over (an EMA started at the window's first candle converges to
 * the backtest's, which starts at the first candle it has), read at the closed candle with the
 * engine's latestReading, exactly as the backtest reads its series at that close.
 */
import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../../../shared/domain/market.js';
import type { GridStrategy } from '../../../../../shared/domain/strategy.js';
import { columnsFromArrays } from '../../../../engine/backtest/candles.js';
import { latestReading, type GridReading } from '../../../../engine/grid/index.js';
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
  const timeframe = ctx.row.timeframe as Timeframe;
  const span = TIMEFRAME_MS[timeframe];
  const count = gridHistory(strategy);
  const result = await ctx.ports.market.candles({
    symbol: ctx.row.symbol,
    timeframe,
    from: candle.time - (count - 1) * span,
    to: candle.time,
    limit: count,
  });
  const c = result.candles;
  let end = c.time.length;
  while (end > 0 && c.time[end - 1]! > candle.time) end--;
  // The closed candle itself, if the store does not have it yet.
  const pick = (a: number[], last: number) =>
    c.time[end - 1] === candle.time ? a.slice(0, end) : [...a.slice(0, end), last];
  const columns = columnsFromArrays({
    time: pick(c.time, candle.time),
    open: pick(c.open, candle.open),
    high: pick(c.high, candle.high),
    low: pick(c.low, candle.low),
    close: pick(c.close, candle.close),
    volume: pick(c.volume, candle.volume),
  });
  // The grid's strategy timeframe is the run's (an activation may pick another one).
  return latestReading({ ...strategy, timeframe }, columns, index);
}
