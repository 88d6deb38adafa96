/**
 * The history a run reads at a closed candle: `count` candles of its symbol and timeframe ending
 * at that candle (the closed candle appended if the store does not have it yet), as the engine's
 * columns. Shared by the signal runner (runner.ts) and the grid's reading (grid-reading.ts).
 */
import {
  TIMEFRAME_MS,
  type Candle,
  type CandlesQuery,
  type CandlesResult,
  type Timeframe,
} from '../../../../../shared/domain/market.js';
import { columnsFromArrays } from '../../../../engine/backtest/candles.js';
import type { RunContext } from './run-context.js';

export async function closedWindow(ctx: RunContext, candle: Candle, count: number) {
  return closedCandleWindow(ctx.ports.market, ctx.row.symbol, ctx.row.timeframe as Timeframe, candle, count);
}

/**
 * `count` candles of a series ending at the closed `candle` (appended when the store does not have
 * it yet), as the engine's columns: what runs and condition alerts evaluate at a candle close.
 */
export async function closedCandleWindow(
  market: { candles(query: CandlesQuery): Promise<CandlesResult> },
  symbol: string,
  timeframe: Timeframe,
  candle: Candle,
  count: number,
) {
  const result = await market.candles({
    symbol,
    timeframe,
    from: candle.time - (count - 1) * TIMEFRAME_MS[timeframe],
    to: candle.time,
    limit: count,
  });
  const c = result.candles;
  let end = c.time.length;
  while (end > 0 && c.time[end - 1]! > candle.time) end--;
  const pick = (a: number[], last: number) =>
    c.time[end - 1] === candle.time ? a.slice(0, end) : [...a.slice(0, end), last];
  return columnsFromArrays({
    time: pick(c.time, candle.time),
    open: pick(c.open, candle.open),
    high: pick(c.high, candle.high),
    low: pick(c.low, candle.low),
    close: pick(c.close, candle.close),
    volume: pick(c.volume, candle.volume),
  });
}
