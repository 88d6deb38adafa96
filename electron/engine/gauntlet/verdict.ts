/**
 * The gauntlet's verdict, with a reason for every rule that applied (README.md in this folder):
 * 1. Start from the grade of the 30-day backtest.
 * 2. FAILED if the 30-day backtest is FAILED, or the cost stress is FAILED, or the out-of-sample
 *    part is FAILED, or fewer than 50 % of the parameter variants pass (when there is any).
 * 3. Otherwise capped at ACCEPTABLE if overfitting is flagged, or the Monte Carlo 95th-percentile
 *    drawdown is above 20 %.
 */
import type { StageFigures } from '../../../shared/domain/gauntlet.js';
import { QUALITY_GRADES, type QualityGrade } from '../../../shared/domain/strategy.js';

export const VERDICT_RULES = {
  /** The share of parameter variants that must pass, %. */
  minStabilitySharePercent: 50,
  /** Above this Monte Carlo p95 drawdown (%) the verdict is at most ACCEPTABLE. */
  maxMonteCarloP95DrawdownPercent: 20,
} as const;

export type VerdictInput = {
  headline: { grade: QualityGrade; reasons: readonly string[] };
  costStress: StageFigures;
  outOfSample: { outOfSample: StageFigures; gapPercent: number; overfitting: boolean };
  stability: { passing: number; total: number; sharePercent: number };
  monteCarlo: { p95DrawdownPercent: number };
};

export type Verdict = { grade: QualityGrade; reasons: string[] };

const rank = (g: QualityGrade) => QUALITY_GRADES.indexOf(g);
const pct = (v: number) => `${v.toFixed(1)} %`;

export function gauntletVerdict(input: VerdictInput): Verdict {
  const R = VERDICT_RULES;
  const failures: string[] = [];
  const caps: string[] = [];
  const head = input.headline;
  if (head.grade === 'FAILED') failures.push(`the 30-day backtest FAILED: ${head.reasons.join('; ')}`);
  if (input.costStress.grade === 'FAILED') {
    failures.push(`with fees and slippage doubled it FAILED (net ${pct(input.costStress.netProfitPercent)})`);
  }
  const oos = input.outOfSample;
  if (oos.outOfSample.grade === 'FAILED') {
    failures.push(
      `the out-of-sample part (last 30 % of the window) FAILED (${oos.outOfSample.trades} trades, net ${pct(oos.outOfSample.netProfitPercent)})`,
    );
  }
  const st = input.stability;
  if (st.total > 0 && st.sharePercent < R.minStabilitySharePercent) {
    failures.push(
      `only ${st.passing} of ${st.total} parameter variants (${pct(st.sharePercent)}) pass; at least ${R.minStabilitySharePercent} % must`,
    );
  }
  if (oos.overfitting) {
    caps.push(
      `likely overfitting: in-sample minus out-of-sample net profit is ${oos.gapPercent.toFixed(1)} points per 30 days`,
    );
  }
  const p95 = input.monteCarlo.p95DrawdownPercent;
  if (p95 > R.maxMonteCarloP95DrawdownPercent) {
    caps.push(
      `the 95th-percentile drawdown over shuffled trade orders is ${pct(p95)}, above ${R.maxMonteCarloP95DrawdownPercent} %`,
    );
  }
  if (failures.length > 0) return { grade: 'FAILED', reasons: [...failures, ...caps] };
  const notes: string[] = [];
  if (st.total === 0) notes.push('no parameter could be varied: stability was not judged');
  const summary = `30-day backtest ${head.grade}; cost stress ${input.costStress.grade}; out-of-sample ${oos.outOfSample.grade}; ${st.passing} of ${st.total} variants pass; Monte Carlo p95 drawdown ${pct(p95)}`;
  if (caps.length > 0 && rank(head.grade) > rank('ACCEPTABLE')) {
    return { grade: 'ACCEPTABLE', reasons: [summary, ...caps.map((c) => `capped at ACCEPTABLE: ${c}`), ...notes] };
  }
  return { grade: head.grade, reasons: [summary, ...caps, ...notes] };
}
