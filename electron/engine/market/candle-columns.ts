import type { Candle, CandleColumns } from '../../../shared/domain/market.js';

export function candlesToColumns(candles: readonly Candle[]): CandleColumns {
  const n = candles.length;
  const cols: CandleColumns = {
    time: new Array<number>(n),
    open: new Array<number>(n),
    high: new Array<number>(n),
    low: new Array<number>(n),
    close: new Array<number>(n),
    volume: new Array<number>(n),
  };
  for (let i = 0; i < n; i++) {
    const c = candles[i]!;
    cols.time[i] = c.time;
    cols.open[i] = c.open;
    cols.high[i] = c.high;
    cols.low[i] = c.low;
    cols.close[i] = c.close;
    cols.volume[i] = c.volume;
  }
  return cols;
}
