import type { CompareOp } from './ast.js';
import type { Cond, SeriesSpec, Value } from './cond.js';

/**
 * Turns a checked condition into one 0/1 byte per candle, whole arrays at a time: each node is one
 * tight loop over Float64Arrays (no per-candle dispatch, no allocation per candle). A comparison
 * with a missing value (NaN, during warm-up) is false; the caller also masks every candle at which
 * some series the strategy reads has no value (see program.ts), so NOT never fires in a warm-up.
 *
 * A crosses above B at candle i when A[i] > B[i] and A[i-1] <= B[i-1]; below: A[i] < B[i] and
 * A[i-1] >= B[i-1]. Never at candle 0.
 */
export type SeriesSource = (spec: SeriesSpec) => Float64Array;

type Operand = Float64Array | number;

function operand(v: Value, source: SeriesSource, n: number): Operand {
  if (v.kind === 'const') return v.value;
  const s = source(v.spec);
  if (v.factor === 1) return s;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = v.factor * s[i]!;
  return out;
}

/** out[i] = a[i] < b[i] (strict) or a[i] <= b[i]; either side may be a constant. */
function less(out: Uint8Array, a: Operand, b: Operand, strict: boolean): void {
  const n = out.length;
  if (typeof a === 'number' && typeof b !== 'number') {
    if (strict) for (let i = 0; i < n; i++) out[i] = a < b[i]! ? 1 : 0;
    else for (let i = 0; i < n; i++) out[i] = a <= b[i]! ? 1 : 0;
  } else if (typeof a !== 'number' && typeof b === 'number') {
    if (strict) for (let i = 0; i < n; i++) out[i] = a[i]! < b ? 1 : 0;
    else for (let i = 0; i < n; i++) out[i] = a[i]! <= b ? 1 : 0;
  } else if (typeof a !== 'number' && typeof b !== 'number') {
    if (strict) for (let i = 0; i < n; i++) out[i] = a[i]! < b[i]! ? 1 : 0;
    else for (let i = 0; i < n; i++) out[i] = a[i]! <= b[i]! ? 1 : 0;
  } else {
    out.fill((strict ? a < b : a <= b) ? 1 : 0);
  }
}

function compare(out: Uint8Array, op: CompareOp, a: Operand, b: Operand): void {
  if (op === '<') less(out, a, b, true);
  else if (op === '<=') less(out, a, b, false);
  else if (op === '>') less(out, b, a, true);
  else less(out, b, a, false);
}

/** A crosses above B: (B < A now) and (A <= B before). Written as "above" of (a, b) or of (b, a) for below. */
function crossAbove(out: Uint8Array, a: Float64Array, b: Operand): void {
  const n = out.length;
  if (n > 0) out[0] = 0;
  if (typeof b === 'number') {
    for (let i = 1; i < n; i++) out[i] = a[i]! > b && a[i - 1]! <= b ? 1 : 0;
  } else {
    for (let i = 1; i < n; i++) out[i] = a[i]! > b[i]! && a[i - 1]! <= b[i - 1]! ? 1 : 0;
  }
}

function crossBelow(out: Uint8Array, a: Float64Array, b: Operand): void {
  const n = out.length;
  if (n > 0) out[0] = 0;
  if (typeof b === 'number') {
    for (let i = 1; i < n; i++) out[i] = a[i]! < b && a[i - 1]! >= b ? 1 : 0;
  } else {
    for (let i = 1; i < n; i++) out[i] = a[i]! < b[i]! && a[i - 1]! >= b[i - 1]! ? 1 : 0;
  }
}

export function evaluateCond(cond: Cond, source: SeriesSource, n: number): Uint8Array {
  const out = new Uint8Array(n);
  switch (cond.type) {
    case 'compare':
      compare(out, cond.op, operand(cond.left, source, n), operand(cond.right, source, n));
      return out;
    case 'cross': {
      const a = operand(cond.left, source, n);
      const b = operand(cond.right, source, n);
      if (typeof a === 'number') throw new Error('a cross needs a series on its left (the checker ensures it)');
      if (cond.direction === 'above') crossAbove(out, a, b);
      else crossBelow(out, a, b);
      return out;
    }
    case 'not': {
      invert(evaluateCond(cond.item, source, n), out);
      return out;
    }
    case 'and':
    case 'or':
      return combine(
        cond.items.map((c) => evaluateCond(c, source, n)),
        cond.type,
        n,
      );
  }
}

/**
 * AND (all) or OR (any) of 0/1 arrays, into the first array (the parts are the caller's own
 * scratch arrays); AND of none is all ones, OR of none all zeros. Four candles per step through
 * 32-bit views of the byte arrays.
 */
export function combine(parts: readonly Uint8Array[], kind: 'and' | 'or', n: number): Uint8Array {
  if (parts.length === 0) return kind === 'and' ? new Uint8Array(n).fill(1) : new Uint8Array(n);
  const out = parts[0]!;
  const words = aligned(out) ? n >>> 2 : 0;
  for (let p = 1; p < parts.length; p++) {
    const part = parts[p]!;
    const w = aligned(part) ? words : 0;
    const o32 = new Uint32Array(out.buffer, out.byteOffset, w);
    const p32 = new Uint32Array(part.buffer, part.byteOffset, w);
    if (kind === 'and') {
      for (let i = 0; i < w; i++) o32[i] = o32[i]! & p32[i]!;
      for (let i = w * 4; i < n; i++) out[i] = out[i]! & part[i]!;
    } else {
      for (let i = 0; i < w; i++) o32[i] = o32[i]! | p32[i]!;
      for (let i = w * 4; i < n; i++) out[i] = out[i]! | part[i]!;
    }
  }
  return out;
}

/** out = 1 - bytes (for 0/1 bytes), four at a time. */
function invert(bytes: Uint8Array, out: Uint8Array): void {
  const n = out.length;
  const w = aligned(bytes) && aligned(out) ? n >>> 2 : 0;
  const b32 = new Uint32Array(bytes.buffer, bytes.byteOffset, w);
  const o32 = new Uint32Array(out.buffer, out.byteOffset, w);
  for (let i = 0; i < w; i++) o32[i] = b32[i]! ^ 0x01010101;
  for (let i = w * 4; i < n; i++) out[i] = bytes[i]! ^ 1;
}

const aligned = (a: Uint8Array) => a.byteOffset % 4 === 0;
