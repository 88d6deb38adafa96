/**
 * Parameter stability variants of a grid strategy: every numeric field moved by -20 % and +20 %,
 * one at a time: levelsPerSide, spacingAtrMultiple, atrPeriod, trendFilter.fastEma,
 * trendFilter.slowEma, capitalPerSymbolPercent, atrSpikePercent and stopLossPercent (when set).
 *
 * Whole-number fields are rounded (levelsPerSide to at least 1, atrPeriod and the EMA periods to
 * at least 2). A move that rounds back to the old value is no variant (moveValue, variants.ts).
 * Nothing is clamped: a variant the GridStrategy schema refuses (capital above 20 %, a fast EMA
 * not shorter than the slow one, a spacing above 5 ATR) is skipped and not counted.
 */
import { GridStrategy } from '../../../shared/domain/strategy.js';
import { CHANGES, moveValue, type Change } from './variants.js';

export type GridVariant = {
  /** e.g. "levelsPerSide: 5 -> 4". */
  parameter: string;
  change: Change;
  strategy: GridStrategy;
};

type Field = { path: string; integer: boolean; min: number };

const FIELDS: readonly Field[] = [
  { path: 'levelsPerSide', integer: true, min: 1 },
  { path: 'spacingAtrMultiple', integer: false, min: -Infinity },
  { path: 'atrPeriod', integer: true, min: 2 },
  { path: 'trendFilter.fastEma', integer: true, min: 2 },
  { path: 'trendFilter.slowEma', integer: true, min: 2 },
  { path: 'capitalPerSymbolPercent', integer: false, min: -Infinity },
  { path: 'atrSpikePercent', integer: false, min: -Infinity },
  { path: 'stopLossPercent', integer: false, min: -Infinity },
];

function getPath(s: GridStrategy, path: string): number | undefined {
  const value = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], s);
  return typeof value === 'number' ? value : undefined;
}

function setPath(s: GridStrategy, path: string, value: number): unknown {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (!tail) return { ...s, [head]: value };
  return { ...s, [head]: { ...(s as unknown as Record<string, object>)[head], [tail]: value } };
}

/** Every valid +-20 % variant of a grid strategy, in the order of FIELDS. */
export function gridVariants(s: GridStrategy): GridVariant[] {
  const out: GridVariant[] = [];
  for (const field of FIELDS) {
    const value = getPath(s, field.path);
    if (value === undefined) continue;
    for (const { change, factor } of CHANGES) {
      const moved = moveValue(value, factor, { integer: field.integer, min: field.min, max: Infinity });
      if (moved === null) continue;
      const parsed = GridStrategy.safeParse(setPath(s, field.path, moved));
      if (parsed.success) out.push({ parameter: `${field.path}: ${value} -> ${moved}`, change, strategy: parsed.data });
    }
  }
  return out;
}
