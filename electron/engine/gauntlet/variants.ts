/**
 * Parameter stability variants: every numeric parameter of a signal strategy moved by -20 % and
 * +20 %, one at a time. The parameters: stopLossPercent, takeProfitPercent, positionSizePercent,
 * trailingStopPercent (when set), the sizing's numbers (when a sizing is set) and every number
 * inside the conditions (condition-numbers.ts).
 *
 * Rules: whole-number parameters (periods, trade counts) are rounded, periods to at least 2; the
 * four risk percentages are clamped to STRATEGY_LIMITS; indicator parameters to their catalog
 * range. A move that rounds or clamps back to the old value (or past it) is not a variant, nor is a
 * zero (it has no +-20 % neighbour). A variant that then fails the schema or the condition check
 * (e.g. a take profit below the stop loss, "RSI < 108", MACD's fast period above its slow one) is
 * skipped and not counted.
 */
import { Strategy } from '../../../shared/domain/strategy.js';
import { getPath, scalarFields, setPath } from '../strategy/scalar-fields.js';
import { compileStrategy, type StrategyProgram } from '../strategy/program.js';
import {
  applyEdits,
  expandNamed,
  formatNumber,
  numberGroups,
  type ConditionField,
  type NumberGroup,
} from './condition-numbers.js';

export type Change = '-20%' | '+20%';
export const CHANGES: readonly { change: Change; factor: number }[] = [
  { change: '-20%', factor: 0.8 },
  { change: '+20%', factor: 1.2 },
];

export type StrategyVariant = {
  /** e.g. "stopLossPercent: 3 -> 2.4" or "entryConditions[0]: RSI(14) < 30 -> RSI(11) < 30". */
  parameter: string;
  change: Change;
  program: StrategyProgram;
  /** False when only risk or money parameters moved: the base signals still hold. */
  signalsChange: boolean;
};

/** The moved value, or null when the move is not a variant (see the file comment). */
export function moveValue(
  value: number,
  factor: number,
  bounds: { integer: boolean; min: number; max: number },
): number | null {
  if (value === 0) return null;
  let v = value * factor;
  v = bounds.integer ? Math.round(v) : Number(formatNumber(v));
  v = Math.min(bounds.max, Math.max(bounds.min, v));
  const outward = factor > 1 ? Math.abs(v) > Math.abs(value) : Math.abs(v) < Math.abs(value);
  return outward && Math.sign(v) === Math.sign(value) ? v : null;
}

/** Compiled, or null when the variant is invalid (skipped, not counted). */
function compileVariant(candidate: unknown): StrategyProgram | null {
  const parsed = Strategy.safeParse(candidate);
  if (!parsed.success) return null;
  const compiled = compileStrategy(parsed.data);
  return compiled.ok ? compiled.program : null;
}

function conditionVariant(
  s: Strategy,
  expanded: Record<ConditionField, string[]>,
  group: NumberGroup,
  value: number,
): { parameter: string; candidate: Strategy } {
  const texts = { entryConditions: [...expanded.entryConditions], exitConditions: [...expanded.exitConditions] };
  const touched = new Map<string, { field: ConditionField; index: number }>();
  const byText = new Map<string, { span: { start: number; end: number }; text: string }[]>();
  for (const site of group.sites) {
    const id = `${site.field}[${site.index}]`;
    touched.set(id, { field: site.field, index: site.index });
    const list = byText.get(id) ?? [];
    list.push({ span: site.span, text: site.render(value) });
    byText.set(id, list);
  }
  for (const [id, { field, index }] of touched) texts[field][index] = applyEdits(texts[field][index]!, byText.get(id)!);
  const [firstId, first] = [...touched.entries()][0]!;
  const more = touched.size > 1 ? ` (and ${touched.size - 1} more condition${touched.size > 2 ? 's' : ''})` : '';
  const parameter = `${firstId}: ${s[first.field][first.index]} -> ${texts[first.field][first.index]}${more}`;
  return { parameter, candidate: { ...s, ...texts } };
}

/** Every valid +-20 % variant of a signal strategy, scalar parameters first, then condition numbers. */
export function strategyVariants(s: Strategy): StrategyVariant[] {
  const out: StrategyVariant[] = [];
  for (const p of scalarFields(s)) {
    const value = getPath(s, p.path);
    for (const { change, factor } of CHANGES) {
      const moved = moveValue(value, factor, p);
      if (moved === null) continue;
      const program = compileVariant(setPath(s, p.path, moved));
      if (program)
        out.push({ parameter: `${p.path}: ${value} -> ${moved}`, change, program, signalsChange: p.signals });
    }
  }
  const expanded = {
    entryConditions: s.entryConditions.map(expandNamed),
    exitConditions: s.exitConditions.map(expandNamed),
  };
  for (const group of numberGroups(expanded)) {
    for (const { change, factor } of CHANGES) {
      const moved = moveValue(group.value, factor, group);
      if (moved === null) continue;
      const { parameter, candidate } = conditionVariant(s, expanded, group, moved);
      const program = compileVariant(candidate);
      if (program) out.push({ parameter, change, program, signalsChange: true });
    }
  }
  return out;
}
