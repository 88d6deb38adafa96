import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLogStore, type LogStore } from '../../../logging/log-store.js';
import { createRedactor } from '../../../logging/redact.js';
import { parseCsvObjects } from '../../testing/parse-csv.js';
import { ExportAbortedError, writeExport } from './exporter.js';
import { exportToFile } from './export-service.js';
import { logExportSource } from './sources.js';

let dir: string;
let store: LogStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-export-'));
  store = openLogStore(path.join(dir, 'logs.db'));
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const LEVELS = ['error', 'warn', 'info', 'debug'] as const;
/** Seeds through a second connection in one transaction (the store commits entry by entry). */
function seed(n: number): void {
  const db = new BetterSqlite3(path.join(dir, 'logs.db'));
  const insert = db.prepare(
    'INSERT INTO logs (time, level, category, message, symbol, context) VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let i = 1; i <= n; i += 1) {
      insert.run(
        1_700_000_000_000 + i * 1000,
        LEVELS[i % 4]!,
        i % 2 === 0 ? 'orders' : 'engine',
        `tick ${i}, "quoted"`,
        i % 3 === 0 ? 'BTC/USD' : null,
        JSON.stringify({ i, note: 'a,b\nc' }),
      );
    }
  })();
  db.close();
}

/** A destination that takes `perTick` chunks per event-loop turn: the exporter must wait for it. */
function slowSink(): Writable & { text(): string; maxBuffered: number } {
  const chunks: string[] = [];
  const sink = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      sink.maxBuffered = Math.max(sink.maxBuffered, sink.writableLength);
      setImmediate(done);
    },
  }) as Writable & { text(): string; maxBuffered: number };
  sink.maxBuffered = 0;
  sink.text = () => chunks.join('');
  return sink;
}

describe('writeExport', () => {
  it('exports the filtered range oldest first as CSV with the context as a JSON column', async () => {
    seed(30);
    const sink = slowSink();
    const counts = await writeExport(
      sink,
      'csv',
      logExportSource(
        store,
        { categories: ['orders'], from: 1_700_000_010_000, to: 1_700_000_020_000 },
        createRedactor(),
      ),
      { pageSize: 2 },
    );
    const rows = parseCsvObjects(sink.text());
    expect(rows.map((r) => Number(r.id))).toEqual([10, 12, 14, 16, 18, 20]);
    expect(counts).toEqual({ rows: 6, bytes: Buffer.byteLength(sink.text()) });
    expect(rows[0]).toEqual({
      id: '10',
      time: '2023-11-14T22:13:30.000Z',
      time_ms: '1700000010000',
      level: 'info',
      category: 'orders',
      symbol: '',
      message: 'tick 10, "quoted"',
      context: '{"i":10,"note":"a,b\\nc"}',
    });
    expect(JSON.parse(rows[0]!.context!)).toEqual({ i: 10, note: 'a,b\nc' });
  });

  it('streams 100,000 entries in every format with backpressure, while the event loop keeps turning', async () => {
    seed(100_000);
    for (const format of ['csv', 'json', 'jsonl'] as const) {
      const sink = slowSink();
      let ticks = 0;
      const ticker = setInterval(() => (ticks += 1), 1);
      const started = process.hrtime.bigint();
      const counts = await writeExport(sink, format, logExportSource(store, {}, createRedactor()));
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      clearInterval(ticker);
      expect(counts.rows).toBe(100_000);
      // Other work ran during the export: timers fired throughout, not only at the end.
      expect(ticks).toBeGreaterThan(Math.min(50, ms / 20));
      // The exporter waited for the sink: its buffer never held more than about one page.
      expect(sink.maxBuffered).toBeLessThan(512 * 1024);
      const text = sink.text();
      if (format === 'json') {
        const parsed = JSON.parse(text) as Array<{ id: number }>;
        expect(parsed).toHaveLength(100_000);
        expect(parsed[99_999]?.id).toBe(100_000);
      } else if (format === 'jsonl') {
        const lines = text.trimEnd().split('\n');
        expect(lines).toHaveLength(100_000);
        expect(JSON.parse(lines[0]!)).toMatchObject({ id: 1, context: { i: 1, note: 'a,b\nc' } });
      } else {
        const rows = parseCsvObjects(text);
        expect(rows).toHaveLength(100_000);
        expect(rows.at(-1)?.id).toBe('100000');
      }
    }
  }, 120_000);

  it('stops when the destination closes, and a file export leaves no half-written file', async () => {
    seed(5_000);
    const sink = slowSink();
    const exporting = writeExport(sink, 'csv', logExportSource(store, {}, createRedactor()), { pageSize: 100 });
    setTimeout(() => sink.destroy(), 5);
    await expect(exporting).rejects.toBeInstanceOf(ExportAbortedError);

    const abort = new AbortController();
    abort.abort();
    const file = path.join(dir, 'out.csv');
    await expect(
      exportToFile({ kind: 'logs', format: 'csv', filter: {} }, file, logExportSource(store, {}, createRedactor()), {
        signal: abort.signal,
      }),
    ).rejects.toThrow(/cancelled/);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('out.csv'))).toEqual([]);

    await exportToFile(
      { kind: 'logs', format: 'jsonl', filter: {} },
      file,
      logExportSource(store, {}, createRedactor()),
    );
    expect(fs.readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(5_000);
  });

  it('ends at the last entry that existed when it began, while logging goes on', async () => {
    seed(1_000);
    const sink = new Writable({
      write(_chunk, _enc, done) {
        store.append({ time: 1, level: 'info', category: 'system', message: 'during', symbol: null, context: {} });
        done();
      },
    });
    const counts = await writeExport(sink, 'jsonl', logExportSource(store, {}, createRedactor()), { pageSize: 10 });
    expect(counts.rows).toBe(1_000);
  });
});
