/**
 * The parameters of a strategy a sweep can move, each with a name the trader types. A grid
 * strategy's are its own numbers by their field (levelsPerSide, spacingAtrMultiple, atrPeriod,
 * trendFilter.fastEma, trendFilter.slowEma, capitalPerSymbolPercent, atrSpikePercent,
 * stopLossPercent when set). A signal strategy's:
 *
 * - the strategy's own numbers by their field: stopLossPercent, takeProfitPercent,
 *   positionSizePercent, trailingStopPercent (when set), sizing.riskPercent, sizing.atrPeriod,
 *   sizing.atrMultiple (volatility sizing), sizing.fraction, sizing.lookbackTrades, sizing.minTrades
 *   (Kelly sizing);
 * - every indicator parameter inside the conditions, by the indicator as written and the parameter's
 *   catalog name: SMA(10).period, RSI(14).period, MACD(12,26,9).slow, BB(20,2).stdDev,
 *   SMA(50)@1h.period. One name moves every place that indicator is written (SMA_10 in the entry
 *   and SMA(10) in the exit move together, as in the gauntlet: condition-numbers.ts);
 * - every threshold and factor by its condition and its order in it: entryConditions[1].threshold1
 *   is the first threshold of the second entry condition ("RSI(14) < 30": the 30), factor1 the first
 *   multiplier ("VOLUME > 1.5 * VOLUME_AVG(20)": the 1.5).
 *
 * Named conditions (RSI_oversold) are written out first, so their numbers are parameters too.
 */
import type { GridStrategy, Strategy, StrategyDefinition } from '../../../shared/domain/strategy.js';
import { getPath, gridScalarFields, scalarFields, setPath, type ScalarField } from '../strategy/scalar-fields.js';
import { findIndicator } from '../strategy/catalog.js';
import {
  applyEdits,
  expandNamed,
  numberGroups,
  type ConditionField,
  type NumberGroup,
} from '../gauntlet/condition-numbers.js';

export type ParameterKind = 'field' | 'period' | 'parameter' | 'threshold' | 'factor';

export type Parameter = {
  name: string;
  kind: ParameterKind;
  /** The value in the strategy as given. */
  value: number;
  integer: boolean;
  min: number;
  max: number;
  /** Whether moving it changes the signals (false: stop, target, size: the signals are reused). */
  signals: boolean;
};

/** The strategy's parameters and how to write a set of values back into it. */
export type ParameterSpace = {
  readonly strategy: StrategyDefinition;
  readonly parameters: readonly Parameter[];
  /** The strategy with the given values (names not given keep their value); not yet checked. */
  apply(values: Readonly<Record<string, number>>): StrategyDefinition;
};

const FAMILY_INDICATOR: Record<string, string> = { BB: 'BB_UPPER', DMI: 'ADX' };
const GROUP_KEY = /^(\w+)\(([^)]*)\)(@\w+)?#(\d+)$/;

/** The trader's name of a condition number group (see the file comment). */
function groupName(group: NumberGroup, ordinals: Map<string, number>): string {
  if (group.kind === 'threshold' || group.kind === 'factor') {
    const where = group.key.slice(0, group.key.indexOf('@'));
    const count = (ordinals.get(`${where}.${group.kind}`) ?? 0) + 1;
    ordinals.set(`${where}.${group.kind}`, count);
    return `${where}.${group.kind}${count}`;
  }
  const m = GROUP_KEY.exec(group.key);
  if (!m) return group.key;
  const [, family, values, tf, index] = m as unknown as [string, string, string, string | undefined, string];
  const def = findIndicator(FAMILY_INDICATOR[family] ?? family);
  const param = def?.params[Number(index)]?.name ?? `p${index}`;
  return `${family}(${values})${tf ?? ''}.${param}`;
}

/** The parameter space of a (schema-valid) strategy: a signal strategy's or a grid's. */
export function parameterSpace(strategy: StrategyDefinition): ParameterSpace {
  return strategy.kind === 'grid' ? gridSpace(strategy) : signalSpace(strategy);
}

function fieldParameter(s: StrategyDefinition, f: ScalarField): Parameter {
  return {
    name: f.path,
    kind: 'field',
    value: getPath(s, f.path),
    integer: f.integer,
    min: f.min,
    max: f.max,
    signals: f.signals,
  };
}

/** A grid's own numbers (levels, spacing, ATR period, trend EMAs, capital, breaker, stop). */
function gridSpace(strategy: GridStrategy): ParameterSpace {
  const fields = gridScalarFields(strategy);
  return {
    strategy,
    parameters: fields.map((f) => fieldParameter(strategy, f)),
    apply: (values) => {
      let s = strategy;
      for (const f of fields) if (values[f.path] !== undefined) s = setPath(s, f.path, values[f.path]!);
      return s;
    },
  };
}

function signalSpace(strategy: Strategy): ParameterSpace {
  const expanded: Record<ConditionField, string[]> = {
    entryConditions: strategy.entryConditions.map(expandNamed),
    exitConditions: strategy.exitConditions.map(expandNamed),
  };
  const groups = numberGroups(expanded);
  // Thresholds and factors are numbered in the order they are written in their condition.
  const ordered = [...groups].sort((a, b) => a.sites[0]!.span.start - b.sites[0]!.span.start);
  const ordinals = new Map<string, number>();
  const names = new Map<NumberGroup, string>();
  for (const g of ordered) if (g.kind === 'threshold' || g.kind === 'factor') names.set(g, groupName(g, ordinals));
  for (const g of groups) if (!names.has(g)) names.set(g, groupName(g, ordinals));

  const fields = scalarFields(strategy);
  const parameters: Parameter[] = [
    ...fields.map((f) => fieldParameter(strategy, f)),
    ...groups.map((g) => ({
      name: names.get(g)!,
      kind: g.kind,
      value: g.value,
      integer: g.integer,
      min: g.min,
      max: g.max,
      signals: true,
    })),
  ];
  const byName = new Map(groups.map((g) => [names.get(g)!, g]));

  const apply = (values: Readonly<Record<string, number>>): Strategy => {
    let s: Strategy = strategy;
    for (const f of fields) if (values[f.path] !== undefined) s = setPath(s, f.path, values[f.path]!);
    const edits = new Map<string, { span: { start: number; end: number }; text: string }[]>();
    let conditionsChanged = false;
    for (const [name, value] of Object.entries(values)) {
      const group = byName.get(name);
      if (!group) continue;
      conditionsChanged = true;
      for (const site of group.sites) {
        const id = `${site.field}[${site.index}]`;
        edits.set(id, [...(edits.get(id) ?? []), { span: site.span, text: site.render(value) }]);
      }
    }
    if (!conditionsChanged) return s;
    const texts = { entryConditions: [...expanded.entryConditions], exitConditions: [...expanded.exitConditions] };
    for (const field of ['entryConditions', 'exitConditions'] as const) {
      texts[field] = texts[field].map((text, index) => {
        const list = edits.get(`${field}[${index}]`);
        return list ? applyEdits(text, list) : strategy[field][index]!;
      });
    }
    return { ...s, ...texts };
  };
  return { strategy, parameters, apply };
}
