import type { Timeframe } from '../../../shared/domain/market.js';
import type { CompareOp } from './ast.js';
import type { IndicatorId } from './catalog.js';

/**
 * A checked condition: every name resolved to a series with all its parameters, every `@tf`
 * checked. This is what the compiler turns into per-candle signals.
 */
export type SeriesSpec = {
  id: IndicatorId;
  params: readonly number[];
  /** null: the strategy's own timeframe. */
  timeframe: Timeframe | null;
  /** Canonical text, e.g. "SMA(20)" or "RSI(14)@4h": one series per key is computed. */
  key: string;
};

export type Value = { kind: 'series'; spec: SeriesSpec; factor: number } | { kind: 'const'; value: number };

export type Cond =
  | { type: 'compare'; op: CompareOp; left: Value; right: Value }
  | { type: 'cross'; direction: 'above' | 'below'; left: Value; right: Value }
  | { type: 'and' | 'or'; items: Cond[] }
  | { type: 'not'; item: Cond };

export function seriesKey(id: IndicatorId, params: readonly number[], timeframe: Timeframe | null): string {
  return `${id}${params.length > 0 ? `(${params.join(',')})` : ''}${timeframe ? `@${timeframe}` : ''}`;
}

function formatValue(v: Value): string {
  if (v.kind === 'const') return String(v.value);
  return v.factor === 1 ? v.spec.key : `${v.factor} * ${v.spec.key}`;
}

/** Canonical text of a checked condition, fully parenthesised: for logs and tests. */
export function formatCond(c: Cond): string {
  switch (c.type) {
    case 'compare':
      return `${formatValue(c.left)} ${c.op} ${formatValue(c.right)}`;
    case 'cross':
      return `${formatValue(c.left)} crosses ${c.direction} ${formatValue(c.right)}`;
    case 'not':
      return `NOT (${formatCond(c.item)})`;
    default:
      return c.items.map((i) => `(${formatCond(i)})`).join(` ${c.type.toUpperCase()} `);
  }
}

/** Every series a condition reads, with whether it is read at the previous candle too (crosses). */
export function collectSeries(c: Cond, out: Map<string, { spec: SeriesSpec; previous: boolean }>): void {
  const add = (v: Value, previous: boolean) => {
    if (v.kind !== 'series') return;
    const seen = out.get(v.spec.key);
    out.set(v.spec.key, { spec: v.spec, previous: previous || (seen?.previous ?? false) });
  };
  switch (c.type) {
    case 'compare':
    case 'cross':
      add(c.left, c.type === 'cross');
      add(c.right, c.type === 'cross');
      return;
    case 'not':
      collectSeries(c.item, out);
      return;
    default:
      for (const item of c.items) collectSeries(item, out);
  }
}
