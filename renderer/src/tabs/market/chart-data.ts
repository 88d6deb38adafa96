import type { CandlestickData, HistogramData, LineData, UTCTimestamp, WhitespaceData } from 'lightweight-charts';
import { DOWN, UP } from './chart-theme';
import type { CandleBuffer } from './candle-buffer';

/** lightweight-charts wants seconds; the engine speaks UTC milliseconds. */
export const toChartTime = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

export function candleData(b: CandleBuffer, i: number): CandlestickData<UTCTimestamp> {
  return { time: toChartTime(b.time[i]!), open: b.open[i]!, high: b.high[i]!, low: b.low[i]!, close: b.close[i]! };
}

export function volumeData(b: CandleBuffer, i: number): HistogramData<UTCTimestamp> {
  return {
    time: toChartTime(b.time[i]!),
    value: b.volume[i]!,
    color: b.close[i]! >= b.open[i]! ? `${UP}66` : `${DOWN}66`,
  };
}

export function allCandles(b: CandleBuffer): CandlestickData<UTCTimestamp>[] {
  const out = new Array<CandlestickData<UTCTimestamp>>(b.length);
  for (let i = 0; i < b.length; i++) out[i] = candleData(b, i);
  return out;
}

export function allVolumes(b: CandleBuffer): HistogramData<UTCTimestamp>[] {
  const out = new Array<HistogramData<UTCTimestamp>>(b.length);
  for (let i = 0; i < b.length; i++) out[i] = volumeData(b, i);
  return out;
}

/** An indicator line: whitespace (no point) where the indicator has no value yet. */
export function lineData(
  b: CandleBuffer,
  values: Float64Array,
): (LineData<UTCTimestamp> | WhitespaceData<UTCTimestamp>)[] {
  const out = new Array<LineData<UTCTimestamp> | WhitespaceData<UTCTimestamp>>(b.length);
  for (let i = 0; i < b.length; i++) {
    const value = values[i]!;
    out[i] = Number.isNaN(value) ? { time: toChartTime(b.time[i]!) } : { time: toChartTime(b.time[i]!), value };
  }
  return out;
}
