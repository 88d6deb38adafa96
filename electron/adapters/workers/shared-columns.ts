/**
 * Candle columns in one SharedArrayBuffer: six Float64Array views (time, open, high, low, close,
 * volume) over the same memory in every thread, so a sweep hands its candles to each worker once and
 * no job copies them.
 */
import type { OhlcvColumns } from '../../engine/strategy/columns.js';

export type SharedColumns = { buffer: SharedArrayBuffer; length: number };

const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

export function shareColumns(columns: OhlcvColumns): SharedColumns {
  const n = columns.length;
  const buffer = new SharedArrayBuffer(n * 6 * Float64Array.BYTES_PER_ELEMENT);
  FIELDS.forEach((field, k) => new Float64Array(buffer, k * n * 8, n).set(columns[field].subarray(0, n)));
  return { buffer, length: n };
}

export function columnsOf(shared: SharedColumns): OhlcvColumns {
  const n = shared.length;
  const view = (k: number) => new Float64Array(shared.buffer, k * n * 8, n);
  return { length: n, time: view(0), open: view(1), high: view(2), low: view(3), close: view(4), volume: view(5) };
}

/** The columns as bytes (to send to other machines) and back. */
export function columnsToBytes(columns: OhlcvColumns): Buffer {
  const n = columns.length;
  const out = new Float64Array(n * 6);
  FIELDS.forEach((field, k) => out.set(columns[field].subarray(0, n), k * n));
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

export function columnsFromBytes(bytes: Uint8Array): OhlcvColumns {
  if (bytes.byteLength % 48 !== 0) throw new RangeError('candle bytes are not six float64 columns');
  const n = bytes.byteLength / 48;
  const shared = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(shared).set(bytes);
  return columnsOf({ buffer: shared, length: n });
}
