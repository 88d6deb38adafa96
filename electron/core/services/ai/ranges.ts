/**
 * The risk ranges of an AI answer (STRATEGY_LIMITS): a signal strategy's stop 1-10 %, take profit
 * 2-20 %, size 5-20 %, trailing stop 0.5-10 % and reward/risk at least 1; a grid's capital per
 * symbol 1-20 % and its optional stop 1-10 % ("kind": "grid"), checked on the raw answer before the schema
 * (which refuses such values outright). A value outside is never silently corrected: the caller
 * gets each problem (field, value, range, the nearest allowed value) and a clamped copy the user may
 * accept explicitly. Only numbers are judged here; anything else is the schema's business.
 */
import type { OutOfRange } from '../../../../shared/domain/ai.js';
import { STRATEGY_LIMITS } from '../../../../shared/domain/strategy.js';

type Range = { min: number; max: number };

export const RANGED_FIELDS = [
  ['stopLossPercent', 'the stop loss', STRATEGY_LIMITS.stopLossPercent],
  ['takeProfitPercent', 'the take profit', STRATEGY_LIMITS.takeProfitPercent],
  ['positionSizePercent', 'the position size', STRATEGY_LIMITS.positionSizePercent],
  ['trailingStopPercent', 'the trailing stop', STRATEGY_LIMITS.trailingStopPercent],
] as const satisfies readonly (readonly [string, string, Range])[];
export type RangedField = (typeof RANGED_FIELDS)[number][0];

/** A grid's ranged fields (its stop loss only when set). */
export const GRID_RANGED_FIELDS = [
  ['capitalPerSymbolPercent', 'the capital per symbol', STRATEGY_LIMITS.gridCapitalPerSymbolPercent],
  ['stopLossPercent', 'the stop loss', STRATEGY_LIMITS.stopLossPercent],
] as const satisfies readonly (readonly [string, string, Range])[];

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const round = (v: number) => Math.round(v * 1e6) / 1e6;

export type RangeCheck = { outOfRange: OutOfRange[]; clamped: Record<string, unknown> | null };

/** What is out of range in `answer` (a tool input) and, if anything is, the answer with those values clamped. */
export function checkRanges(answer: unknown): RangeCheck {
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return { outOfRange: [], clamped: null };
  const source = answer as Record<string, unknown>;
  const clamped: Record<string, unknown> = { ...source };
  const outOfRange: OutOfRange[] = [];
  const grid = source.kind === 'grid';
  for (const [field, label, { min, max }] of grid ? GRID_RANGED_FIELDS : RANGED_FIELDS) {
    const value = source[field];
    if (!isNumber(value)) continue;
    if (value >= min && value <= max) continue;
    const to = Math.min(max, Math.max(min, value));
    clamped[field] = to;
    outOfRange.push({
      field,
      value,
      min,
      max,
      clamped: to,
      message: `${label} of ${value} % is outside ${min}-${max} %; the nearest allowed value is ${to} %`,
    });
  }
  const stop = clamped.stopLossPercent;
  const target = clamped.takeProfitPercent;
  if (!grid && isNumber(stop) && isNumber(target)) {
    const least = round(stop * STRATEGY_LIMITS.minRewardRisk);
    const { max } = STRATEGY_LIMITS.takeProfitPercent;
    if (target < least && least <= max) {
      const value = isNumber(source.takeProfitPercent) ? source.takeProfitPercent : target;
      // One entry per field: a take profit already clamped into its range is clamped further.
      const index = outOfRange.findIndex((o) => o.field === 'takeProfitPercent');
      if (index >= 0) outOfRange.splice(index, 1);
      clamped.takeProfitPercent = least;
      outOfRange.push({
        field: 'takeProfitPercent',
        value,
        min: least,
        max,
        clamped: least,
        message: `the take profit of ${value} % is below ${STRATEGY_LIMITS.minRewardRisk} x the stop loss of ${stop} % (reward/risk under ${STRATEGY_LIMITS.minRewardRisk}); the nearest allowed value is ${least} %`,
      });
    }
  }
  return { outOfRange, clamped: outOfRange.length > 0 ? clamped : null };
}
