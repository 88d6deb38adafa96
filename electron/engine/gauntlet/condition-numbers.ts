/**
 * The numbers inside a strategy's conditions, found on the parser's syntax tree, as edit sites:
 * indicator parameters (RSI(14), SMA_20, the parts of SMA_20_crossover_SMA_50, and parameters left
 * at their default, e.g. the 14 of a bare "RSI"), thresholds (RSI < 30, Momentum > 3%) and factors
 * (2 * average). Named conditions (RSI_oversold) are first written out as their definition
 * ("RSI(14) < 30"), which evaluates identically, so their numbers move too; a named condition with
 * its own @timeframe is left as it is (not varied).
 *
 * Sites of one indicator parameter are grouped across the whole strategy (the period of SMA(20) in
 * the entry and the exit moves together; MACD, MACD_signal and MACD_histogram with the same
 * parameters are one family, as are the three Bollinger bands and ADX / +DI / -DI); each threshold
 * and factor is a group of its own.
 */
import type { ExprNode, OperandNode, RefNode } from '../strategy/ast.js';
import { findIndicator, findNamedCondition, type IndicatorDef } from '../strategy/catalog.js';
import type { Span } from '../strategy/errors.js';
import { parseCondition } from '../strategy/parser.js';
import { tokenize } from '../strategy/tokenizer.js';

export type ConditionField = 'entryConditions' | 'exitConditions';

/** One place in one condition text where a number is written (or inserted, for a default). */
export type Site = {
  field: ConditionField;
  index: number;
  span: Span;
  /** The replacement text for a new value of the group. */
  render(value: number): string;
};

export type NumberKind = 'period' | 'parameter' | 'threshold' | 'factor';

/** Sites that move together, with the value they hold and the bounds of that value. */
export type NumberGroup = {
  key: string;
  kind: NumberKind;
  value: number;
  integer: boolean;
  min: number;
  max: number;
  sites: Site[];
};

const SUFFIX = /^(.*?)_(\d+(?:\.\d+)?)$/;
const CROSS_NAME = /^(.+?)_(crossover|crossunder)_(.+)$/i;

const FAMILY: Record<string, string> = {
  MACD_SIGNAL: 'MACD',
  MACD_HIST: 'MACD',
  BB_UPPER: 'BB',
  BB_MIDDLE: 'BB',
  BB_LOWER: 'BB',
  PLUS_DI: 'DMI',
  MINUS_DI: 'DMI',
  ADX: 'DMI',
};

/** Plain decimal text the tokenizer reads back (no exponent), at most 6 decimals. */
export function formatNumber(v: number): string {
  const text = v.toFixed(6).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

/**
 * The condition text with every named condition (without @timeframe) written out. The whole text
 * when it is the name alone, else the definition in parentheses.
 */
export function expandNamed(text: string): string {
  const parsed = parseCondition(text);
  if (!parsed.ok) return text;
  const edits: { span: Span; text: string }[] = [];
  const visit = (n: ExprNode): void => {
    if (n.type === 'and' || n.type === 'or') n.items.forEach(visit);
    else if (n.type === 'not') visit(n.item);
    else if (n.type === 'named' && !n.ref.args && !n.ref.timeframe) {
      const named = findNamedCondition(n.ref.name);
      if (named) edits.push({ span: n.ref.span, text: named.text });
    }
  };
  visit(parsed.ast);
  if (edits.length === 1 && edits[0]!.span.start === 0 && edits[0]!.span.end === text.trim().length) {
    return edits[0]!.text;
  }
  return applyEdits(
    text,
    edits.map((e) => ({ span: e.span, text: `(${e.text})` })),
  );
}

/** Replaces spans (non-overlapping) of a text. */
export function applyEdits(text: string, edits: readonly { span: Span; text: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) {
    out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
  }
  return out;
}

/** Every number group of the given (already expanded) condition texts. */
export function numberGroups(conditions: Record<ConditionField, readonly string[]>): NumberGroup[] {
  const groups = new Map<string, NumberGroup>();
  const add = (key: string, init: Omit<NumberGroup, 'key' | 'sites'>, site: Site) => {
    const g = groups.get(key) ?? { key, ...init, sites: [] };
    g.sites.push(site);
    groups.set(key, g);
  };
  for (const field of ['entryConditions', 'exitConditions'] as const) {
    conditions[field].forEach((text, index) => {
      const parsed = parseCondition(text);
      if (!parsed.ok) return;
      const collector = new Collector(field, index, text, add);
      collector.expr(parsed.ast);
    });
  }
  return [...groups.values()];
}

type Add = (key: string, init: Omit<NumberGroup, 'key' | 'sites'>, site: Site) => void;

class Collector {
  constructor(
    private readonly field: ConditionField,
    private readonly index: number,
    private readonly text: string,
    private readonly add: Add,
  ) {}

  private site(span: Span, render: (v: number) => string): Site {
    return { field: this.field, index: this.index, span, render };
  }

  expr(n: ExprNode): void {
    switch (n.type) {
      case 'and':
      case 'or':
        n.items.forEach((i) => this.expr(i));
        return;
      case 'not':
        this.expr(n.item);
        return;
      case 'named':
        this.crossName(n.ref);
        return;
      default:
        this.operand(n.left);
        this.operand(n.right);
    }
  }

  private operand(o: OperandNode): void {
    if (o.type === 'number') {
      if (o.value === 0) return;
      const pct = o.percent ? '%' : '';
      const key = `${this.field}[${this.index}]@${o.span.start}`;
      const init = { kind: 'threshold' as const, value: o.value, integer: false, min: -Infinity, max: Infinity };
      this.add(
        key,
        init,
        this.site(o.span, (v) => `${formatNumber(v)}${pct}`),
      );
      return;
    }
    if (o.type === 'scaled') {
      this.factor(o.span, o.operand.span, o.factor);
      this.ref(o.operand);
      return;
    }
    this.ref(o);
  }

  /** The factor's own tokens: the number (and its minus) of the scaled span outside the value. */
  private factor(outer: Span, inner: Span, factor: number): void {
    const tokens = tokenize(this.text.slice(0, outer.end)).filter(
      (t) => t.start >= outer.start && (t.end <= inner.start || t.start >= inner.end),
    );
    const num = tokens.find((t) => t.kind === 'number');
    if (!num || factor === 0) return;
    const minus = tokens.find((t) => t.kind === 'minus' && t.end <= num.start);
    const span = { start: minus ? minus.start : num.start, end: num.end };
    const key = `${this.field}[${this.index}]@${span.start}`;
    const init = { kind: 'factor' as const, value: factor, integer: false, min: -Infinity, max: Infinity };
    this.add(key, init, this.site(span, formatNumber));
  }

  private crossName(ref: RefNode): void {
    const m = CROSS_NAME.exec(ref.name);
    if (!m) return;
    const [, a, kind, b] = m as unknown as [string, string, string, string];
    const start = ref.nameSpan.start;
    const tf = ref.timeframe?.text.toLowerCase() ?? null;
    this.suffixed(a, start, tf);
    this.suffixed(b, start + a.length + kind.length + 2, tf);
  }

  private ref(ref: RefNode): void {
    const tf = ref.timeframe?.text.toLowerCase() ?? null;
    const def = findIndicator(ref.name);
    if (!def) {
      this.suffixed(ref.name, ref.nameSpan.start, tf);
      return;
    }
    if (def.params.length === 0) return;
    if (ref.args) {
      const values = def.params.map((p, i) => ref.args![i]?.value ?? p.default ?? Number.NaN);
      ref.args.forEach((arg, i) => {
        if (i < def.params.length) this.param(def, values, i, tf, this.site(arg.span, formatNumber));
      });
      return;
    }
    if (def.params.some((p) => p.default === null)) return;
    const values = def.params.map((p) => p.default!);
    const at = { start: ref.nameSpan.end, end: ref.nameSpan.end };
    def.params.forEach((_, i) => {
      const render = (v: number) => `(${values.map((x, j) => formatNumber(j === i ? v : x)).join(', ')})`;
      this.param(def, values, i, tf, this.site(at, render));
    });
  }

  /** NAME_n written at `start` (SMA_20): its first parameter. */
  private suffixed(name: string, start: number, tf: string | null): void {
    const m = SUFFIX.exec(name);
    const def = m ? findIndicator(m[1]!) : undefined;
    if (!m || !def?.suffixParam) return;
    const values = def.params.map((p, i) => (i === 0 ? Number(m[2]) : (p.default ?? Number.NaN)));
    const span = { start: start + m[1]!.length + 1, end: start + name.length };
    this.param(def, values, 0, tf, this.site(span, formatNumber));
  }

  private param(def: IndicatorDef, values: readonly number[], i: number, tf: string | null, site: Site): void {
    const p = def.params[i]!;
    const family = FAMILY[def.id] ?? def.id;
    const key = `${family}(${values.join(',')})${tf ? `@${tf}` : ''}#${i}`;
    const kind = p.name === 'period' || p.integer ? 'period' : 'parameter';
    const min = p.integer ? Math.max(2, p.min) : p.min;
    this.add(key, { kind, value: values[i]!, integer: p.integer, min, max: p.max }, site);
  }
}
