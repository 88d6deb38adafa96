import type { CompareOp, ExprNode, NumberNode, OperandNode, RefNode } from './ast.js';
import { errorAt, LanguageError, type ConditionError, type Span } from './errors.js';
import { nearest } from './suggest.js';
import { tokenize, type Token, type TokenKind } from './tokenizer.js';

export type ParseResult = { ok: true; ast: ExprNode } | { ok: false; error: ConditionError };

/** Parses one condition into a syntax tree (grammar in ast.ts). Names are resolved later (check.ts). */
export function parseCondition(source: string): ParseResult {
  try {
    const tokens = tokenize(source);
    if (tokens[0]!.kind === 'end') {
      throw new LanguageError({ start: 0, end: 0 }, 'the condition is empty: write e.g. "RSI < 30"');
    }
    const parser = new Parser(tokens);
    const ast = parser.or();
    parser.expectEnd();
    return { ok: true, ast };
  } catch (error) {
    if (error instanceof LanguageError) {
      return { ok: false, error: errorAt(source, error.span, error.message, error.suggestion) };
    }
    throw error;
  }
}

const span = (start: { start: number }, end: { end: number }): Span => ({ start: start.start, end: end.end });

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }
  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.pos++;
    return t;
  }
  private accept(kind: TokenKind): Token | null {
    return this.peek().kind === kind ? this.next() : null;
  }
  private isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'word' && t.text.toLowerCase() === word;
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind === 'rparen') throw new LanguageError(t, 'this ")" has no matching "("');
    if (t.kind !== 'end') {
      throw new LanguageError(t, `unexpected "${t.text}" after a complete condition: join conditions with AND or OR`);
    }
  }

  or(): ExprNode {
    return this.chain('or', () => this.and());
  }

  private and(): ExprNode {
    return this.chain('and', () => this.not());
  }

  private chain(kind: 'and' | 'or', item: () => ExprNode): ExprNode {
    const first = item();
    const items = [first];
    while (this.accept(kind)) items.push(item());
    return items.length === 1 ? first : { type: kind, items, span: span(first.span, items.at(-1)!.span) };
  }

  private not(): ExprNode {
    const t = this.accept('not');
    if (!t) return this.primary();
    const item = this.not();
    return { type: 'not', item, span: span(t, item.span) };
  }

  private primary(): ExprNode {
    const open = this.accept('lparen');
    if (open) {
      const inner = this.or();
      const close = this.accept('rparen');
      if (!close) {
        const t = this.peek();
        throw new LanguageError(t.kind === 'end' ? open : t, 'missing ")" to close this "("');
      }
      return { ...inner, span: span(open, close) };
    }
    return this.predicate();
  }

  private predicate(): ExprNode {
    const left = this.operand();
    const t = this.peek();
    if (t.kind === 'compare') {
      this.next();
      if (t.text === '=' || t.text === '==' || t.text === '!=') {
        throw new LanguageError(
          t,
          `"${t.text}" is not supported: compare with <, <=, > or >= (prices are never exactly equal)`,
        );
      }
      const right = this.operand();
      return { type: 'compare', op: t.text as CompareOp, left, right, span: span(left.span, right.span) };
    }
    if (this.isWord('crosses')) {
      this.next();
      const dir = this.peek();
      const direction = dir.text.toLowerCase();
      if (dir.kind !== 'word' || (direction !== 'above' && direction !== 'below')) {
        const guess = dir.kind === 'word' ? nearest(dir.text, ['above', 'below']) : undefined;
        throw new LanguageError(
          dir,
          '"crosses" is followed by "above" or "below", e.g. SMA(20) crosses above SMA(50)',
          guess,
        );
      }
      this.next();
      const right = this.operand();
      return { type: 'cross', direction, left, right, span: span(left.span, right.span) };
    }
    if (t.kind === 'word' && ['crossover', 'crossunder', 'cross'].includes(t.text.toLowerCase())) {
      const fix = t.text.toLowerCase() === 'crossunder' ? 'crosses below' : 'crosses above';
      throw new LanguageError(t, `write "${fix}" between the two values`, fix);
    }
    if (left.type !== 'ref') {
      throw new LanguageError(left.span, 'a number alone is not a condition: compare a value with it, e.g. RSI < 30');
    }
    return { type: 'named', ref: left, span: left.span };
  }

  private operand(): OperandNode {
    const start = this.peek();
    if (start.kind === 'number' || start.kind === 'minus') {
      const num = this.number();
      if (!this.accept('star')) return num;
      const ref = this.ref();
      return { type: 'scaled', factor: num.value, operand: ref, span: span(num.span, ref.span) };
    }
    const ref = this.ref();
    if (!this.accept('star')) return ref;
    const factor = this.number();
    return { type: 'scaled', factor: factor.value, operand: ref, span: span(ref.span, factor.span) };
  }

  private number(): NumberNode {
    const minus = this.accept('minus');
    const t = this.peek();
    if (t.kind !== 'number') throw this.expected(t, 'a number');
    this.next();
    const value = Number(t.text) * (minus ? -1 : 1);
    const pct = this.accept('percent');
    return { type: 'number', value, percent: pct !== null, span: span(minus ?? t, pct ?? t) };
  }

  private ref(): RefNode {
    const t = this.peek();
    if (t.kind !== 'word') throw this.expected(t, 'an indicator or a value');
    this.next();
    let end: Span = t;
    let args: NumberNode[] | null = null;
    if (this.peek().kind === 'lparen') {
      const open = this.next();
      args = [];
      if (this.peek().kind !== 'rparen') {
        do args.push(this.number());
        while (this.accept('comma'));
      }
      const close = this.accept('rparen');
      if (!close) {
        const at = this.peek();
        throw new LanguageError(at.kind === 'end' ? open : at, `missing ")" after the parameters of ${t.text}`);
      }
      end = close;
    }
    let timeframe: RefNode['timeframe'] = null;
    if (this.accept('at')) {
      const tf = this.next();
      timeframe = { text: tf.text, span: { start: tf.start, end: tf.end } };
      end = tf;
    }
    return { type: 'ref', name: t.text, nameSpan: { start: t.start, end: t.end }, args, timeframe, span: span(t, end) };
  }

  private expected(t: Token, what: string): LanguageError {
    if (t.kind === 'end') return new LanguageError(t, `the condition ends too early: ${what} is missing`);
    if (t.kind === 'compare') {
      return new LanguageError(t, `${what} must come before "${t.text}", e.g. RSI < 30`);
    }
    return new LanguageError(t, `expected ${what}, found "${t.text}"`);
  }
}
