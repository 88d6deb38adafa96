/**
 * `npm run bench -- candles`: the block store (electron/persistence/repositories/candle-repo.ts) side
 * by side with the row store it replaced (candle-row-repo.ts: one SQLite row per candle, the table
 * of migration 003), each on its own temporary database file opened as in production (openDatabase,
 * WAL, synchronous=FULL), on the same realistic 1-minute BTC candles from the simulator's generator.
 * Measured: bulk upsert of 1,000,000 candles (and a naive one-row-per-statement autocommit baseline),
 * a 1,000,000-candle range read into columns and as objects (against the obvious stmt.all() and
 * SQLite's own scan of the rows), bytes per candle on disk, the compressor choice, a year of 1-hour
 * candles resampled from minutes, and the conversion of a row table into blocks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCandles } from '../electron/adapters/market/simulator/stored-candles.js';
import type { CandleStore } from '../electron/engine/market/candle-store-port.js';
import { openDatabase, type Database } from '../electron/persistence/database.js';
import { MIGRATIONS } from '../electron/persistence/migrations/index.js';
import { DEFAULT_COMPRESSOR } from '../electron/persistence/repositories/candle-codec.js';
import { createCandleRepo, type CandleRepo } from '../electron/persistence/repositories/candle-repo.js';
import { readResampledColumns } from '../electron/persistence/repositories/candle-resample.js';
import { createCandleRowRepo } from '../electron/persistence/repositories/candle-row-repo.js';
import { objectsOnly } from '../electron/persistence/testing/objects-only.js';
import { COMPRESSORS, measureCodec, type CodecFigures } from './candles/codecs.js';
import { measureConversion } from './candles/conversion.js';
import { M, offGridCandles, sameColumns, simulatedCandles, START, time } from './candles/data.js';
import { progress, type BenchResult } from './lib/result.js';
import { summarize, type Summary } from './lib/stats.js';
import { describeTarget, formatNumber, formatTable, round, section } from './lib/table.js';

export const description =
  'candle store: block store vs the old row store side by side (1M upsert, 1M range read, bytes/candle, 1y of 1h resampled, row-table conversion)';

const ROWS = 1_000_000;
const SERIES = 3;
const NAIVE_ROWS = 2_000;
const READ_RUNS = 7;
const YEAR = 525_600;
/** Candles converted from a row table; BENCH_CANDLES_CONVERT=N measures another count (a multiple of 64). */
const CONVERT = Number(process.env.BENCH_CANDLES_CONVERT ?? 10_000_000);
const TARGET = { readMs: 60, insertPerS: 2_000_000, bytesPerCandle: 12, convert10MS: 30 };
/** The schema before the block store: the row table of migration 003 still in use. */
const ROW_SCHEMA = MIGRATIONS.slice(0, 11);

type Timed = Summary & { cpu: number };

/** Runs each read `runs` times after one warm-up each, interleaved (a, b, c, a, b, c, ...); cpu is the CPU-time median. */
function interleaved(runs: number, reads: readonly (() => unknown)[]): Timed[] {
  for (const read of reads) read();
  const ms: number[][] = reads.map(() => []);
  const cpu: number[][] = reads.map(() => []);
  for (let r = 0; r < runs; r++) {
    reads.forEach((read, i) => {
      const t = time(read);
      ms[i]!.push(t.ms);
      cpu[i]!.push(t.cpuMs);
    });
  }
  return ms.map((m, i) => ({ ...summarize(m), cpu: summarize(cpu[i]!).p50 }));
}

function fileBytes(db: Database, file: string): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  return fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
}

type Stores = {
  rowDb: Database;
  blockDb: Database;
  rows: CandleRepo;
  blocks: CandleRepo;
  rowFile: string;
  blockFile: string;
};

function openStores(dir: string): Stores {
  const rowFile = path.join(dir, 'rows.db');
  const blockFile = path.join(dir, 'blocks.db');
  const rowDb = openDatabase({ file: rowFile, migrations: ROW_SCHEMA, synchronous: 'FULL' });
  const blockDb = openDatabase({ file: blockFile, migrations: MIGRATIONS, synchronous: 'FULL' });
  return { rowDb, blockDb, rows: createCandleRowRepo(rowDb), blocks: createCandleRepo(blockDb), rowFile, blockFile };
}

function measureWrites(s: Stores) {
  const candles = simulatedCandles(ROWS);
  progress(
    `upserting ${ROWS.toLocaleString('en-US')} candles x ${SERIES} series into each store (one transaction each)...`,
  );
  const rowMs: number[] = [];
  const blockMs: number[] = [];
  const rowCpu: number[] = [];
  const blockCpu: number[] = [];
  for (let r = 0; r < SERIES; r++) {
    const a = time(() => s.rows.upsert('bench', `S${r}/USD`, '1m', candles));
    const b = time(() => s.blocks.upsert('bench', `S${r}/USD`, '1m', candles));
    rowMs.push(a.ms);
    rowCpu.push(a.cpuMs);
    blockMs.push(b.ms);
    blockCpu.push(b.cpuMs);
  }
  progress('upserting the same 1,000,000 again into each (every candle exists)...');
  const rowUpdate = time(() => s.rows.upsert('bench', 'S0/USD', '1m', candles)).ms;
  const blockUpdate = time(() => s.blocks.upsert('bench', 'S0/USD', '1m', candles)).ms;
  progress(`naive baseline: ${NAIVE_ROWS.toLocaleString('en-US')} rows, one INSERT per row, autocommit...`);
  const naiveStmt = s.rowDb.prepare(
    'INSERT INTO candles (source, symbol, timeframe, time, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const naive = time(() => {
    for (const c of candles.slice(0, NAIVE_ROWS))
      naiveStmt.run('naive', 'BTC/USD', '1m', c.time, c.open, c.high, c.low, c.close, c.volume);
  }).ms;
  progress(`one year of minutes (${YEAR.toLocaleString('en-US')}) into each store for the resampled read...`);
  const year = simulatedCandles(YEAR, START, 2);
  s.rows.upsert('bench', 'Y/USD', '1m', year);
  s.blocks.upsert('bench', 'Y/USD', '1m', year);
  return {
    row: { ...summarize(rowMs), cpu: summarize(rowCpu).p50 },
    block: { ...summarize(blockMs), cpu: summarize(blockCpu).p50 },
    rowUpdate,
    blockUpdate,
    naive,
    to: candles[ROWS - 1]!.time,
  };
}

function measureReads(s: Stores, to: number) {
  progress(`reading ${ROWS.toLocaleString('en-US')} candles of one series, ${READ_RUNS} interleaved runs each...`);
  const allStmt = s.rowDb.prepare(
    'SELECT time, open, high, low, close, volume FROM candles WHERE source = ? AND symbol = ? AND timeframe = ? AND time BETWEEN ? AND ? ORDER BY time',
  );
  const floorStmt = s.rowDb.prepare(
    'SELECT COUNT(*), SUM(time + open + high + low + close + volume) FROM candles WHERE source = ? AND symbol = ? AND timeframe = ? AND time BETWEEN ? AND ?',
  );
  const read = [
    () => s.blocks.rangeColumns('bench', 'S1/USD', '1m', START, to),
    () => s.blocks.range('bench', 'S1/USD', '1m', START, to),
    () => s.rows.rangeColumns('bench', 'S1/USD', '1m', START, to),
    () => s.rows.range('bench', 'S1/USD', '1m', START, to),
    () => allStmt.all('bench', 'S1/USD', '1m', START, to),
    () => floorStmt.get('bench', 'S1/USD', '1m', START, to),
  ];
  const summaries = interleaved(READ_RUNS, read);
  const a = s.blocks.rangeColumns('bench', 'S1/USD', '1m', START, to);
  if (a.time.length !== ROWS || !sameColumns(a, s.rows.rangeColumns('bench', 'S1/USD', '1m', START, to))) {
    throw new Error('the block store did not return the same candles as the row store');
  }
  return summaries;
}

function measureResampled(s: Stores) {
  progress('reading a year of 1-hour candles resampled from minutes, 5 interleaved runs each...');
  const asOf = START + YEAR * M;
  const from = START;
  const to = asOf - 3_600_000;
  const hoursOf = (store: CandleStore) => () =>
    readCandles({ store, source: 'bench', symbol: 'Y/USD', base: '1m', timeframe: '1h', from, to, asOf });
  // Before: every minute a Candle object, resampled (readCandles over the CandleStore port alone).
  const viaObjects = (store: CandleRepo) => hoursOf(objectsOnly(store));
  const viaColumns = () =>
    readResampledColumns({
      repo: s.blocks,
      source: 'bench',
      symbol: 'Y/USD',
      base: '1m',
      timeframe: '1h',
      from,
      to,
      asOf,
    });
  // The other way: the hours cached as their own 1h series of blocks (written once, then read).
  const hoursCandles = viaObjects(s.blocks)();
  const cacheWrite = time(() => s.blocks.upsert('bench-cache', 'Y/USD', '1h', hoursCandles));
  const viaCache = () => s.blocks.rangeColumns('bench-cache', 'Y/USD', '1h', from, to);
  const minutesOnly = () => s.blocks.rangeColumns('bench', 'Y/USD', '1m', from, asOf - M);
  // Now: readCandles (chart, simulator, replay) resamples the block store's columns.
  const readCandlesNow = hoursOf(s.blocks);
  const [rowObjects, blockObjects, blockReadCandles, blockColumns, cached, minutes] = interleaved(5, [
    viaObjects(s.rows),
    viaObjects(s.blocks),
    readCandlesNow,
    viaColumns,
    viaCache,
    minutesOnly,
  ]);
  const hours = viaColumns().time.length;
  if (hours !== viaObjects(s.rows)().length || hours !== readCandlesNow().length) {
    throw new Error('the resampled reads differ');
  }
  if (!sameColumns(viaCache(), viaColumns())) throw new Error('the cached hours differ from the resampled ones');
  return {
    rowObjects: rowObjects!,
    blockObjects: blockObjects!,
    blockReadCandles: blockReadCandles!,
    blockColumns: blockColumns!,
    cached: cached!,
    minutes: minutes!,
    cacheWriteMs: cacheWrite.ms,
    hours,
  };
}

export async function run(): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bench-candles-'));
  const s = openStores(dir);
  try {
    const w = measureWrites(s);
    s.rowDb.pragma('wal_checkpoint(TRUNCATE)');
    s.blockDb.pragma('wal_checkpoint(TRUNCATE)');
    const [bCols, bObjs, rCols, rObjs, stmtAll, floor] = measureReads(s, w.to) as [
      Timed,
      Timed,
      Timed,
      Timed,
      Timed,
      Timed,
    ];
    const resampled = measureResampled(s);
    const stored = SERIES * ROWS + YEAR;
    const rowBytes = fileBytes(s.rowDb, s.rowFile) / (stored + NAIVE_ROWS);
    const blockBytes = fileBytes(s.blockDb, s.blockFile) / stored;
    s.rowDb.close();
    s.blockDb.close();

    progress('compressors: encoding and decoding 1,000,000 candles a day per block with each...');
    const sim = simulatedCandles(ROWS);
    const codecs: CodecFigures[] = COMPRESSORS.map((c) => measureCodec(sim, c, 5));
    const offGrid = measureCodec(offGridCandles(ROWS), DEFAULT_COMPRESSOR, 3);
    const conv = measureConversion(dir, CONVERT);

    const rate = (ms: number, n: number) => n / (ms / 1000);
    const n = (v: number) => v.toLocaleString('en-US');
    const writeTable = formatTable(
      [
        'write 1,000,000 1m candles (synchronous=FULL, WAL)',
        'row store ms',
        'row candles/s',
        'block store ms',
        'block candles/s',
        'row / block CPU ms',
      ],
      [
        [
          'upsert, new candles, one transaction (median of 3)',
          w.row.p50,
          rate(w.row.p50, ROWS),
          w.block.p50,
          rate(w.block.p50, ROWS),
          `${formatNumber(w.row.cpu)} / ${formatNumber(w.block.cpu)}`,
        ],
        [
          'upsert, every candle exists',
          w.rowUpdate,
          rate(w.rowUpdate, ROWS),
          w.blockUpdate,
          rate(w.blockUpdate, ROWS),
          '',
        ],
        [
          `baseline: INSERT per row, autocommit (${n(NAIVE_ROWS)} rows)`,
          w.naive,
          rate(w.naive, NAIVE_ROWS),
          '',
          '',
          '',
        ],
      ],
    );
    const readRow = (label: string, x: Timed): (string | number)[] => [
      label,
      x.p50,
      x.min,
      x.max,
      x.cpu,
      rate(x.p50, ROWS),
    ];
    const readTable = formatTable(
      ['read 1,000,000 candles of one series', 'p50 ms', 'min ms', 'max ms', 'CPU p50 ms', 'candles/s (p50)'],
      [
        readRow('block store: rangeColumns (Float64Array columns)', bCols),
        readRow('block store: range (Candle objects)', bObjs),
        readRow('row store: rangeColumns (Float64Array columns)', rCols),
        readRow('row store: range (Candle objects)', rObjs),
        readRow('baseline: stmt.all() on the row table, one object per row', stmtAll),
        readRow('floor: SQLite scans the rows, none to JS', floor),
      ],
    );
    const resampleTable = formatTable(
      [
        `a year of 1h candles (${n(resampled.hours)}) from ${n(YEAR)} minutes`,
        'p50 ms',
        'min ms',
        'max ms',
        'CPU p50 ms',
      ],
      [
        [
          'row store: readCandles over Candle objects (range + resampleClosed), before',
          resampled.rowObjects.p50,
          resampled.rowObjects.min,
          resampled.rowObjects.max,
          resampled.rowObjects.cpu,
        ],
        [
          'block store: readCandles over Candle objects (the same path)',
          resampled.blockObjects.p50,
          resampled.blockObjects.min,
          resampled.blockObjects.max,
          resampled.blockObjects.cpu,
        ],
        [
          'block store: readCandles now (columns resampled, objects for the hours only)',
          resampled.blockReadCandles.p50,
          resampled.blockReadCandles.min,
          resampled.blockReadCandles.max,
          resampled.blockReadCandles.cpu,
        ],
        [
          'block store: readResampledColumns (columns, no objects)',
          resampled.blockColumns.p50,
          resampled.blockColumns.min,
          resampled.blockColumns.max,
          resampled.blockColumns.cpu,
        ],
        [
          `block store: the hours cached as their own 1h blocks (written once in ${formatNumber(resampled.cacheWriteMs)} ms)`,
          resampled.cached.p50,
          resampled.cached.min,
          resampled.cached.max,
          resampled.cached.cpu,
        ],
        [
          'for scale: the year of minutes alone into columns (rangeColumns)',
          resampled.minutes.p50,
          resampled.minutes.min,
          resampled.minutes.max,
          resampled.minutes.cpu,
        ],
      ],
    );
    const codecTable = formatTable(
      ['compressor (1,000,000 simulated BTC minutes)', 'bytes/candle', 'encode ms', 'decode ms (p50 of 5)'],
      [
        ...codecs.map((c) => [
          c.compressor + (c.compressor === DEFAULT_COMPRESSOR ? ' (chosen)' : ''),
          c.bytesPerCandle,
          c.encodeMs,
          c.decodeMs,
        ]),
        [
          `prices on no decimal grid (exact float64 fallback), ${DEFAULT_COMPRESSOR}`,
          offGrid.bytesPerCandle,
          offGrid.encodeMs,
          offGrid.decodeMs,
        ],
      ],
    );
    const convert10M = (conv.ms / 1000) * (10_000_000 / conv.total);
    const insertRate = rate(w.block.p50, ROWS);
    const report = [
      section(
        'write',
        writeTable,
        `block store upsert: ${describeTarget(insertRate, { value: TARGET.insertPerS, better: 'higher', unit: 'candles/s' })}`,
      ),
      '',
      section(
        'read',
        readTable,
        `block store rangeColumns: ${describeTarget(bCols.p50, { value: TARGET.readMs, better: 'lower', unit: 'ms' })}`,
        `(${formatNumber(rCols.p50 / bCols.p50)}x faster than the row store's columns; the row store's SQLite scan floor is ${formatNumber(floor.p50)} ms)`,
      ),
      '',
      section(
        'size on disk (after a checkpoint)',
        formatTable(
          ['store', 'candles', 'bytes/candle'],
          [
            ['row store', n(stored + NAIVE_ROWS), rowBytes],
            ['block store', n(stored), blockBytes],
          ],
        ),
        `block store: ${describeTarget(blockBytes, { value: TARGET.bytesPerCandle, better: 'lower', unit: 'bytes/candle' })}`,
      ),
      '',
      section('compressor choice', codecTable),
      '',
      section('resampled read', resampleTable),
      '',
      section(
        'conversion of the row table into blocks (on first open)',
        formatTable(
          ['candles', 'seconds', 'of which opening s', 'candles/s', 'file before MiB', 'file after MiB (not vacuumed)'],
          [
            [
              n(conv.total),
              conv.ms / 1000,
              conv.openMs / 1000,
              rate(conv.ms, conv.total),
              conv.before / 2 ** 20,
              conv.after / 2 ** 20,
            ],
          ],
        ),
        conv.total === 10_000_000
          ? `10M candles: ${describeTarget(conv.ms / 1000, { value: TARGET.convert10MS, better: 'lower', unit: 's' })}`
          : `measured on ${n(conv.total)} candles, extrapolated to 10M: ${formatNumber(convert10M)} s (${describeTarget(convert10M, { value: TARGET.convert10MS, better: 'lower', unit: 's' })})`,
      ),
    ].join('\n');
    return {
      bench: 'candles',
      report,
      figures: {
        rows: ROWS,
        block_upsert_candles_per_s: Math.round(insertRate),
        row_upsert_candles_per_s: Math.round(rate(w.row.p50, ROWS)),
        block_update_candles_per_s: Math.round(rate(w.blockUpdate, ROWS)),
        row_update_candles_per_s: Math.round(rate(w.rowUpdate, ROWS)),
        naive_autocommit_rows_per_s: round(rate(w.naive, NAIVE_ROWS), 1),
        block_range_columns_p50_ms: round(bCols.p50, 1),
        block_range_columns_cpu_p50_ms: round(bCols.cpu, 1),
        row_range_columns_cpu_p50_ms: round(rCols.cpu, 1),
        block_upsert_cpu_ms: round(w.block.cpu, 1),
        load_average_1min_at_end: round(os.loadavg()[0]!, 2),
        block_range_objects_p50_ms: round(bObjs.p50, 1),
        row_range_columns_p50_ms: round(rCols.p50, 1),
        row_range_objects_p50_ms: round(rObjs.p50, 1),
        baseline_stmt_all_p50_ms: round(stmtAll.p50, 1),
        sqlite_scan_floor_p50_ms: round(floor.p50, 1),
        block_bytes_per_candle: round(blockBytes, 2),
        row_bytes_per_candle: round(rowBytes, 2),
        compressor: DEFAULT_COMPRESSOR,
        offgrid_bytes_per_candle: round(offGrid.bytesPerCandle, 2),
        resampled_1h_year_row_p50_ms: round(resampled.rowObjects.p50, 1),
        resampled_1h_year_block_objects_p50_ms: round(resampled.blockObjects.p50, 1),
        resampled_1h_year_block_columns_p50_ms: round(resampled.blockColumns.p50, 1),
        resampled_1h_year_read_candles_now_p50_ms: round(resampled.blockReadCandles.p50, 1),
        cached_1h_year_blocks_p50_ms: round(resampled.cached.p50, 2),
        cached_1h_year_write_ms: round(resampled.cacheWriteMs, 1),
        minutes_year_columns_p50_ms: round(resampled.minutes.p50, 1),
        convert_candles: conv.total,
        convert_s: round(conv.ms / 1000, 2),
        convert_10m_s: round(convert10M, 1),
        read_target_met: bCols.p50 <= TARGET.readMs,
        insert_target_met: insertRate >= TARGET.insertPerS,
        size_target_met: blockBytes <= TARGET.bytesPerCandle,
        convert_target_met: convert10M <= TARGET.convert10MS,
      },
    };
  } finally {
    for (const db of [s.rowDb, s.blockDb]) if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
