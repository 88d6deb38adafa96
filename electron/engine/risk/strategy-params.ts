/**
 * The strategy parameter ranges, checked by the gate for every strategy or AI order that carries
 * them, and on their own before a strategy may run. The ranges are STRATEGY_LIMITS of
 * shared/domain/strategy.ts (one constant for the schema, the gate and the AI generator).
 */
import type { RiskRule, RiskViolation } from '../../../shared/domain/risk.js';
import { STRATEGY_LIMITS } from '../../../shared/domain/strategy.js';
import { violation } from './format.js';

/** Percents (2 = 2 %). A parameter left out is not checked. */
export type StrategyRiskParams = Readonly<{
  stopLossPercent?: number;
  takeProfitPercent?: number;
  positionSizePercent?: number;
}>;

type Ranged = Readonly<{ key: keyof StrategyRiskParams; rule: RiskRule; label: string }>;

const RANGED: readonly Ranged[] = [
  { key: 'stopLossPercent', rule: 'STOP_LOSS_RANGE', label: 'the stop loss' },
  { key: 'takeProfitPercent', rule: 'TAKE_PROFIT_RANGE', label: 'the take profit' },
  { key: 'positionSizePercent', rule: 'POSITION_SIZE_RANGE', label: 'the position size' },
];

/** Every violation of the ranges and of reward/risk (an empty list: the parameters pass). */
export function evaluateStrategyParams(params: StrategyRiskParams): RiskViolation[] {
  const found: RiskViolation[] = [];
  for (const { key, rule, label } of RANGED) {
    const value = params[key];
    if (value === undefined) continue;
    const { min, max } = STRATEGY_LIMITS[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      found.push(
        violation(rule, `${label} must be a number of percent from ${min} to ${max}`, {
          value: String(value),
          min,
          max,
        }),
      );
    } else if (value < min || value > max) {
      found.push(
        violation(rule, `${label} of ${value} % is outside the allowed ${min} to ${max} %`, { value, min, max }),
      );
    }
  }
  const { stopLossPercent: sl, takeProfitPercent: tp } = params;
  const minRr = STRATEGY_LIMITS.minRewardRisk;
  if (typeof sl === 'number' && typeof tp === 'number' && Number.isFinite(sl) && Number.isFinite(tp) && sl > 0) {
    // tp / sl >= minRr, compared without dividing.
    if (tp < sl * minRr) {
      const rr = tp / sl;
      found.push(
        violation(
          'REWARD_RISK',
          `reward/risk is ${rr.toFixed(2)} (take profit ${tp} % / stop loss ${sl} %): it must be at least ${minRr}`,
          { rewardRisk: rr.toFixed(4), takeProfitPercent: tp, stopLossPercent: sl, min: minRr },
        ),
      );
    }
  }
  return found;
}
