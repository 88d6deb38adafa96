/**
 * The compressor choice of the block store, by measurement: the same 1-minute candles encoded in
 * blocks of a UTC day with each compressor candle-codec.ts can write, then decoded into columns.
 */
import type { CandleColumnArrays } from '../../electron/engine/market/candle-cache-port.js';
import { decodeBlock, encodeBlock, type Compressor } from '../../electron/persistence/repositories/candle-codec.js';
import { summarize } from '../lib/stats.js';
import type { Candle } from '../../shared/domain/market.js';
import { time } from './data.js';

export const COMPRESSORS: readonly Compressor[] = ['none', 'deflate-raw-1', 'deflate-raw-6', 'brotli-1', 'brotli-4'];

function columnsOf(candles: readonly Candle[]): CandleColumnArrays {
  const n = candles.length;
  const c = {
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  candles.forEach((x, i) => {
    c.time[i] = x.time;
    c.open[i] = x.open;
    c.high[i] = x.high;
    c.low[i] = x.low;
    c.close[i] = x.close;
    c.volume[i] = x.volume;
  });
  return c;
}

export type CodecFigures = { compressor: Compressor; bytesPerCandle: number; encodeMs: number; decodeMs: number };

/** Encodes `candles` (one per minute from a UTC midnight) a day per block, then decodes them `runs` times. */
export function measureCodec(candles: readonly Candle[], compressor: Compressor, runs: number): CodecFigures {
  const src = columnsOf(candles);
  const n = candles.length;
  const day = 1440;
  const slice = (from: number, to: number): CandleColumnArrays => ({
    time: src.time.subarray(from, to),
    open: src.open.subarray(from, to),
    high: src.high.subarray(from, to),
    low: src.low.subarray(from, to),
    close: src.close.subarray(from, to),
    volume: src.volume.subarray(from, to),
  });
  const encoded = time(() => {
    const blobs: Buffer[] = [];
    for (let i = 0; i < n; i += day)
      blobs.push(encodeBlock(slice(i, Math.min(n, i + day)), Math.min(day, n - i), compressor));
    return blobs;
  });
  const blobs = encoded.value;
  const out = columnsOf([]);
  for (const k of Object.keys(out) as (keyof CandleColumnArrays)[]) out[k] = new Float64Array(n);
  const decode = () => {
    let at = 0;
    for (const b of blobs) at += decodeBlock(b, out, at);
  };
  decode();
  for (const k of Object.keys(out) as (keyof CandleColumnArrays)[]) {
    for (let i = 0; i < n; i++)
      if (!Object.is(out[k][i], src[k][i])) throw new Error(`${compressor}: ${k}[${i}] changed`);
  }
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) ms.push(time(decode).ms);
  return {
    compressor,
    bytesPerCandle: blobs.reduce((sum, b) => sum + b.length, 0) / n,
    encodeMs: encoded.ms,
    decodeMs: summarize(ms).p50,
  };
}
