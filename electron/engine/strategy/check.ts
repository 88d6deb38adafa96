import { TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from '../../../shared/domain/market.js';
import type { ExprNode, NumberNode, OperandNode, RefNode } from './ast.js';
import { findIndicator, findNamedCondition, KNOWN_NAMES, UNIT_TEXT, type IndicatorDef } from './catalog.js';
import { seriesKey, type Cond, type Value } from './cond.js';
import { errorAt, LanguageError, type ConditionError, type Span } from './errors.js';
import { parseCondition } from './parser.js';
import { nearest } from './suggest.js';

/** The strategy facts a condition is checked against. */
export type CheckContext = { timeframe: Timeframe; confirmTimeframes: readonly Timeframe[] };

export type CheckResult = { ok: true; cond: Cond } | { ok: false; errors: ConditionError[] };

/** Parses and checks one condition: names, parameters, `@tf`, units and value ranges. */
export function checkCondition(source: string, context: CheckContext): CheckResult {
  const parsed = parseCondition(source);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const errors: ConditionError[] = [];
  const checker = new Checker(context, (e) => errors.push(errorAt(source, e.span, e.message, e.suggestion)));
  const cond = checker.expr(parsed.ast, null);
  return cond && errors.length === 0 ? { ok: true, cond } : { ok: false, errors };
}

type Typed = {
  value: Value;
  unit: IndicatorDef['unit'] | null;
  percent: boolean;
  def: IndicatorDef | null;
  text: string;
};
type Override = { timeframe: RefNode['timeframe']; span: Span } | null;

const EXAMPLE_COMPARISON: Record<IndicatorDef['unit'], string> = {
  price: '> SMA(50)',
  volume: '> average',
  oscillator: '< 30',
  percent: '> 2',
  macd: '> 0',
};
const SUFFIX = /^(.*?)_(\d+(?:\.\d+)?)$/;
const CROSS_NAME = /^(.+?)_(crossover|crossunder)_(.+)$/i;

class Checker {
  constructor(
    private readonly context: CheckContext,
    private readonly report: (e: LanguageError) => void,
  ) {}

  /** Returns null after reporting an error (checking continues, to report every error at once). */
  expr(node: ExprNode, override: Override): Cond | null {
    switch (node.type) {
      case 'and':
      case 'or': {
        const items = node.items.map((i) => this.expr(i, override));
        return items.every((i) => i !== null) ? { type: node.type, items: items as Cond[] } : null;
      }
      case 'not': {
        const item = this.expr(node.item, override);
        return item && { type: 'not', item };
      }
      case 'named':
        return this.named(node.ref, override);
      case 'compare':
      case 'cross': {
        const left = this.operand(node.left, override);
        const right = this.operand(node.right, override);
        if (!left || !right) return null;
        if (!this.compatible(left, right, node.right.span, node.type === 'cross')) return null;
        return node.type === 'compare'
          ? { type: 'compare', op: node.op, left: left.value, right: right.value }
          : { type: 'cross', direction: node.direction, left: left.value, right: right.value };
      }
    }
  }

  private fail(span: Span, message: string, suggestion?: string): null {
    this.report(new LanguageError(span, message, suggestion));
    return null;
  }

  private named(ref: RefNode, override: Override): Cond | null {
    const named = findNamedCondition(ref.name);
    if (named) {
      if (ref.args)
        return this.fail(
          ref.span,
          `${named.name} takes no parameters; write the comparison instead, e.g. ${named.text}`,
        );
      const inner = parseCondition(named.text);
      if (!inner.ok) throw new Error(`built-in condition ${named.name} does not parse: ${inner.error.message}`);
      const tf = ref.timeframe ? { timeframe: ref.timeframe, span: ref.span } : override;
      // Errors inside the expansion (e.g. a bad @tf) point at the name the user wrote.
      const relocate = new Checker(this.context, (e) =>
        this.report(new LanguageError(ref.span, e.message, e.suggestion)),
      );
      return relocate.expr(inner.ast, tf);
    }
    const cross = CROSS_NAME.exec(ref.name);
    if (cross) {
      const [, a, kind, b] = cross as unknown as [string, string, string, string];
      const at = (offset: number, text: string): RefNode => {
        const s = { start: ref.nameSpan.start + offset, end: ref.nameSpan.start + offset + text.length };
        return { type: 'ref', name: text, nameSpan: s, args: null, timeframe: ref.timeframe, span: s };
      };
      const left = this.operand(at(0, a), override);
      const right = this.operand(at(a.length + kind.length + 2, b), override);
      if (!left || !right || !this.compatible(left, right, ref.span, true)) return null;
      const direction = kind.toLowerCase() === 'crossover' ? 'above' : 'below';
      return { type: 'cross', direction, left: left.value, right: right.value };
    }
    const value = this.resolve(ref, override, false);
    if (!value) return null;
    const example = `${ref.name} ${EXAMPLE_COMPARISON[value.unit!]}`;
    return this.fail(ref.span, `${ref.name} is a value, not a condition: compare it, e.g. ${example}`, example);
  }

  private operand(node: OperandNode, override: Override): Typed | null {
    if (node.type === 'number') return this.constant(node);
    const resolved = this.resolve(node.type === 'ref' ? node : node.operand, override, true);
    if (!resolved || node.type === 'ref') return resolved;
    if (resolved.value.kind !== 'series') return resolved;
    if (!Number.isFinite(node.factor) || node.factor === 0)
      return this.fail(node.span, 'a factor must be a number other than 0');
    return {
      ...resolved,
      value: { ...resolved.value, factor: node.factor },
      text: `${node.factor} * ${resolved.text}`,
    };
  }

  private constant(node: NumberNode): Typed {
    return {
      value: { kind: 'const', value: node.value },
      unit: null,
      percent: node.percent,
      def: null,
      text: String(node.value),
    };
  }

  /** A name to a series; reports unknown names with the nearest known one (`asValue`: where a value is expected). */
  private resolve(ref: RefNode, override: Override, asValue: boolean): Typed | null {
    let def = findIndicator(ref.name);
    let args: { value: number; percent: boolean; span: Span }[] | null = ref.args;
    if (!def) {
      const m = SUFFIX.exec(ref.name);
      const base = m ? findIndicator(m[1]!) : undefined;
      if (m && base && !base.suffixParam) {
        const example = `${base.names[0]}(${base.params.map((p) => p.default ?? 20).join(', ')})`;
        return this.fail(
          ref.nameSpan,
          `${base.names[0]} takes its parameters in parentheses, e.g. ${example}`,
          example,
        );
      }
      if (m && base?.suffixParam) {
        if (ref.args) return this.fail(ref.span, `give the parameters once: ${m[1]}(${m[2]}) or ${ref.name}, not both`);
        def = base;
        args = [{ value: Number(m[2]), percent: false, span: ref.nameSpan }];
      } else {
        const guess = m
          ? (nearest(m[1]!, KNOWN_NAMES) ?? nearest(ref.name, KNOWN_NAMES))
          : nearest(ref.name, KNOWN_NAMES);
        const suggestion = m && guess && findIndicator(guess)?.suffixParam ? `${guess}_${m[2]}` : guess;
        const kind = asValue ? 'indicator or value' : 'condition or indicator';
        return this.fail(ref.nameSpan, `unknown ${kind} "${ref.name}"`, suggestion);
      }
    }
    const params = this.params(def, ref, args ?? []);
    const timeframe = this.timeframe(ref.timeframe ?? override?.timeframe ?? null);
    if (!params || timeframe === undefined) return null;
    const spec = { id: def.id, params, timeframe, key: seriesKey(def.id, params, timeframe) };
    return { value: { kind: 'series', spec, factor: 1 }, unit: def.unit, percent: false, def, text: ref.name };
  }

  private params(
    def: IndicatorDef,
    ref: RefNode,
    args: { value: number; percent: boolean; span: Span }[],
  ): number[] | null {
    const name = def.names[0]!;
    if (args.length > def.params.length) {
      const list = def.params.map((p) => p.name).join(', ');
      return this.fail(
        ref.span,
        def.params.length === 0
          ? `${name} takes no parameters`
          : `${name} takes at most ${def.params.length} parameters (${list})`,
      );
    }
    const out: number[] = [];
    for (const [i, p] of def.params.entries()) {
      const arg = args[i];
      if (!arg) {
        if (p.default === null) return this.fail(ref.span, `${name} needs a ${p.name}: e.g. ${name}(20) or ${name}_20`);
        out.push(p.default);
        continue;
      }
      if (arg.percent) return this.fail(arg.span, `the ${p.name} of ${name} is a plain number, without %`);
      if ((p.integer && !Number.isInteger(arg.value)) || arg.value < p.min || arg.value > p.max) {
        const kind = p.integer ? 'a whole number' : 'a number';
        return this.fail(arg.span, `the ${p.name} of ${name} is ${kind} from ${p.min} to ${p.max}, not ${arg.value}`);
      }
      out.push(arg.value);
    }
    if (def.id.startsWith('MACD') && out[0]! >= out[1]!) {
      return this.fail(
        ref.span,
        `the fast period of ${name} must be shorter than the slow one (${out[0]} >= ${out[1]})`,
      );
    }
    return out;
  }

  /** undefined after an error; null for the strategy's own timeframe. */
  private timeframe(tf: RefNode['timeframe']): Timeframe | null | undefined {
    if (!tf) return null;
    const text = tf.text.toLowerCase();
    const known = TIMEFRAMES.find((t) => t === text);
    if (!known) {
      this.fail(
        tf.span,
        `unknown timeframe "${tf.text}": use one of ${TIMEFRAMES.join(', ')}`,
        nearest(text, TIMEFRAMES),
      );
      return undefined;
    }
    const base = this.context.timeframe;
    if (known === base) {
      this.fail(tf.span, `@${known} is the strategy's own timeframe: leave the @${known} out`);
      return undefined;
    }
    if (TIMEFRAME_MS[known] < TIMEFRAME_MS[base] || TIMEFRAME_MS[known] % TIMEFRAME_MS[base] !== 0) {
      this.fail(tf.span, `@${known} is finer than the strategy's ${base}: a confirm timeframe must be coarser`);
      return undefined;
    }
    if (!this.context.confirmTimeframes.includes(known)) {
      this.fail(tf.span, `to read values @${known}, add "${known}" to the strategy's confirmTimeframes`);
      return undefined;
    }
    return known;
  }

  private compatible(left: Typed, right: Typed, span: Span, cross: boolean): boolean {
    if (left.value.kind === 'const' && right.value.kind === 'const') {
      return this.fail(span, 'compare an indicator with a number, not two numbers') ?? false;
    }
    if (cross && left.value.kind === 'const') {
      return this.fail(span, `put the indicator first: ${right.text} crosses ... ${left.text}`) ?? false;
    }
    const [series, other] = left.value.kind === 'series' ? [left, right] : [right, left];
    if (other.value.kind === 'series') {
      if (series.unit !== other.unit) {
        const message = `cannot compare ${left.text} (${UNIT_TEXT[left.unit!]}) with ${right.text} (${UNIT_TEXT[right.unit!]})`;
        return this.fail(span, message) ?? false;
      }
      return true;
    }
    const value = (other.value as { value: number }).value;
    if (other.percent && series.unit !== 'percent') {
      return (
        this.fail(span, `${value}% is a percentage but ${series.text} is ${UNIT_TEXT[series.unit!]}: drop the %`) ??
        false
      );
    }
    const range = series.def?.range;
    const factor = series.value.kind === 'series' ? series.value.factor : 1;
    if (range && factor === 1 && (value < range[0] || value > range[1])) {
      const upper = Number.isFinite(range[1]) ? `between ${range[0]} and ${range[1]}` : `at least ${range[0]}`;
      return (
        this.fail(span, `${series.text} is ${upper}, so comparing it with ${value} is always true or always false`) ??
        false
      );
    }
    return true;
  }
}
