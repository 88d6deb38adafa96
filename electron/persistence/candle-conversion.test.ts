import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Candle, Timeframe } from '../../shared/domain/market.js';
import {
  conversionReporter,
  convertCandleRows,
  convertCandleRowsAsync,
  type ConversionProgress,
} from './candle-conversion.js';
import { openDatabase, type Database } from './database.js';
import { MIGRATIONS } from './migrations/index.js';
import { createCandleRepo, type CandleRepo } from './repositories/candle-repo.js';
import { createCandleRowRepo } from './repositories/candle-row-repo.js';

const M = 60_000;
const T0 = Date.UTC(2024, 0, 1, 13, 7);
const SCHEMA_BEFORE_BLOCKS = 11;

function minutes(from: number, count: number, price: number): Candle[] {
  return Array.from({ length: count }, (_, i) => ({
    time: T0 + (from + i) * M,
    open: price + i / 10,
    high: price + i / 10 + 1.5,
    low: price + i / 10 - 0.25,
    close: price + (i + 1) / 10,
    volume: 0.001 * i,
  }));
}

type Snapshot = Record<string, unknown>;
const SERIES: [string, string, Timeframe][] = [
  ['kraken', 'BTC/USD', '1m'],
  ['kraken', 'ETH/USD', '1h'],
  ['simulator', 'BTC/USD', '1m'],
];

/** What every reader of the store sees. */
function snapshot(repo: CandleRepo): Snapshot {
  const out: Snapshot = { series: repo.series() };
  for (const [source, symbol, tf] of SERIES) {
    const k = `${source} ${symbol} ${tf}`;
    out[`${k} range`] = repo.range(source, symbol, tf, 0, Number.MAX_SAFE_INTEGER);
    out[`${k} count`] = repo.count(source, symbol, tf);
    out[`${k} latest`] = repo.latest(source, symbol, tf);
    out[`${k} earliest`] = repo.earliest(source, symbol, tf);
    out[`${k} gaps`] = repo.gaps(source, symbol, tf, T0 - 60 * M, T0 + 50 * 1440 * M);
    out[`${k} holes`] = repo.holes(source, symbol, tf, 0, Number.MAX_SAFE_INTEGER);
  }
  return out;
}

describe('converting the row table into blocks', () => {
  let dir: string;
  let file: string;
  let before: Snapshot;
  let rows: number;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-conversion-'));
    file = path.join(dir, 'workstation.db');
    // A database as the previous version left it: schema 11, candles one per row.
    const db = openDatabase({ file, migrations: MIGRATIONS.slice(0, SCHEMA_BEFORE_BLOCKS), synchronous: 'NORMAL' });
    const old = createCandleRowRepo(db);
    // 40 days of minutes with a gap (more than one chunk of 30 blocks), a sparse hourly series, a short one.
    old.upsert('kraken', 'BTC/USD', '1m', [...minutes(0, 20 * 1440, 40_000), ...minutes(21 * 1440, 19 * 1440, 41_000)]);
    old.upsert(
      'kraken',
      'ETH/USD',
      '1h',
      [0, 1, 5, 400, 401].map((h) => ({ ...minutes(0, 1, 2000)[0]!, time: T0 - 7 * M + h * 3_600_000 })),
    );
    old.upsert('simulator', 'BTC/USD', '1m', minutes(3, 10, 100));
    old.markHoles('kraken', 'BTC/USD', '1m', [{ from: T0 + 20 * 1440 * M, to: T0 + 21 * 1440 * M - M }], 5);
    before = snapshot(old);
    rows = old.count('kraken', 'BTC/USD', '1m') + 5 + 10;
    db.close();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const open = (): Database => openDatabase({ file, migrations: MIGRATIONS, synchronous: 'NORMAL' });

  it('converts on the first open of the store, reporting progress; every reader sees the same candles', () => {
    const db = open();
    expect(db.prepare('SELECT COUNT(*) FROM candles').pluck().get()).toBe(rows); // the migration leaves rows in place
    const progress: ConversionProgress[] = [];
    const lines: string[] = [];
    const report = conversionReporter((line) => lines.push(line));
    const repo = createCandleRepo(db, { onConversion: (p) => (progress.push(p), report(p)) });
    expect(progress.length).toBeGreaterThan(2);
    expect(lines[0]).toMatch(
      /^converting stored candles into blocks: [\d,]+ of 56,175 \(\d+%\), [\d.]+ s; safe to interrupt, it resumes$/,
    );
    expect(lines.at(-1)).toMatch(
      /^converted 56,175 stored candles into blocks \([\d.]+ s\); the old candle table is gone$/,
    );
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(lines.filter((line) => line.includes('(100%)'))).toEqual([]); // the end line says it, once
    expect(progress.at(-1)).toMatchObject({ converted: rows, total: rows, done: true });
    expect(progress.map((p) => p.converted)).toEqual([...progress.map((p) => p.converted)].sort((a, b) => a - b));
    expect(snapshot(repo)).toEqual(before);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('candles', 'candle_conversion')").all()).toEqual(
      [],
    );
    expect(convertCandleRows(db)).toBeNull(); // nothing left to do
    db.close();
  });

  it('resumes after an interruption between chunks; the old rows stay readable until the end', () => {
    let db = open();
    let chunks = 0;
    expect(() =>
      convertCandleRows(db, {
        onProgress: () => {
          if (++chunks === 1) throw new Error('power cut');
        },
      }),
    ).toThrow('power cut');
    // The first chunk is in blocks; the old table is untouched and still answers as before.
    expect(db.prepare('SELECT COUNT(*) FROM candle_blocks').pluck().get()).toBeGreaterThan(0);
    expect(snapshot(createCandleRowRepo(db))).toEqual(before);
    db.close();

    db = open();
    const progress: ConversionProgress[] = [];
    const repo = createCandleRepo(db, { onConversion: (p) => progress.push(p) });
    expect(progress[0]!.converted).toBeGreaterThan(30 * 1440 - 1); // continued after the first chunk
    expect(progress.at(-1)).toMatchObject({ converted: rows, total: rows, done: true });
    expect(snapshot(repo)).toEqual(before);
    db.close();
  });

  it('rolls back a chunk that fails half-way and converts it on the next start', () => {
    let db = open();
    db.exec(
      `CREATE TRIGGER refuse BEFORE INSERT ON candle_blocks WHEN NEW.first_time >= ${T0 + 10 * 1440 * M} BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    expect(() => createCandleRepo(db)).toThrow(/disk full/);
    expect(db.prepare('SELECT COUNT(*) FROM candle_blocks').pluck().get()).toBe(0); // the chunk left nothing
    expect(snapshot(createCandleRowRepo(db))).toEqual(before);
    db.exec('DROP TRIGGER refuse');
    db.close();
    db = open();
    expect(snapshot(createCandleRepo(db))).toEqual(before);
    db.close();
  });

  it('the engine start converts with a turn between chunks: the rows stay readable at every turn, the result is the same', async () => {
    const db = open();
    const seen: { converted: number; rows: Snapshot }[] = [];
    const progress: ConversionProgress[] = [];
    const last = await convertCandleRowsAsync(db, {
      onProgress: (p) => progress.push(p),
      // Each turn: what the rest of the engine (a status request) would see between two chunks.
      pause: () => {
        seen.push({ converted: progress.at(-1)!.converted, rows: snapshot(createCandleRowRepo(db)) });
        return Promise.resolve();
      },
    });
    expect(last).toMatchObject({ converted: rows, total: rows, done: true });
    // One turn after every chunk but the end: 40 days of minutes (2 chunks), the hourly and the short series.
    expect(seen.length).toBe(progress.length - 1);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen.map((s) => s.converted)).toEqual(progress.slice(0, -1).map((p) => p.converted));
    for (const turn of seen) expect(turn.rows).toEqual(before);
    expect(snapshot(createCandleRepo(db))).toEqual(before);
    expect(await convertCandleRowsAsync(db)).toBeNull();
    db.close();
  });
});
