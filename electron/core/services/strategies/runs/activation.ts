/**
 * The activation rules of a strategy run, as a pure function of what the run manager looked up
 * (activation-lookup in run-manager.ts). Every reason is collected, so the UI can show them all:
 * - a backtest (or gauntlet) of this symbol and timeframe that ran at or after the strategy's last
 *   edit; the grade is the gauntlet verdict when one qualifies, else the backtest grade;
 * - FAILED never runs; ACCEPTABLE or better runs in SIMULATOR and PAPER;
 * - LIVE needs GOOD or better and at least `paperTradesRequired` paper trades since the approval
 *   (the ranAt of the qualifying grade). A paper trade is an entry order placed by a PAPER run of
 *   this strategy that received a fill at or after the approval;
 * - the same rules for grid and signal strategies (grid-runner.ts runs a grid);
 * - not while the kill switch is engaged; not while the strategy already has a run on the symbol.
 */
import type { ActivationCheck } from '../../../../../shared/domain/strategy-runs.js';
import type { Timeframe } from '../../../../../shared/domain/market.js';
import type { TradingMode } from '../../../../../shared/domain/settings.js';
import { QUALITY_GRADES, type QualityGrade } from '../../../../../shared/domain/strategy.js';

export type GradedResult = { grade: QualityGrade; ranAt: number };

export type ActivationFacts = {
  strategy: { name: string; kind: 'signal' | 'grid'; updatedAt: number };
  symbol: string;
  timeframe: Timeframe;
  mode: TradingMode;
  backtest: GradedResult | null;
  gauntlet: GradedResult | null;
  /** Paper trades of this strategy since `since` (the approval). */
  paperTradesSince: (since: number) => number;
  paperTradesRequired: number;
  killSwitchEngaged: boolean;
  /** The state of the strategy's run on this symbol that is not STOPPED, if any. */
  existingRun: 'RUNNING' | 'PAUSED' | null;
};

export const gradeRank = (g: QualityGrade): number => QUALITY_GRADES.indexOf(g);

/** The grade activation uses: a gauntlet verdict newer than the last edit, else such a backtest. */
export function qualifyingGrade(
  facts: Pick<ActivationFacts, 'strategy' | 'backtest' | 'gauntlet'>,
): (GradedResult & { source: 'backtest' | 'gauntlet' }) | null {
  const fresh = (r: GradedResult | null) => r !== null && r.ranAt >= facts.strategy.updatedAt;
  if (fresh(facts.gauntlet)) return { ...facts.gauntlet!, source: 'gauntlet' };
  if (fresh(facts.backtest)) return { ...facts.backtest!, source: 'backtest' };
  return null;
}

export function checkActivation(f: ActivationFacts): ActivationCheck & { approvedAt: number | null } {
  const reasons: string[] = [];
  const on = `${f.symbol} ${f.timeframe}`;
  const qualifying = qualifyingGrade(f);
  if (qualifying === null) {
    const stale = [f.backtest, f.gauntlet].some((r) => r !== null && r.ranAt < f.strategy.updatedAt);
    reasons.push(
      stale
        ? `"${f.strategy.name}" was edited after its last backtest on ${on}: backtest it again on ${on}`
        : `"${f.strategy.name}" has no backtest on ${on}: run a backtest on ${on} first`,
    );
  } else if (qualifying.grade === 'FAILED') {
    reasons.push(
      `the ${qualifying.source} on ${on} graded "${f.strategy.name}" FAILED: a failed strategy never runs; improve it and backtest again`,
    );
  }
  const paperTrades = qualifying ? f.paperTradesSince(qualifying.ranAt) : 0;
  if (f.mode === 'LIVE' && qualifying !== null && qualifying.grade !== 'FAILED') {
    if (gradeRank(qualifying.grade) < gradeRank('GOOD')) {
      reasons.push(`LIVE needs a grade of GOOD or better; "${f.strategy.name}" is ${qualifying.grade} on ${on}`);
    }
    if (paperTrades < f.paperTradesRequired) {
      reasons.push(
        `LIVE needs ${f.paperTradesRequired} paper trades since the approval; "${f.strategy.name}" has ${paperTrades}: run it in PAPER mode first`,
      );
    }
  }
  if (f.killSwitchEngaged) reasons.push('the kill switch is engaged: re-arm trading on the Risk tab first');
  if (f.existingRun !== null) {
    reasons.push(
      `"${f.strategy.name}" already has a ${f.existingRun === 'RUNNING' ? 'running' : 'paused'} run on ${f.symbol}: ${f.existingRun === 'RUNNING' ? 'stop it first' : 'resume or stop it'}`,
    );
  }
  return {
    allowed: reasons.length === 0,
    mode: f.mode,
    symbol: f.symbol,
    timeframe: f.timeframe,
    grade: qualifying?.grade ?? null,
    gradeSource: qualifying?.source ?? null,
    paperTrades,
    paperTradesRequired: f.paperTradesRequired,
    reasons,
    approvedAt: qualifying?.ranAt ?? null,
  };
}
