import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCandleCsv, parseCandleCsv, planCandleImport, previewCandleCsv } from './csv.js';
import { parseTime } from './csv-fields.js';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
const T = Date.UTC(2024, 2, 1);

describe('parseCandleCsv on the fixtures', () => {
  it('comma, ISO 8601 times', () => {
    const csv = parseCandleCsv(fixture('comma-iso.csv'));
    expect(csv.delimiter).toBe(',');
    expect(csv.errors).toEqual([]);
    expect(csv.candles).toHaveLength(5);
    expect(csv.candles[0]).toEqual({ time: T, open: 61000.5, high: 61010, low: 60990.1, close: 61005, volume: 1.25 });
    expect(csv.timeframe).toEqual({ spacingMs: 60_000, timeframe: '1m' });
  });

  it('semicolon with decimal commas and "YYYY-MM-DD HH:MM" times (UTC)', () => {
    const csv = parseCandleCsv(fixture('semicolon-decimal-comma.csv'));
    expect(csv.delimiter).toBe(';');
    expect(csv.errors).toEqual([]);
    expect(csv.candles[0]).toEqual({ time: T, open: 3400.5, high: 3410, low: 3395.25, close: 3405, volume: 12.5 });
    expect(csv.timeframe?.timeframe).toBe('1h');
  });

  it('tab, epoch milliseconds, extra columns ignored, unsorted rows sorted', () => {
    const csv = parseCandleCsv(fixture('tab-epoch-ms-unsorted.tsv'));
    expect(csv.delimiter).toBe('\t');
    expect(csv.errors).toEqual([]);
    expect(csv.candles.map((c) => c.open)).toEqual([1, 2, 3, 4]);
    expect(csv.candles[0]!.time).toBe(T);
    expect(csv.columns.time?.name).toBe('open_time');
  });

  it('pipe, epoch seconds, "vol" for volume', () => {
    const csv = parseCandleCsv(fixture('pipe-epoch-s.csv'));
    expect(csv.delimiter).toBe('|');
    expect(csv.candles.map((c) => c.time)).toEqual([T, T + 300_000, T + 600_000]);
    expect(csv.candles[1]!.volume).toBe(150);
    expect(csv.timeframe?.timeframe).toBe('5m');
  });

  it('BOM, CRLF, quoted fields with delimiters and quotes, separate date and time columns', () => {
    const csv = parseCandleCsv(fixture('quoted-bom-date-time.csv'));
    expect(csv.errors).toEqual([]);
    expect(csv.columns.clock?.name).toBe('Time');
    expect(csv.candles.map((c) => c.time)).toEqual([T + 9.5 * 3_600_000, T + 9.5 * 3_600_000 + 60_000]);
  });

  it('reports every bad row with its line number and reason', () => {
    const csv = parseCandleCsv(fixture('bad-rows.csv'));
    expect(csv.candles.map((c) => c.time)).toEqual([T, T + 10 * 60_000]);
    expect(csv.rowCount).toBe(11);
    expect(csv.errorCount).toBe(9);
    const byLine = Object.fromEntries(csv.errors.map((e) => [e.line, e.reason]));
    expect(byLine).toEqual({
      3: 'open is not a number: "abc"',
      4: 'high 98 is below low 99',
      5: 'high 100.2 is below open/close 100.5',
      6: 'low 100.7 is above open/close 100',
      8: 'volume -1 is negative',
      9: 'duplicate timestamp 2024-03-01T00:00:00.000Z (first on line 2)',
      10: 'time "yesterday" is not ISO 8601 (2024-01-02T03:04:05Z) or epoch seconds/milliseconds',
      11: 'has 3 fields, expected at least 6 (delimiter ",")',
      12: 'open is not a number: "NaN"',
    });
  });
});

describe('header and values', () => {
  it('refuses a file without a usable header, naming what is missing', () => {
    const csv = parseCandleCsv('1709251200,1,2,0.5,1.5,10\n');
    expect(csv.fatal).toMatch(/missing time \(timestamp \/ open_time \/ datetime \/ time \/ date\), open/);
    expect(csv.candles).toEqual([]);
    expect(parseCandleCsv('').fatal).toMatch(/empty/);
    expect(parseCandleCsv('time,open,high,low,close\n').fatal).toMatch(/missing volume \(volume \/ vol\)/);
  });

  it('reads column names case-insensitively, in any order', () => {
    const csv = parseCandleCsv('VOLUME,Close,LOW,High,Open,DateTime\n5,2,1,3,1.5,2024-03-01T00:00:00+01:00\n');
    expect(csv.candles).toEqual([{ time: T - 3_600_000, open: 1.5, high: 3, low: 1, close: 2, volume: 5 }]);
  });

  it('tells epoch seconds from milliseconds per value, and reads ISO forms', () => {
    expect(parseTime('1709251200')).toBe(T);
    expect(parseTime('1709251200000')).toBe(T);
    expect(parseTime('1709251200.5')).toBe(T + 500);
    expect(parseTime('2024-03-01')).toBe(T);
    expect(parseTime('2024-03-01T00:00:00.250Z')).toBe(T + 250);
    expect(parseTime('2024-03-01T02:00:00+0200')).toBe(T);
    expect(parseTime('2024-02-30T00:00:00Z')).toMatch(/not ISO 8601/);
    expect(parseTime('1709251200000000')).toMatch(/too large/);
  });

  it('rejects Infinity and empty values', () => {
    const csv = parseCandleCsv('time,open,high,low,close,volume\n1709251200,Infinity,1,1,1,1\n1709251260,1,1,1,1,\n');
    expect(csv.errors.map((e) => e.reason)).toEqual(['open is not a number: "Infinity"', 'volume is empty']);
  });
});

describe('previewCandleCsv', () => {
  it('shows delimiter, mapping, first rows, counts, errors and the inferred timeframe', () => {
    const p = previewCandleCsv(fixture('bad-rows.csv'), { rows: 3 });
    expect(p.delimiter).toBe(',');
    expect(p.mapping).toEqual({
      time: 'datetime',
      open: 'open',
      high: 'high',
      low: 'low',
      close: 'close',
      volume: 'volume',
    });
    expect(p.missing).toEqual([]);
    expect(p.rows.map((r) => [r.line, r.error === null])).toEqual([
      [2, true],
      [3, false],
      [4, false],
    ]);
    expect(p.rows[0]!.candle?.close).toBe(100.5);
    expect(p).toMatchObject({ rowCount: 11, validCount: 2, errorCount: 9, first: T, last: T + 600_000 });
  });
});

describe('planCandleImport', () => {
  it('imports nothing when a row is bad, unless skipBadRows', () => {
    const csv = parseCandleCsv(fixture('bad-rows.csv'));
    const refused = planCandleImport(csv, { timeframe: '1m' });
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.reason).toMatch(/^Nothing was imported: 9 bad rows \(first: line 3, open is not a number/);
    const skipped = planCandleImport(csv, { timeframe: '1m', skipBadRows: true });
    expect(skipped).toMatchObject({ ok: true, timeframe: '1m', skipped: 9 });
  });

  it('infers the timeframe, and refuses one that disagrees with the file', () => {
    const csv = parseCandleCsv(fixture('comma-iso.csv'));
    expect(planCandleImport(csv)).toMatchObject({ ok: true, timeframe: '1m' });
    const wrong = planCandleImport(csv, { timeframe: '1h' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.reason).toMatch(/holds 1m candles .* not 1h/);
  });

  it('refuses candles off the timeframe grid', () => {
    const csv = parseCandleCsv('time,open,high,low,close,volume\n2024-03-01T00:30:00Z,1,1,1,1,1\n');
    const plan = planCandleImport(csv, { timeframe: '1h' });
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.reason).toMatch(/do not open on a 1h boundary/);
  });
});

describe('formatCandleCsv', () => {
  it('writes a header and ISO times, and reads back to the same candles', () => {
    const candles = parseCandleCsv(fixture('tab-epoch-ms-unsorted.tsv')).candles;
    const text = formatCandleCsv(candles);
    expect(text.split('\n')[0]).toBe('time,open,high,low,close,volume');
    expect(text.split('\n')[1]).toBe('2024-03-01T00:00:00.000Z,1,1.5,0.5,1.25,10');
    expect(parseCandleCsv(text).candles).toEqual(candles);
  });
});
