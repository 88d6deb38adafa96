import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openLogStore } from '../electron/logging/log-store.js';
import { runExportVariant, VARIANTS, type ExportMeasure, type Variant } from './lib/export-worker.js';
import { progress, type BenchResult, type Figure } from './lib/result.js';
import { formatNumber, formatTable, round, section } from './lib/table.js';

export const description =
  'export 1,000,000 log entries to CSV: seconds, peak RSS/heap and event-loop delay p99, streaming vs naive in-memory';

const ENTRIES = Number(process.env.BENCH_EXPORT_ENTRIES ?? 1_000_000);
const CATEGORIES = ['engine', 'orders', 'risk', 'strategy', 'exchange', 'ai', 'system'];
const LEVELS = ['debug', 'info', 'info', 'info', 'warn', 'error'];
const SYMBOLS = ['BTC/USD', 'ETH/USD', 'SOL/EUR', null];

const LABEL: Record<Variant, string> = {
  'naive-json': 'baseline: all rows in memory, JSON.stringify, one write',
  'naive-csv': 'baseline: all rows in memory, one CSV string, one write',
  'stream-csv': 'ours: streaming CSV (keyset pages, backpressure, redaction)',
  'stream-csv-no-reredaction': 'ours without the second redaction pass',
};
const KEY: Record<Variant, string> = {
  'naive-json': 'naive_json',
  'naive-csv': 'naive_csv',
  'stream-csv': 'export_csv',
  'stream-csv-no-reredaction': 'export_csv_no_reredaction',
};

/** A logs.db with ENTRIES realistic entries (messages with commas and quotes, JSON context). */
function seed(file: string): void {
  openLogStore(file).close(); // schema through the real migrations
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    'INSERT INTO logs (time, level, category, message, symbol, context) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const t0 = Date.UTC(2025, 0, 1);
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      const symbol = SYMBOLS[i % SYMBOLS.length] ?? null;
      insert.run(
        t0 + i * 250,
        LEVELS[i % LEVELS.length],
        CATEGORIES[i % CATEGORIES.length],
        i % 5 === 0 ? `order ${i} filled, price "64,250.1"` : `candle closed for ${symbol ?? 'all'} #${i}`,
        symbol,
        JSON.stringify({
          orderId: `ord-${i}`,
          price: 64250.1 + (i % 100),
          qty: '0.5',
          venue: 'kraken',
          latencyMs: i % 40,
        }),
      );
    }
  });
  for (let from = 0; from < ENTRIES; from += 100_000) batch(from, Math.min(ENTRIES, from + 100_000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

const mb = (bytes: number) => bytes / 2 ** 20;

export async function run(): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bench-export-'));
  try {
    const logsDb = path.join(dir, 'logs.db');
    progress(`seeding ${ENTRIES.toLocaleString('en-US')} log entries into ${logsDb} ...`);
    const seedStart = performance.now();
    seed(logsDb);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const dbBytes = fs.statSync(logsDb).size;
    const results: ExportMeasure[] = [];
    for (const variant of VARIANTS) {
      progress(`exporting: ${LABEL[variant]} ...`);
      const out = path.join(dir, `${variant}.${variant === 'naive-json' ? 'json' : 'csv'}`);
      results.push(await runExportVariant({ variant, logsDb, out }));
      fs.rmSync(out, { force: true });
    }
    const table = formatTable(
      [
        'variant',
        'rows',
        'MB out',
        's',
        'rows/s',
        'peak RSS MB',
        'peak heap MB',
        'loop p50 ms',
        'loop p99 ms',
        'loop max ms',
      ],
      results.map((r) => [
        LABEL[r.variant],
        r.rows.toLocaleString('en-US'),
        mb(r.bytes),
        r.seconds,
        Math.round(r.rows / r.seconds).toLocaleString('en-US'),
        mb(r.peakRssBytes),
        mb(r.peakHeapBytes),
        r.loopDelayP50Ms,
        r.loopDelayP99Ms,
        r.loopDelayMaxMs,
      ]),
    );
    const ours = results.find((r) => r.variant === 'stream-csv');
    const naiveCsv = results.find((r) => r.variant === 'naive-csv');
    const notes = [
      `Seeded in ${formatNumber(seedSeconds)} s; logs.db is ${formatNumber(mb(dbBytes))} MB. Each variant runs in a fresh child process (peak RSS is per process; a process with modules loaded and the database open starts at about ${formatNumber(mb(ours?.startRssBytes ?? 0))} MB).`,
      'Event-loop delay is what any other work in the same process (the engine, in the app) would wait: the naive variants block for the whole export.',
    ];
    if (ours && naiveCsv) {
      notes.push(
        `Streaming CSV vs naive CSV: ${formatNumber(ours.seconds / naiveCsv.seconds)}x the time, ${formatNumber(mb(ours.peakRssBytes))} MB vs ${formatNumber(mb(naiveCsv.peakRssBytes))} MB peak RSS, loop delay p99 ${formatNumber(ours.loopDelayP99Ms)} ms vs ${formatNumber(naiveCsv.loopDelayP99Ms)} ms.`,
      );
    }
    const figures: Record<string, Figure> = { entries: ENTRIES, logs_db_bytes: dbBytes };
    for (const r of results) {
      const k = KEY[r.variant];
      figures[`${k}_seconds`] = round(r.seconds, 3);
      figures[`${k}_bytes`] = r.bytes;
      figures[`${k}_peak_rss_bytes`] = r.peakRssBytes;
      figures[`${k}_peak_heap_bytes`] = r.peakHeapBytes;
      figures[`${k}_loop_delay_p99_ms`] = round(r.loopDelayP99Ms, 2);
      figures[`${k}_loop_delay_max_ms`] = round(r.loopDelayMaxMs, 2);
    }
    return {
      bench: 'export',
      report: section(`export of ${ENTRIES.toLocaleString('en-US')} log entries`, table, '', ...notes),
      figures,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
