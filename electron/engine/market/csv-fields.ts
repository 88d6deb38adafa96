/** The low-level pieces of the candle CSV reader: delimiters, fields, column names, values. */

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export type CandleField = 'time' | 'open' | 'high' | 'low' | 'close' | 'volume';
export const CANDLE_FIELDS: readonly CandleField[] = ['time', 'open', 'high', 'low', 'close', 'volume'];

/** Accepted header names (compared lowercase, spaces and hyphens read as underscores), by preference. */
export const COLUMN_NAMES: Record<CandleField, readonly string[]> = {
  time: ['timestamp', 'open_time', 'datetime', 'time', 'date'],
  open: ['open'],
  high: ['high'],
  low: ['low'],
  close: ['close'],
  volume: ['volume', 'vol'],
};

/** Where each candle field is found: its column index and header name as written in the file. */
export type ColumnMapping = Record<CandleField, { index: number; name: string } | null> & {
  /** Set when the time is split over a `date` column and a `time` column holding HH:MM[:SS]. */
  clock: { index: number; name: string } | null;
};

/** Splits one line on `delimiter`, honouring "double quotes" with "" as an escaped quote. */
export function splitLine(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

export function normaliseName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Maps header names to candle fields. */
export function mapColumns(header: readonly string[]): ColumnMapping {
  const names = header.map(normaliseName);
  const find = (field: CandleField) => {
    for (const candidate of COLUMN_NAMES[field]) {
      const index = names.indexOf(candidate);
      if (index >= 0) return { index, name: header[index]!.trim() };
    }
    return null;
  };
  const mapping: ColumnMapping = {
    time: find('time'),
    open: find('open'),
    high: find('high'),
    low: find('low'),
    close: find('close'),
    volume: find('volume'),
    clock: null,
  };
  // "date" + "time" columns side by side: the date names the day, the time column the clock time.
  const dateIndex = names.indexOf('date');
  const timeIndex = names.indexOf('time');
  if (dateIndex >= 0 && timeIndex >= 0 && !names.includes('timestamp') && !names.includes('open_time')) {
    mapping.time = { index: dateIndex, name: header[dateIndex]!.trim() };
    mapping.clock = { index: timeIndex, name: header[timeIndex]!.trim() };
  }
  return mapping;
}

export function countMapped(mapping: ColumnMapping): number {
  return CANDLE_FIELDS.filter((f) => mapping[f] !== null).length;
}

/** Picks the delimiter under which the header names the most candle columns (ties: the most fields). */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  let best: CsvDelimiter = ',';
  let bestScore = -1;
  for (const d of CSV_DELIMITERS) {
    const fields = splitLine(headerLine, d);
    const score = countMapped(mapColumns(fields)) * 1000 + fields.length;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/**
 * A decimal number, or an error reason. With a delimiter other than ",", a decimal comma
 * ("1234,5", common in European spreadsheets) is read as a decimal point.
 */
export function parseNumber(raw: string, delimiter: CsvDelimiter): number | string {
  let text = raw.trim();
  if (text === '') return 'is empty';
  if (delimiter !== ',' && DECIMAL_COMMA.test(text)) text = text.replace(',', '.');
  if (!NUMBER.test(text)) return `is not a number: "${raw.trim()}"`;
  const value = Number(text);
  if (!Number.isFinite(value)) return `is not a finite number: "${raw.trim()}"`;
  return value;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/;

/** Epoch numbers below this are seconds (1e11 s is the year 5138); from it up to 1e14, milliseconds. */
export const SECONDS_LIMIT = 1e11;
const MILLISECONDS_LIMIT = 1e14;

function isoToMs(m: RegExpMatchArray): number | null {
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Math.round(Number(`0.${frac || '0'}`) * 1000);
  let t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 31 February into March: refuse days that do not exist.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
    t -= sign * offset * 60_000;
  }
  return t;
}

/** True for a clock time such as 09:30 or 09:30:15. */
export function isClockTime(value: string): boolean {
  return CLOCK.test(value.trim());
}

/**
 * A time as UTC ms, or an error reason. Accepted: ISO 8601 ("2024-01-02T03:04:05Z",
 * "2024-01-02 03:04", "2024-01-02"; no zone means UTC), or epoch seconds / milliseconds told apart
 * per value by size. `clock` is an optional separate HH:MM[:SS] value for a date-only `raw`.
 */
export function parseTime(raw: string, clock?: string): number | string {
  const text = raw.trim();
  if (text === '') return 'time is empty';
  if (clock !== undefined) {
    const c = CLOCK.exec(clock.trim());
    if (!c) return `time of day "${clock.trim()}" is not HH:MM or HH:MM:SS`;
    const combined = `${text}T${c[1]!.padStart(2, '0')}:${c[2]}:${c[3] ?? '00'}${c[4] ? `.${c[4]}` : ''}`;
    return parseTime(combined);
  }
  if (NUMBER.test(text)) {
    const n = Number(text);
    if (n < 0) return `time ${text} is before 1970`;
    if (n < SECONDS_LIMIT) return Math.round(n * 1000);
    if (n < MILLISECONDS_LIMIT) return Math.round(n);
    return `time ${text} is too large for epoch milliseconds (microseconds or nanoseconds? divide to ms or s)`;
  }
  const m = ISO.exec(text);
  const t = m ? isoToMs(m) : null;
  if (t === null) return `time "${text}" is not ISO 8601 (2024-01-02T03:04:05Z) or epoch seconds/milliseconds`;
  if (t < 0) return `time "${text}" is before 1970`;
  return t;
}
