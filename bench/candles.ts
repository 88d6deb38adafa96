/**
 * `npm run bench -- candles`: the SQLite candle store (electron/persistence/repositories/candle-repo.ts)
 * on a temporary database file opened as in production (openDatabase with every migration, WAL,
 * synchronous=FULL). Bulk upsert of 1,000,000 1m candles in one transaction against the named
 * baseline of naive one-row-per-statement inserts in autocommit (each row its own transaction);
 * then a 1,000,000-row range read as objects (range) and as columns (rangeColumns) against the
 * obvious better-sqlite3 read (stmt.all(), one object per row) and SQLite's own scan of the range.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../electron/persistence/database.js';
import { MIGRATIONS } from '../electron/persistence/migrations/index.js';
import type { Database } from '../electron/persistence/database.js';
import { createCandleRepo, type CandleRepo } from '../electron/persistence/repositories/candle-repo.js';
import type { Candle } from '../shared/domain/market.js';
import { progress, type BenchResult } from './lib/result.js';
import { summarize, type Summary } from './lib/stats.js';
import { describeTarget, formatNumber, formatTable, round, section } from './lib/table.js';

export const description =
  'candle store: 1M-row upsert (rows/s) vs naive autocommit inserts; 1M-row range read, objects and columns, vs stmt.all()';

const ROWS = 1_000_000;
const NAIVE_ROWS = 2_000;
const INSERT_RUNS = 3;
const READ_RUNS = 7;
const INSERT_TARGET = 400_000;
const READ_TARGET_MS = 300;
const START = Date.UTC(2022, 0, 1);
const M = 60_000;

function makeCandles(count: number): Candle[] {
  const out = new Array<Candle>(count);
  let price = 30_000;
  for (let i = 0; i < count; i++) {
    const open = price;
    price = Math.max(1, price + Math.sin(i / 37) * 5 + ((i * 7919) % 13) - 6);
    const high = Math.max(open, price) + (i % 5);
    const low = Math.min(open, price) - (i % 3);
    out[i] = { time: START + i * M, open, high, low, close: price, volume: (i % 17) + 0.5 };
  }
  return out;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

/**
 * Runs every read `runs` times after one warm-up each, interleaved (a, b, c, a, b, c, ...), so a busy
 * moment of the machine hits all of them alike.
 */
function interleaved(runs: number, reads: readonly (() => unknown)[]): Summary[] {
  for (const read of reads) read();
  const ms: number[][] = reads.map(() => []);
  for (let r = 0; r < runs; r++) reads.forEach((read, i) => ms[i]!.push(time(read).ms));
  return ms.map(summarize);
}

type Writes = { insert: Summary; update: number; naive: number; to: number; lastClose: number };

function measureWrites(db: Database, repo: CandleRepo): Writes {
  const candles = makeCandles(ROWS);
  const to = candles[ROWS - 1]!.time;

  progress(`inserting ${ROWS.toLocaleString('en-US')} candles x ${INSERT_RUNS} series (one transaction each)...`);
  const insertMs: number[] = [];
  for (let r = 0; r < INSERT_RUNS; r++) insertMs.push(time(() => repo.upsert('bench', `S${r}/USD`, '1m', candles)).ms);
  const insert = summarize(insertMs);
  progress('upserting the same 1,000,000 again (every row an update)...');
  const update = time(() => repo.upsert('bench', 'S0/USD', '1m', candles)).ms;

  progress(`naive baseline: ${NAIVE_ROWS.toLocaleString('en-US')} rows, one INSERT per row, autocommit...`);
  const naiveStmt = db.prepare(
    'INSERT INTO candles (source, symbol, timeframe, time, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const naive = time(() => {
    for (const c of candles.slice(0, NAIVE_ROWS)) {
      naiveStmt.run('naive', 'BTC/USD', '1m', c.time, c.open, c.high, c.low, c.close, c.volume);
    }
  }).ms;

  return { insert, update, naive, to, lastClose: candles[ROWS - 1]!.close };
}

export async function run(): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bench-candles-'));
  const file = path.join(dir, 'workstation.db');
  const db = openDatabase({ file, migrations: MIGRATIONS, synchronous: 'FULL' });
  try {
    const repo = createCandleRepo(db);
    // The generated candles live only inside measureWrites: the reads run on a heap that does not
    // hold a million objects, as in the app.
    const { insert, update, naive, to, lastClose } = measureWrites(db, repo);

    // A checkpoint first, as in steady use: right after a 300 MB import, reads would still go through the WAL.
    db.pragma('wal_checkpoint(TRUNCATE)');
    progress(`reading ${ROWS.toLocaleString('en-US')} rows, ${READ_RUNS} interleaved runs each...`);
    const allStmt = db.prepare(
      'SELECT time, open, high, low, close, volume FROM candles WHERE source = ? AND symbol = ? AND timeframe = ? AND time BETWEEN ? AND ? ORDER BY time',
    );
    const floorStmt = db.prepare(
      'SELECT COUNT(*), SUM(time + open + high + low + close + volume) FROM candles WHERE source = ? AND symbol = ? AND timeframe = ? AND time BETWEEN ? AND ?',
    );
    const [columns, objects, baselineAll, floor] = interleaved(READ_RUNS, [
      () => repo.rangeColumns('bench', 'S1/USD', '1m', START, to),
      () => repo.range('bench', 'S1/USD', '1m', START, to),
      () => allStmt.all('bench', 'S1/USD', '1m', START, to),
      () => floorStmt.get('bench', 'S1/USD', '1m', START, to),
    ]) as [Summary, Summary, Summary, Summary];
    const check = repo.rangeColumns('bench', 'S1/USD', '1m', START, to);
    if (check.time.length !== ROWS || check.close[ROWS - 1] !== lastClose) {
      throw new Error('the range read did not return the inserted candles');
    }
    const bytes = fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

    const rate = (ms: number, rows: number) => rows / (ms / 1000);
    const n = (count: number) => count.toLocaleString('en-US');
    const insertRate = rate(insert.p50, ROWS);
    const naiveRate = rate(naive, NAIVE_ROWS);
    const writeTable = formatTable(
      ['write (1m candles, synchronous=FULL, WAL)', 'rows', 'ms', 'rows/s', 'vs baseline'],
      [
        [
          'upsert, one transaction, new rows (median of 3)',
          n(ROWS),
          insert.p50,
          insertRate,
          `${formatNumber(insertRate / naiveRate)}x`,
        ],
        [
          'upsert, one transaction, all rows exist (updates)',
          n(ROWS),
          update,
          rate(update, ROWS),
          `${formatNumber(rate(update, ROWS) / naiveRate)}x`,
        ],
        ['baseline: INSERT per row, autocommit', n(NAIVE_ROWS), naive, naiveRate, '1x'],
      ],
    );
    const readRow = (label: string, s: Summary): (string | number)[] => [label, s.p50, s.min, s.max, rate(s.p50, ROWS)];
    const readTable = formatTable(
      ['read 1,000,000 rows of one series', 'p50 ms', 'min ms', 'max ms', 'rows/s (p50)'],
      [
        readRow('rangeColumns (Float64Array columns)', columns),
        readRow('range (Candle objects)', objects),
        readRow('baseline: stmt.all(), one object per row', baselineAll),
        readRow('floor: SQLite scans the range, no rows to JS', floor),
      ],
    );
    const report = [
      section(
        'write',
        writeTable,
        `upsert: ${describeTarget(insertRate, { value: INSERT_TARGET, better: 'higher', unit: 'rows/s' })}`,
        `The baseline writes only ${n(NAIVE_ROWS)} rows (each commit is its own transaction and waits for the disk); its rows/s is extrapolated: 1,000,000 rows at that rate would take ${formatNumber(ROWS / naiveRate / 60)} min.`,
      ),
      '',
      section(
        'read',
        readTable,
        `rangeColumns: ${describeTarget(columns.p50, { value: READ_TARGET_MS, better: 'lower', unit: 'ms' })}`,
        `range (objects): ${describeTarget(objects.p50, { value: READ_TARGET_MS, better: 'lower', unit: 'ms' })}`,
        `Database file with ${(INSERT_RUNS * ROWS + NAIVE_ROWS).toLocaleString('en-US')} candles: ${formatNumber(bytes / 2 ** 20)} MiB (${formatNumber(bytes / (INSERT_RUNS * ROWS + NAIVE_ROWS))} bytes/candle).`,
      ),
    ].join('\n');
    return {
      bench: 'candles',
      report,
      figures: {
        rows: ROWS,
        upsert_rows_per_s: Math.round(insertRate),
        upsert_p50_ms: round(insert.p50, 1),
        upsert_update_rows_per_s: Math.round(rate(update, ROWS)),
        naive_autocommit_rows_per_s: round(naiveRate, 1),
        naive_rows: NAIVE_ROWS,
        range_columns_p50_ms: round(columns.p50, 1),
        range_columns_min_ms: round(columns.min, 1),
        range_objects_p50_ms: round(objects.p50, 1),
        range_objects_min_ms: round(objects.min, 1),
        baseline_stmt_all_p50_ms: round(baselineAll.p50, 1),
        sqlite_scan_floor_p50_ms: round(floor.p50, 1),
        db_bytes_per_candle: round(bytes / (INSERT_RUNS * ROWS + NAIVE_ROWS), 1),
        upsert_target_met: insertRate >= INSERT_TARGET,
        range_columns_target_met: columns.p50 <= READ_TARGET_MS,
        range_objects_target_met: objects.p50 <= READ_TARGET_MS,
      },
    };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
