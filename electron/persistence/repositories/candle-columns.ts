import type { Database, Statement } from 'better-sqlite3';
import type { CandleColumnArrays } from '../../engine/market/candle-cache-port.js';

/**
 * Bulk reads of candles into typed arrays. better-sqlite3 builds one JS object (or array) per row,
 * which costs about 1-2 µs a row; instead the rows are fed to an SQLite aggregate function
 * implemented here, which writes each row's six numbers straight into Float64Arrays. That is
 * several times faster for large ranges (see bench/candles.ts).
 *
 * The aggregate writes into module-level arrays that are set up for the duration of one synchronous
 * statement, so any number of repositories and connections can share the registered function.
 */

const FUNCTION_NAME = 'tw_candle_columns';

// The arrays being filled while a statement runs (module-level: the per-row step reads them directly).
let active = false;
let count = 0;
let previous = -Infinity;
let ordered = true;
let cols: CandleColumnArrays = allocate(0);
const registered = new WeakSet<Database>();

function allocate(capacity: number): CandleColumnArrays {
  return {
    time: new Float64Array(capacity),
    open: new Float64Array(capacity),
    high: new Float64Array(capacity),
    low: new Float64Array(capacity),
    close: new Float64Array(capacity),
    volume: new Float64Array(capacity),
  };
}

function resize(from: CandleColumnArrays, length: number, capacity: number): CandleColumnArrays {
  const next = allocate(capacity);
  for (const key of Object.keys(from) as (keyof CandleColumnArrays)[]) next[key].set(from[key].subarray(0, length));
  return next;
}

/** The first `length` rows as views over the same buffers (no copy). */
function views(from: CandleColumnArrays, length: number): CandleColumnArrays {
  return {
    time: from.time.subarray(0, length),
    open: from.open.subarray(0, length),
    high: from.high.subarray(0, length),
    low: from.low.subarray(0, length),
    close: from.close.subarray(0, length),
    volume: from.volume.subarray(0, length),
  };
}

// Named parameters, not a rest array: this runs once per row.
function step(total: number, t: number, o: number, h: number, l: number, c: number, v: number): number {
  if (!active) throw new Error(`${FUNCTION_NAME} was called outside readCandleColumns`);
  if (count === cols.time.length) cols = resize(cols, count, Math.max(1024, count * 2));
  const i = count++;
  if (t < previous) ordered = false;
  previous = t;
  cols.time[i] = t;
  cols.open[i] = o;
  cols.high[i] = h;
  cols.low[i] = l;
  cols.close[i] = c;
  cols.volume[i] = v;
  return total + 1;
}

/** Registers the aggregate on `db` (once per connection). */
export function registerCandleColumns(db: Database): void {
  if (registered.has(db)) return;
  // varargs: better-sqlite3 would otherwise take the argument count from step.length (7, with the total).
  db.aggregate<number>(FUNCTION_NAME, {
    start: 0,
    step: step as (total: number, next: number) => number,
    varargs: true,
    directOnly: true,
  });
  registered.add(db);
}

/** The SELECT list that feeds the aggregate: use as `SELECT ${CANDLE_COLUMNS_SELECT} FROM candles WHERE ...`. */
export const CANDLE_COLUMNS_SELECT = `${FUNCTION_NAME}(time, open, high, low, close, volume)`;

function sortByTime(cols: CandleColumnArrays): CandleColumnArrays {
  const order = Array.from(cols.time.keys()).sort((a, b) => cols.time[a]! - cols.time[b]!);
  const out = allocate(order.length);
  for (const key of Object.keys(cols) as (keyof CandleColumnArrays)[]) {
    order.forEach((from, to) => (out[key][to] = cols[key][from]!));
  }
  return out;
}

/**
 * Runs `statement` (a SELECT of CANDLE_COLUMNS_SELECT) with `params`, collecting the rows into
 * arrays of exactly the rows' length (views over slightly larger buffers when that saves a copy).
 * `capacity` is a first guess of the row count; the arrays double when it is exceeded.
 */
export function readCandleColumns(
  statement: Statement<unknown[]>,
  params: unknown[],
  capacity: number,
): CandleColumnArrays {
  if (active) throw new Error('readCandleColumns is not re-entrant');
  active = true;
  count = 0;
  previous = -Infinity;
  ordered = true;
  cols = allocate(Math.max(0, capacity));
  try {
    statement.pluck().get(...params);
    let out =
      count === cols.time.length
        ? cols
        : count >= cols.time.length * 0.75
          ? views(cols, count)
          : resize(cols, count, count);
    if (!ordered) out = sortByTime(out);
    return out;
  } finally {
    active = false;
    cols = allocate(0);
  }
}
