/**
 * Where a validation issue sits in the editor's JSON text: the value at the issue's path (a
 * missing field: the object it belongs in) and, for a condition, the faulty part inside the
 * condition's string, as a line and column of the editor and the range to select.
 */
import type { ValidationIssue } from '../../../../shared/domain/strategy-library';

export type TextRange = { start: number; end: number };
export type EditorPlace = TextRange & { line: number; column: number };

/** The [start, end) offsets of the value at `path` in valid JSON text, or null if there is none. */
export function locateValue(text: string, path: readonly (string | number)[]): TextRange | null {
  let i = 0;
  let found: TextRange | null = null;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const skipString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const matches = (at: readonly (string | number)[]) =>
    at.length === path.length && at.every((key, k) => String(key) === String(path[k]));
  const value = (at: (string | number)[]): void => {
    ws();
    const start = i;
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      while (text[i] !== '}' && i < text.length) {
        ws();
        const key = skipString();
        ws();
        i++; // ':'
        value([...at, key]);
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (ch === '[') {
      i++;
      ws();
      let index = 0;
      while (text[i] !== ']' && i < text.length) {
        value([...at, index++]);
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (ch === '"') skipString();
    else while (i < text.length && !',}] \t\n\r'.includes(text[i]!)) i++;
    if (found === null && matches(at)) found = { start, end: i };
  };
  try {
    value([]);
  } catch {
    return null; // not valid JSON: the syntax error is shown instead
  }
  return found;
}

/** The offset in the text of character `index` of the JSON string literal starting at `start`. */
function stringOffset(text: string, start: number, index: number): number {
  let i = start + 1;
  for (let n = 0; n < index && text[i] !== '"' && i < text.length; n++) {
    i += text[i] !== '\\' ? 1 : text[i + 1] === 'u' ? 6 : 2;
  }
  return i;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** Where an issue sits in the editor; null when its path is nowhere in the text. */
export function editorPlace(text: string, issue: Pick<ValidationIssue, 'path' | 'position'>): EditorPlace | null {
  let range: TextRange | null = null;
  for (let n = issue.path.length; n >= 0 && range === null; n--) range = locateValue(text, issue.path.slice(0, n));
  if (range === null) return null;
  const p = issue.position;
  const exact = locateValue(text, issue.path);
  if (p && exact && text[exact.start] === '"') {
    range = {
      start: stringOffset(text, exact.start, p.offset),
      end: stringOffset(text, exact.start, p.offset + Math.max(1, p.length)),
    };
  }
  return { ...range, ...lineColumn(text, range.start) };
}

/** The strategy's symbols that the market source does not trade. */
export function unknownSymbols(definition: unknown, traded: readonly string[]): string[] {
  const symbols = (definition as { symbols?: unknown } | null)?.symbols;
  if (!Array.isArray(symbols) || traded.length === 0) return [];
  return symbols.filter((s): s is string => typeof s === 'string' && !traded.includes(s));
}
