import type { ExportFormat } from '../../../../shared/domain/export.js';

/**
 * One exported record, prepared once for every format: `cells` are the CSV fields in column
 * order; `json` is the record as one JSON object text (structured fields embedded as JSON).
 */
export type ExportRecord = { cells: readonly string[]; json: string };

/** Turns records into text chunks of one format; `begin` and `end` frame the whole file. */
export type FormatWriter = {
  begin(): string;
  rows(records: readonly ExportRecord[]): string;
  end(): string;
};

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * A CSV field per RFC 4180: quoted when it holds a comma, a double quote, CR or LF (and, so that
 * spreadsheet programs keep them, leading or trailing spaces); quotes inside are doubled.
 */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV record, CRLF-terminated as RFC 4180 says. */
export function csvLine(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i += 1) {
    if (i > 0) line += ',';
    line += csvField(cells[i] ?? '');
  }
  return `${line}\r\n`;
}

export function createFormatWriter(format: ExportFormat, header: readonly string[]): FormatWriter {
  switch (format) {
    case 'csv':
      return {
        begin: () => csvLine(header),
        rows: (records) => {
          let out = '';
          for (const r of records) out += csvLine(r.cells);
          return out;
        },
        end: () => '',
      };
    case 'jsonl':
      return {
        begin: () => '',
        rows: (records) => {
          let out = '';
          for (const r of records) out += `${r.json}\n`;
          return out;
        },
        end: () => '',
      };
    case 'json': {
      // A JSON array written piece by piece: valid JSON once end() is written, even when empty.
      let first = true;
      return {
        begin: () => '[',
        rows: (records) => {
          let out = '';
          for (const r of records) {
            out += first ? `\n${r.json}` : `,\n${r.json}`;
            first = false;
          }
          return out;
        },
        end: () => (first ? ']\n' : '\n]\n'),
      };
    }
  }
}
