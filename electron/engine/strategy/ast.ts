import type { Span } from './errors.js';

/**
 * The syntax tree the parser produces (before names are resolved). Grammar:
 *
 *   condition := or
 *   or        := and (OR and)*
 *   and       := not (AND not)*
 *   not       := NOT not | primary
 *   primary   := '(' or ')' | predicate
 *   predicate := operand [ compare operand | 'crosses' ('above' | 'below') operand ]
 *   operand   := term ['*' number] | number '*' term | term
 *   term      := ['-'] number ['%'] | word ['(' number (',' number)* ')'] ['@' timeframe]
 *
 * A predicate without a comparison is a named condition (RSI_oversold, SMA_50_crossover_SMA_200).
 */
export type NumberNode = { type: 'number'; value: number; percent: boolean; span: Span };

export type RefNode = {
  type: 'ref';
  /** The word as written, e.g. "SMA_20" or "Bollinger_upper". */
  name: string;
  nameSpan: Span;
  /** Numbers in parentheses, null when there are none. */
  args: NumberNode[] | null;
  timeframe: { text: string; span: Span } | null;
  span: Span;
};

/** A value times a constant factor, e.g. `2 * average`. */
export type ScaledNode = { type: 'scaled'; factor: number; operand: RefNode; span: Span };

export type OperandNode = NumberNode | RefNode | ScaledNode;

export type CompareOp = '<' | '<=' | '>' | '>=';

export type ExprNode =
  | { type: 'compare'; op: CompareOp; left: OperandNode; right: OperandNode; span: Span }
  | { type: 'cross'; direction: 'above' | 'below'; left: OperandNode; right: OperandNode; span: Span }
  | { type: 'named'; ref: RefNode; span: Span }
  | { type: 'and' | 'or'; items: ExprNode[]; span: Span }
  | { type: 'not'; item: ExprNode; span: Span };
