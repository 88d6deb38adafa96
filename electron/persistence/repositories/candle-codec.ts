import zlib from 'node:zlib';
import type { CandleColumnArrays } from '../../engine/market/candle-cache-port.js';
import { readIntColumn, readRawColumn, WordReader, WordWriter, writeIntColumn, writeRawColumn } from './candle-bits.js';

/**
 * One block of candles (ascending open times, no duplicates) as bytes, and back, value for value.
 *
 * Layout before compression, in 32-bit words (candle-bits.ts):
 * - format (1), count, f64 first time, f64 time unit (the timeframe when every time is on its grid,
 *   else 1 ms); the gaps between times in units, minus one, as a column (all 0, so no bits, for a
 *   complete run).
 * - prices: a mode. A decimal scale k (0..12): the four prices are whole numbers of 10^-k, stored as
 *   open minus the previous close, high above max(open, close), low below min(open, close) and close
 *   minus open, then exceptions (count; index, column, f64 value each) for the few values that are
 *   not on that grid. RAW (255): the four columns as float64, bit for bit.
 * - volume: a mode; k: whole numbers of 10^-k plus exceptions (count; index, f64 value); or RAW.
 * k is the smallest scale at which every value comes back exactly (v === round(v * 10^k) / 10^k),
 * found from the data: a market's price and amount steps without having to know them.
 *
 * Stored blob: one byte naming the compressor, then the (compressed) words. -0 is stored as 0 (as
 * SQLite's REAL does).
 */
export const BLOCK_FORMAT = 1;
const RAW = 255;
const MAX_SCALE = 12;
/** Scaled whole numbers stay below this, so deltas and zigzag stay exact in a double. */
const MAX_INT = 2 ** 50;
/** More exceptions than n / EXCEPTION_SHARE: store the column as float64 instead. */
const EXCEPTION_SHARE = 8;
const POW10 = Array.from({ length: MAX_SCALE + 1 }, (_, k) => 10 ** k);

export type Compressor = 'none' | 'deflate-raw-1' | 'deflate-raw-6' | 'brotli-1' | 'brotli-4';
const COMPRESSOR_IDS: Record<Compressor, number> = {
  none: 0,
  'deflate-raw-1': 1,
  'deflate-raw-6': 2,
  'brotli-1': 3,
  'brotli-4': 4,
};
/**
 * The compressor new blocks are written with, chosen by measurement (bench/candles.ts prints every
 * option on simulated BTC minutes: size per candle, encode and decode time).
 */
export const DEFAULT_COMPRESSOR: Compressor = 'none';

function compress(bytes: Uint8Array, with_: Compressor): Buffer {
  switch (with_) {
    case 'none':
      return Buffer.from(bytes);
    case 'deflate-raw-1':
      return zlib.deflateRawSync(bytes, { level: 1 });
    case 'deflate-raw-6':
      return zlib.deflateRawSync(bytes, { level: 6 });
    case 'brotli-1':
    case 'brotli-4':
      return zlib.brotliCompressSync(bytes, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: with_ === 'brotli-1' ? 1 : 4,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      });
  }
}

let aligned = new Uint32Array(4096);

/** The block's words: decompressed, or copied to an aligned buffer (a blob from SQLite may sit at any offset). */
function words(blob: Uint8Array): Uint32Array {
  const id = blob[0];
  const body = blob.subarray(1);
  let bytes: Uint8Array;
  if (id === 0) bytes = body;
  else if (id === 1 || id === 2) bytes = zlib.inflateRawSync(body);
  else if (id === 3 || id === 4) bytes = zlib.brotliDecompressSync(body);
  else throw new Error(`candle block uses an unknown compressor (${String(id)}): written by a newer version?`);
  if (bytes.length % 4 !== 0) throw new Error('candle block is truncated');
  const count = bytes.length / 4;
  if (bytes.byteOffset % 4 === 0) return new Uint32Array(bytes.buffer, bytes.byteOffset, count);
  if (aligned.length < count) aligned = new Uint32Array(Math.max(count, aligned.length * 2));
  new Uint8Array(aligned.buffer, 0, bytes.length).set(bytes);
  return aligned.subarray(0, count);
}

// Scratch columns shared by every encode and decode (both are synchronous and not re-entrant).
let scratch: Float64Array[] = [];
function scratchColumns(n: number): Float64Array[] {
  if (scratch.length === 0 || scratch[0]!.length < n) {
    const size = Math.max(n, 2048);
    scratch = Array.from({ length: 5 }, () => new Float64Array(size));
  }
  return scratch;
}

/** The smallest decimal scale at which every value (bar exceptions) is a whole number; RAW if none fits. */
function chooseScale(columns: readonly Float64Array[], n: number): number {
  let k = 0;
  let misfits = 0;
  for (const col of columns) {
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      if (Math.round(v * POW10[k]!) / POW10[k]! === v) continue;
      let j = k + 1;
      while (j <= MAX_SCALE && Math.round(v * POW10[j]!) / POW10[j]! !== v) j++;
      if (j > MAX_SCALE) misfits++;
      else k = j;
    }
  }
  if (misfits * EXCEPTION_SHARE > n * columns.length) return RAW;
  for (const col of columns) for (let i = 0; i < n; i++) if (Math.abs(col[i]!) * POW10[k]! >= MAX_INT) return RAW;
  return k;
}

type Exceptions = { index: number[]; column: number[]; value: number[] };

/** Whole numbers of 10^-k into `ints`; values that do not come back exactly are recorded. */
function toInts(values: Float64Array, n: number, scale: number, ints: Float64Array, col: number, ex: Exceptions) {
  const s = POW10[scale]!;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const int = Math.round(v * s);
    ints[i] = int;
    if (int / s !== v) {
      ex.index.push(i);
      ex.column.push(col);
      ex.value.push(v);
    }
  }
}

function writePrices(out: WordWriter, c: CandleColumnArrays, n: number): void {
  const prices = [c.open, c.high, c.low, c.close];
  const scale = chooseScale(prices, n);
  out.u32(scale);
  if (scale === RAW) {
    for (const col of prices) writeRawColumn(out, col, n);
    return;
  }
  const [io, ih, il, ic, d] = scratchColumns(n) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const ex: Exceptions = { index: [], column: [], value: [] };
  toInts(c.open, n, scale, io, 0, ex);
  toInts(c.high, n, scale, ih, 1, ex);
  toInts(c.low, n, scale, il, 2, ex);
  toInts(c.close, n, scale, ic, 3, ex);
  out.f64(io[0]!);
  for (let i = 0; i < n; i++) d[i] = io[i]! - (i === 0 ? io[0]! : ic[i - 1]!);
  writeIntColumn(out, d, n);
  for (let i = 0; i < n; i++) d[i] = ih[i]! - Math.max(io[i]!, ic[i]!);
  writeIntColumn(out, d, n);
  for (let i = 0; i < n; i++) d[i] = Math.min(io[i]!, ic[i]!) - il[i]!;
  writeIntColumn(out, d, n);
  for (let i = 0; i < n; i++) d[i] = ic[i]! - io[i]!;
  writeIntColumn(out, d, n);
  out.u32(ex.index.length);
  for (let e = 0; e < ex.index.length; e++) {
    out.u32(ex.index[e]!);
    out.u32(ex.column[e]!);
    out.f64(ex.value[e]!);
  }
}

function writeVolume(out: WordWriter, volume: Float64Array, n: number): void {
  const scale = chooseScale([volume], n);
  out.u32(scale);
  if (scale === RAW) {
    writeRawColumn(out, volume, n);
    return;
  }
  const [ints] = scratchColumns(n) as [Float64Array];
  const ex: Exceptions = { index: [], column: [], value: [] };
  toInts(volume, n, scale, ints, 0, ex);
  writeIntColumn(out, ints, n);
  out.u32(ex.index.length);
  for (let e = 0; e < ex.index.length; e++) {
    out.u32(ex.index[e]!);
    out.f64(ex.value[e]!);
  }
}

const writer = new WordWriter(1 << 14);

/**
 * Encodes candles [0, n) of `c` (ascending times, no duplicates, finite values) into a stored blob.
 * Zeros in `c` should already be +0 (candle-block-write.ts normalises them).
 */
export function encodeBlock(c: CandleColumnArrays, n: number, compressor: Compressor = DEFAULT_COMPRESSOR): Buffer {
  if (n < 1) throw new RangeError('a candle block holds at least one candle');
  writer.length = 0;
  writer.u32(BLOCK_FORMAT);
  writer.u32(n);
  const t = c.time;
  const t0 = t[0]!;
  writer.f64(t0);
  // Unit: the smallest gap when every gap is a multiple of it (the timeframe for candles on its grid).
  let unit = n > 1 ? t[1]! - t0 : 1;
  for (let i = 1; i < n && unit > 1; i++) if ((t[i]! - t0) % unit !== 0) unit = 1;
  writer.f64(unit);
  const [d] = scratchColumns(n) as [Float64Array];
  d[0] = 0;
  for (let i = 1; i < n; i++) d[i] = (t[i]! - t[i - 1]!) / unit - 1;
  writeIntColumn(writer, d, n);
  writePrices(writer, c, n);
  writeVolume(writer, c.volume, n);
  const body = compress(writer.bytes(), compressor);
  const blob = Buffer.allocUnsafe(body.length + 1);
  blob[0] = COMPRESSOR_IDS[compressor];
  body.copy(blob, 1);
  return blob;
}

function readHeader(input: WordReader): number {
  const format = input.u32();
  if (format !== BLOCK_FORMAT) throw new Error(`candle block format ${format} is unknown: written by a newer version?`);
  return input.u32();
}

function readTimes(input: WordReader, into: Float64Array, offset: number, n: number): void {
  const t0 = input.f64();
  const unit = input.f64();
  const [d] = scratchColumns(n) as [Float64Array];
  if (readIntColumn(input, d, n) === 0 && d[0] === 0) {
    // A complete run: every time is one unit after the previous.
    for (let i = 0; i < n; i++) into[offset + i] = t0 + i * unit;
    return;
  }
  let t = t0;
  into[offset] = t0;
  for (let i = 1; i < n; i++) {
    t += (d[i]! + 1) * unit;
    into[offset + i] = t;
  }
}

function readPrices(input: WordReader, out: CandleColumnArrays, offset: number, n: number): void {
  const scale = input.u32();
  if (scale === RAW) {
    for (const col of [out.open, out.high, out.low, out.close]) readRawColumn(input, col, offset, n);
    return;
  }
  if (scale > MAX_SCALE) throw new Error(`candle block has price scale ${scale}`);
  const s = POW10[scale]!;
  let prevClose = input.f64();
  const [dO, dH, dL, dC] = scratchColumns(n) as [Float64Array, Float64Array, Float64Array, Float64Array];
  for (const col of [dO, dH, dL, dC]) readIntColumn(input, col, n);
  const { open, high, low, close } = out;
  for (let i = 0; i < n; i++) {
    const o = prevClose + dO[i]!;
    const c = o + dC[i]!;
    const hi = o > c ? o : c;
    const lo = o > c ? c : o;
    open[offset + i] = o / s;
    high[offset + i] = (hi + dH[i]!) / s;
    low[offset + i] = (lo - dL[i]!) / s;
    close[offset + i] = c / s;
    prevClose = c;
  }
  const columns = [open, high, low, close];
  for (let e = input.u32(); e > 0; e--) {
    const index = input.u32();
    const col = input.u32();
    const value = input.f64();
    if (index >= n || col > 3) throw new Error('candle block has an exception outside the block');
    columns[col]![offset + index] = value;
  }
}

function readVolume(input: WordReader, volume: Float64Array, offset: number, n: number): void {
  const scale = input.u32();
  if (scale === RAW) {
    readRawColumn(input, volume, offset, n);
    return;
  }
  if (scale > MAX_SCALE) throw new Error(`candle block has volume scale ${scale}`);
  const s = POW10[scale]!;
  const [v] = scratchColumns(n) as [Float64Array];
  readIntColumn(input, v, n);
  for (let i = 0; i < n; i++) volume[offset + i] = v[i]! / s;
  for (let e = input.u32(); e > 0; e--) {
    const index = input.u32();
    const value = input.f64();
    if (index >= n) throw new Error('candle block has an exception outside the block');
    volume[offset + index] = value;
  }
}

/** Decodes a blob into `out` from `offset` on (the arrays must have room); returns the candle count. */
export function decodeBlock(blob: Uint8Array, out: CandleColumnArrays, offset: number): number {
  const input = new WordReader(words(blob));
  const n = readHeader(input);
  if (offset + n > out.time.length) throw new RangeError('no room for the candle block');
  readTimes(input, out.time, offset, n);
  readPrices(input, out, offset, n);
  readVolume(input, out.volume, offset, n);
  return n;
}

/** Only the open times of a blob, into `into` from `offset` on; returns the candle count. */
export function decodeBlockTimes(blob: Uint8Array, into: Float64Array, offset: number): number {
  const input = new WordReader(words(blob));
  const n = readHeader(input);
  if (offset + n > into.length) throw new RangeError('no room for the candle block');
  readTimes(input, into, offset, n);
  return n;
}
