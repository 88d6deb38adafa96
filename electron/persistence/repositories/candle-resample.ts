import { TIMEFRAME_MS, type Timeframe } from '../../../shared/domain/market.js';
import type { CandleColumnArrays } from '../../engine/market/candle-cache-port.js';
import { lastClosedSlot, slotStart } from '../../engine/market/candle-gaps.js';
import { allocateColumns, lowerBound, sliceColumns } from './candle-columns-build.js';
import type { CandleRepo } from './candle-repo.js';

/**
 * Closed candles of `timeframe` with open time in [from, to], resampled from the `base` candles of
 * the block store straight from their columns: the same candles, bit for bit, as readCandles
 * (adapters/market/simulator/stored-candles.ts) makes from Candle objects with resampleClosed, without
 * an object per base candle. Nothing that has not closed by `asOf` is returned.
 */
export function readResampledColumns(options: {
  repo: Pick<CandleRepo, 'rangeColumns'>;
  source: string;
  symbol: string;
  base: Timeframe;
  timeframe: Timeframe;
  from: number;
  to: number;
  asOf: number;
}): CandleColumnArrays {
  const { repo, source, symbol, base, timeframe, from, asOf } = options;
  const baseMs = TIMEFRAME_MS[base];
  const span = TIMEFRAME_MS[timeframe];
  if (span < baseMs || span % baseMs !== 0) {
    throw new RangeError(`${symbol} is stored as ${base} candles: ${timeframe} cannot be made from them`);
  }
  const to = Math.min(options.to, lastClosedSlot(asOf, span));
  if (!(to >= from)) return allocateColumns(0);
  const first = slotStart(from, span);
  const c = repo.rangeColumns(source, symbol, base, first, slotStart(to, span) + span - baseMs);
  if (timeframe === base) return sliceColumns(c, lowerBound(c.time, from, 0, c.time.length), c.time.length);
  return resampleColumns(c, baseMs, span, asOf, from, to);
}

/** resampleClosed (engine/market/resample.ts) over columns, keeping buckets that open in [from, to]. */
export function resampleColumns(
  c: CandleColumnArrays,
  baseMs: number,
  span: number,
  asOf: number,
  from: number,
  to: number,
): CandleColumnArrays {
  const n = c.time.length;
  const out = allocateColumns(Math.min(n, Math.floor((to - from) / span) + 2));
  let k = 0;
  let bucket = Number.NaN;
  let high = 0;
  let low = 0;
  let volume = 0;
  let lastRead = -1;
  const flush = (close: number) => {
    if (bucket >= from && bucket <= to) {
      out.high[k] = high;
      out.low[k] = low;
      out.close[k] = close;
      out.volume[k] = volume;
      k++;
    }
  };
  for (let i = 0; i < n; i++) {
    const t = c.time[i]!;
    if (t + baseMs > asOf) break; // not closed yet: neither is anything after it
    const start = Math.floor(t / span) * span;
    if (start + span > asOf) break; // its bucket is still forming
    if (start !== bucket) {
      if (lastRead >= 0) flush(c.close[lastRead]!);
      bucket = start;
      out.time[k] = start;
      out.open[k] = c.open[i]!;
      high = c.high[i]!;
      low = c.low[i]!;
      volume = 0;
    }
    if (c.high[i]! > high) high = c.high[i]!;
    if (c.low[i]! < low) low = c.low[i]!;
    volume += c.volume[i]!;
    lastRead = i;
  }
  if (lastRead >= 0) flush(c.close[lastRead]!);
  return sliceColumns(out, 0, k);
}
