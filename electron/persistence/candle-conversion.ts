import type { Database } from 'better-sqlite3';
import { TIMEFRAMES, type Timeframe } from '../../shared/domain/market.js';
import { blockSpan, createBlockWriter } from './repositories/candle-block-writer.js';
import { CANDLE_COLUMNS_SELECT, readCandleColumns, registerCandleColumns } from './repositories/candle-columns.js';

export type ConversionProgress = {
  /** Candles moved into blocks so far (over every run, if an earlier one was interrupted). */
  converted: number;
  /** Candles the old table held when the conversion started. */
  total: number;
  /** The series being converted, "source symbol timeframe". */
  series: string;
  done: boolean;
  /** Milliseconds this run has taken so far. */
  elapsedMs: number;
};

/** Blocks converted per transaction: 30 days of 1-minute candles (43,200 rows). */
const CHUNK_BLOCKS = 30;

type Cursor = {
  source: string;
  symbol: string;
  timeframe: string;
  next_time: number;
  converted: number;
  total: number;
};

function tableExists(db: Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Options of a conversion run. */
export type ConversionOptions = { onProgress?: (progress: ConversionProgress) => void; now?: () => number };

/**
 * Moves the candles of the old one-row-per-candle table (`candles`, migration 003) into column blocks
 * (migration 012), chunk by chunk: each chunk (up to CHUNK_BLOCKS blocks of one series) is written
 * with the cursor in `candle_conversion` in one transaction, so an interruption (a crash, a power cut,
 * a full disk) loses at most the chunk in flight and the next open continues after the last one. The
 * old table is only read until every row is converted, then dropped with the cursor in one
 * transaction: until then the old data stays whole and readable.
 *
 * Returns null when there is nothing to convert (a new database, or a finished conversion).
 */
export function convertCandleRows(db: Database, options: ConversionOptions = {}): ConversionProgress | null {
  let last: ConversionProgress | null = null;
  for (const progress of conversionSteps(db, options.now)) {
    last = progress;
    options.onProgress?.(progress);
  }
  return last;
}

/**
 * The same conversion, giving the event loop a turn between chunks (each about 50 ms), so a window
 * or the headless server can show its progress and answer while it runs. `pause` is that turn
 * (default: setImmediate); tests hold it to look at the engine in the middle of a conversion.
 */
export async function convertCandleRowsAsync(
  db: Database,
  options: ConversionOptions & { pause?: () => Promise<void> } = {},
): Promise<ConversionProgress | null> {
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  let last: ConversionProgress | null = null;
  for (const progress of conversionSteps(db, options.now)) {
    last = progress;
    options.onProgress?.(progress);
    if (!progress.done) await pause();
  }
  return last;
}

/** One conversion, one step per chunk: yields the progress after each chunk, then once when done. */
function* conversionSteps(db: Database, clock?: () => number): Generator<ConversionProgress, void> {
  if (!tableExists(db, 'candles')) return;
  const now = clock ?? (() => performance.now());
  const started = now();
  registerCandleColumns(db);
  const writer = createBlockWriter(db);
  db.exec(`CREATE TABLE IF NOT EXISTS candle_conversion (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    source TEXT NOT NULL, symbol TEXT NOT NULL, timeframe TEXT NOT NULL, next_time INTEGER NOT NULL,
    converted INTEGER NOT NULL, total INTEGER NOT NULL
  ) STRICT`);
  const getCursor = db.prepare<[], Cursor>('SELECT * FROM candle_conversion WHERE id = 1');
  if (!getCursor.get()) {
    const total = db.prepare<[], number>('SELECT COUNT(*) FROM candles').pluck().get()!;
    db.prepare("INSERT INTO candle_conversion VALUES (1, '', '', '', 0, 0, ?)").run(total);
  }
  const nextRow = db.prepare<
    [string, string, string, number],
    { source: string; symbol: string; timeframe: string; time: number }
  >(
    `SELECT source, symbol, timeframe, time FROM candles
     WHERE (source, symbol, timeframe, time) >= (?, ?, ?, ?) ORDER BY source, symbol, timeframe, time LIMIT 1`,
  );
  const rows = db.prepare<unknown[]>(
    `SELECT ${CANDLE_COLUMNS_SELECT} FROM candles WHERE source = ? AND symbol = ? AND timeframe = ? AND time >= ? AND time < ?`,
  );
  const setCursor = db.prepare<[string, string, string, number, number]>(
    'UPDATE candle_conversion SET source = ?, symbol = ?, timeframe = ?, next_time = ?, converted = ? WHERE id = 1',
  );
  const chunk = db.transaction((key: [string, string, Timeframe], from: number, to: number, done: number) => {
    const columns = readCandleColumns(rows, [...key, from, to], 65_536);
    const n = columns.time.length;
    if (n > 0) writer.write(writer.seriesId(key, true)!, key[2], columns, n);
    setCursor.run(...key, to, done + n);
    return n;
  });
  const finish = db.transaction(() => {
    db.exec('DROP TABLE candles; DROP TABLE candle_conversion;');
  });

  let cursor = getCursor.get()!;
  for (;;) {
    const next = nextRow.get(cursor.source, cursor.symbol, cursor.timeframe, cursor.next_time);
    if (!next) break;
    if (!(TIMEFRAMES as readonly string[]).includes(next.timeframe)) {
      throw new Error(
        `the candle table holds a series with the unknown timeframe "${next.timeframe}" (${next.source} ${next.symbol}): delete those rows (or restore a backup) and start again`,
      );
    }
    const key: [string, string, Timeframe] = [next.source, next.symbol, next.timeframe as Timeframe];
    const span = blockSpan(key[2]);
    const to = Math.floor(next.time / span) * span + CHUNK_BLOCKS * span;
    const n = chunk(key, next.time, to, cursor.converted);
    cursor = {
      ...cursor,
      source: key[0],
      symbol: key[1],
      timeframe: key[2],
      next_time: to,
      converted: cursor.converted + n,
    };
    yield {
      converted: cursor.converted,
      total: cursor.total,
      series: key.join(' '),
      done: false,
      elapsedMs: now() - started,
    };
  }
  finish();
  yield { converted: cursor.converted, total: cursor.total, series: '', done: true, elapsedMs: now() - started };
}

/**
 * A progress handler for people: calls `emit` with one line at every further tenth of the work and
 * at the end ("converting stored candles into blocks: 4,300,000 of 10,000,000 (43%), 6.1 s").
 */
export function conversionReporter(
  emit: (line: string, progress: ConversionProgress) => void,
): (progress: ConversionProgress) => void {
  let reported = -1;
  const n = (v: number) => v.toLocaleString('en-US');
  return (p) => {
    const tenth = p.total > 0 ? Math.floor((10 * p.converted) / p.total) : 10;
    // Not done, nothing new to say: the same tenth, or every row moved and only the drop of the old table left.
    if (!p.done && (tenth <= reported || p.converted >= p.total)) return;
    reported = tenth;
    const seconds = `${(p.elapsedMs / 1000).toFixed(1)} s`;
    emit(
      p.done
        ? `converted ${n(p.converted)} stored candles into blocks (${seconds}); the old candle table is gone`
        : `converting stored candles into blocks: ${n(p.converted)} of ${n(p.total)} (${Math.floor((100 * p.converted) / Math.max(1, p.total))}%), ${seconds}; safe to interrupt, it resumes`,
      p,
    );
  };
}
