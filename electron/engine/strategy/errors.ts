/**
 * Errors of the strategy language: where (offset and length in the condition text, 1-based line
 * and column), what is wrong, and when there is one, a suggestion (e.g. the nearest known
 * indicator name) that the UI can offer as a fix.
 */
export type ConditionError = {
  message: string;
  /** 0-based character offset of the faulty text in the condition. */
  offset: number;
  /** Length of the faulty text (at least 1, except at the end of the text). */
  length: number;
  /** 1-based line and column of `offset`. */
  line: number;
  column: number;
  /** A replacement for the faulty text, when one is likely meant. */
  suggestion?: string;
};

/** A half-open range of character offsets in the condition text. */
export type Span = { start: number; end: number };

export function lineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function errorAt(source: string, span: Span, message: string, suggestion?: string): ConditionError {
  const { line, column } = lineColumn(source, span.start);
  const error: ConditionError = {
    message,
    offset: span.start,
    length: Math.max(0, span.end - span.start),
    line,
    column,
  };
  if (suggestion !== undefined) error.suggestion = suggestion;
  return error;
}

/** Thrown inside the tokenizer and parser, caught at their entry points: never escapes the module. */
export class LanguageError extends Error {
  constructor(
    readonly span: Span,
    message: string,
    readonly suggestion?: string,
  ) {
    super(message);
    this.name = 'LanguageError';
  }
}

/** A condition error with the text shown under it, for logs and the CLI: `RSI < 3O` / `      ^^`. */
export function formatConditionError(source: string, error: ConditionError): string {
  const lines = source.split('\n');
  const text = lines[error.line - 1] ?? '';
  const marker = ' '.repeat(error.column - 1) + '^'.repeat(Math.max(1, Math.min(error.length, text.length)));
  const hint = error.suggestion !== undefined ? ` (did you mean "${error.suggestion}"?)` : '';
  return `${error.line}:${error.column}: ${error.message}${hint}\n  ${text}\n  ${marker}`;
}
