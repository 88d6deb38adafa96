import type { ExportFormat } from '../../../../shared/domain/export.js';
import { csvLine } from '../../../../shared/format/csv.js';

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

// One cell writer for every CSV the app writes: RFC 4180 quoting and formula neutralising.
export { csvField, csvLine } from '../../../../shared/format/csv.js';

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
