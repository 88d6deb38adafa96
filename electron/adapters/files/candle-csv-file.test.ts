import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../persistence/migration.js';
import { MIGRATIONS } from '../../persistence/migrations/index.js';
import { createCandleRepo, type CandleRepo } from '../../persistence/repositories/candle-repo.js';
import type { Database } from '../../persistence/database.js';
import { exportCandleCsvFile, importCandleCsvFile, previewCandleCsvFile } from './candle-csv-file.js';

const FIXTURES = path.join(import.meta.dirname, '../../engine/market/fixtures');
const T = Date.UTC(2024, 2, 1);

describe('candle CSV files', () => {
  let db: Database;
  let repo: CandleRepo;
  let dir: string;
  beforeEach(() => {
    db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS);
    repo = createCandleRepo(db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-csv-'));
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a good file in one go and reports what it did', async () => {
    const result = await importCandleCsvFile(path.join(FIXTURES, 'comma-iso.csv'), repo, {
      source: 'import',
      symbol: 'BTC/USD',
    });
    expect(result).toEqual({
      ok: true,
      imported: 5,
      skipped: 0,
      timeframe: '1m',
      first: T,
      last: T + 4 * 60_000,
      errors: [],
    });
    expect(repo.count('import', 'BTC/USD', '1m')).toBe(5);
  });

  it('imports nothing from a file with bad rows, and the good rows with skipBadRows', async () => {
    const file = path.join(FIXTURES, 'bad-rows.csv');
    const refused = await importCandleCsvFile(file, repo, { source: 'import', symbol: 'BTC/USD', timeframe: '1m' });
    expect(refused.ok).toBe(false);
    expect(refused.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 8, 9, 10, 11, 12]);
    expect(repo.count('import', 'BTC/USD', '1m')).toBe(0);
    const skipped = await importCandleCsvFile(file, repo, {
      source: 'import',
      symbol: 'BTC/USD',
      timeframe: '1m',
      skipBadRows: true,
    });
    expect(skipped).toMatchObject({ ok: true, imported: 2, skipped: 9 });
    expect(repo.count('import', 'BTC/USD', '1m')).toBe(2);
  });

  it('previews without writing', async () => {
    const p = await previewCandleCsvFile(path.join(FIXTURES, 'semicolon-decimal-comma.csv'), { rows: 2 });
    expect(p).toMatchObject({ delimiter: ';', validCount: 3, errorCount: 0, rows: [{ line: 2 }, { line: 3 }] });
    expect(p.timeframe?.timeframe).toBe('1h');
  });

  it('says clearly when the file is missing', async () => {
    await expect(
      importCandleCsvFile(path.join(dir, 'nope.csv'), repo, { source: 'import', symbol: 'BTC/USD' }),
    ).rejects.toThrow(/nope\.csv does not exist: check the path/);
  });

  it('exports a range as CSV that imports back to the same candles', async () => {
    await importCandleCsvFile(path.join(FIXTURES, 'tab-epoch-ms-unsorted.tsv'), repo, {
      source: 'a',
      symbol: 'ETH/USD',
    });
    const out = path.join(dir, 'sub', 'export.csv');
    const rows = await exportCandleCsvFile(out, repo, {
      source: 'a',
      symbol: 'ETH/USD',
      timeframe: '1m',
      from: T,
      to: T + 60 * 60_000,
    });
    expect(rows).toBe(4);
    expect(fs.readFileSync(out, 'utf8').split('\n').slice(0, 2)).toEqual([
      'time,open,high,low,close,volume',
      '2024-03-01T00:00:00.000Z,1,1.5,0.5,1.25,10',
    ]);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['export.csv']);
    await importCandleCsvFile(out, repo, { source: 'b', symbol: 'ETH/USD' });
    expect(repo.range('b', 'ETH/USD', '1m', 0, T * 2)).toEqual(repo.range('a', 'ETH/USD', '1m', 0, T * 2));
  });
});
