/** JSON text in and out of the editor and files: parse errors with line and column, downloads. */
import { jsonErrorOffset } from './json-error';

export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string; line?: number; column?: number };

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** JSON.parse with the place of a syntax error as line and column. */
export function parseJsonText(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // Keep the browser's description ("Unexpected token '}'"), not its excerpt or offset.
    const what = message.split(/,\s*(?:\.\.\.)?"|\s+in JSON|\s+at position/)[0]!.trim();
    const offset = jsonErrorOffset(text) ?? text.length;
    const { line, column } = lineColumn(text, offset);
    return { ok: false, error: `${what} at line ${line}, column ${column}`, line, column };
  }
}

export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** A file name from a strategy's name, e.g. "RSI mean reversion" -> rsi-mean-reversion.json. */
export function fileNameFor(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'strategy'}.json`;
}

/** Saves text as a file through the browser's download. */
export function downloadJson(fileName: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([prettyJson(value) + '\n'], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
