import { LanguageError, type Span } from './errors.js';

/**
 * Tokens of the strategy language. Words are letters, digits and underscores starting with a
 * letter (RSI, SMA_20, Bollinger_upper); AND, OR, NOT (any case, or &&, ||, !) are keywords;
 * numbers are decimals (30, 2.5, .5), optionally followed by % as a separate token; `@` is
 * followed by a timeframe word (4h, 15m, 1d).
 */
export type TokenKind =
  | 'number'
  | 'word'
  | 'timeframe'
  | 'compare'
  | 'and'
  | 'or'
  | 'not'
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'percent'
  | 'star'
  | 'minus'
  | 'at'
  | 'end';

export type Token = Span & { kind: TokenKind; text: string };

const KEYWORDS: Record<string, TokenKind> = { and: 'and', or: 'or', not: 'not' };
const SYMBOLS: ReadonlyArray<[string, TokenKind]> = [
  ['&&', 'and'],
  ['||', 'or'],
  ['<=', 'compare'],
  ['>=', 'compare'],
  ['==', 'compare'],
  ['!=', 'compare'],
  ['<', 'compare'],
  ['>', 'compare'],
  ['=', 'compare'],
  ['!', 'not'],
  ['(', 'lparen'],
  [')', 'rparen'],
  [',', 'comma'],
  ['%', 'percent'],
  ['*', 'star'],
  ['-', 'minus'],
  ['@', 'at'],
];

const isDigit = (c: string) => c >= '0' && c <= '9';
const isWordStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isWordPart = (c: string) => isWordStart(c) || isDigit(c);
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Splits a condition into tokens (the last is `end`). Throws LanguageError at an unknown character. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number) =>
    tokens.push({ kind, text: source.slice(start, end), start, end });
  while (i < source.length) {
    const c = source[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
      while (isDigit(source[i] ?? '')) i++;
      if (source[i] === '.') {
        i++;
        if (!isDigit(source[i] ?? ''))
          throw new LanguageError({ start, end: i }, 'a number needs digits after the point, e.g. 2.5');
        while (isDigit(source[i] ?? '')) i++;
      }
      if (isWordStart(source[i] ?? '')) {
        while (isWordPart(source[i] ?? '')) i++;
        const text = source.slice(start, i);
        // A letter O for a zero, an l for a one: offer the number.
        const digits = text.replace(/[oO]/g, '0').replace(/[lI]/g, '1');
        const suggestion = /^\d+(\.\d+)?$/.test(digits) ? digits : undefined;
        throw new LanguageError({ start, end: i }, `"${text}" is neither a number nor a name`, suggestion);
      }
      push('number', start, i);
      continue;
    }
    if (isWordStart(c)) {
      while (isWordPart(source[i] ?? '')) i++;
      const word = source.slice(start, i);
      push(KEYWORDS[word.toLowerCase()] ?? 'word', start, i);
      continue;
    }
    const symbol = SYMBOLS.find(([text]) => source.startsWith(text, i));
    if (!symbol) {
      throw new LanguageError({ start, end: start + 1 }, `unexpected character "${c}"`);
    }
    i += symbol[0].length;
    push(symbol[1], start, i);
    if (symbol[1] === 'at') {
      while (isSpace(source[i] ?? '')) i++;
      const tfStart = i;
      while (isWordPart(source[i] ?? '')) i++;
      if (i === tfStart) {
        throw new LanguageError({ start, end: tfStart }, 'a timeframe must follow @, e.g. RSI@4h', '@4h');
      }
      push('timeframe', tfStart, i);
    }
  }
  push('end', source.length, source.length);
  return tokens;
}
