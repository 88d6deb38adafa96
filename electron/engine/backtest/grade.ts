import { GRADE_THRESHOLDS as T, type QualityGrade } from '../../../shared/domain/strategy.js';
import { formatFixed } from '../../../shared/format/numbers.js';
import type { BacktestGrade, BacktestMetrics } from './types.js';

const signedPct = (value: number) => `${formatFixed(value, 2, { signed: true })} %`;

/**
 * A reason when the strategy made less than buying at the first open and holding to the last
 * close (as shown, 2 decimals): a grade alone must not flatter a strategy the market carried.
 */
function versusHolding(m: BacktestMetrics): string[] {
  const made = Number(m.netProfitPercent.toFixed(2));
  const held = Number(m.buyAndHoldPercent.toFixed(2));
  if (!(made < held)) return [];
  return [
    `made ${signedPct(m.netProfitPercent)} while buying and holding over the same range made ` +
      signedPct(m.buyAndHoldPercent),
  ];
}

/**
 * The quality grade of a backtest, with its reasons:
 * - FAILED if trades < 10, win rate < 50 %, profit factor < 1.2 or max drawdown > 20 % (every
 *   failed check is a reason);
 * - otherwise EXCELLENT if win rate >= 60 %, profit factor >= 2.0, drawdown <= 10 % and
 *   Sharpe >= 1.5; else GOOD if win rate >= 55 %, profit factor >= 1.5 and drawdown <= 15 %;
 *   else ACCEPTABLE. The reasons say what held and what the next grade up would need.
 * A profit factor of null (no losing trade) counts as infinite. Every grade also says when the
 * strategy made less than buy-and-hold over the same range (the grade itself does not change).
 */
export function gradeBacktest(m: BacktestMetrics): BacktestGrade {
  const pf = m.profitFactor ?? Infinity;
  const pfText = m.profitFactor === null ? 'no losing trade' : `profit factor ${m.profitFactor.toFixed(2)}`;
  const win = `win rate ${m.winRatePercent.toFixed(1)} %`;
  const dd = `max drawdown ${m.maxDrawdownPercent.toFixed(1)} %`;
  const failures: string[] = [];
  if (m.trades < T.minTrades)
    failures.push(`${m.trades} trades: at least ${T.minTrades} are needed to judge a strategy`);
  if (m.winRatePercent < T.acceptable.winRatePercent) failures.push(`${win} is below ${T.acceptable.winRatePercent} %`);
  if (pf < T.acceptable.profitFactor) failures.push(`${pfText} is below ${T.acceptable.profitFactor}`);
  if (m.maxDrawdownPercent > T.acceptable.maxDrawdownPercent)
    failures.push(`${dd} is above ${T.acceptable.maxDrawdownPercent} %`);
  if (failures.length > 0) return { grade: 'FAILED', reasons: [...failures, ...versusHolding(m)] };

  const missing = (level: {
    winRatePercent: number;
    profitFactor: number;
    maxDrawdownPercent: number;
    sharpe?: number;
  }) => {
    const out: string[] = [];
    if (m.winRatePercent < level.winRatePercent)
      out.push(`a win rate of ${level.winRatePercent} % (has ${m.winRatePercent.toFixed(1)} %)`);
    if (pf < level.profitFactor) out.push(`a profit factor of ${level.profitFactor} (has ${pf.toFixed(2)})`);
    if (m.maxDrawdownPercent > level.maxDrawdownPercent)
      out.push(`a drawdown of at most ${level.maxDrawdownPercent} % (has ${m.maxDrawdownPercent.toFixed(1)} %)`);
    if (level.sharpe !== undefined && m.sharpe < level.sharpe)
      out.push(`a Sharpe ratio of ${level.sharpe} (has ${m.sharpe.toFixed(2)})`);
    return out;
  };
  const summary = `${m.trades} trades, ${win}, ${pfText}, ${dd}, Sharpe ${m.sharpe.toFixed(2)}`;
  const forExcellent = missing(T.excellent);
  if (forExcellent.length === 0) return { grade: 'EXCELLENT', reasons: [summary, ...versusHolding(m)] };
  const forGood = missing(T.good);
  let grade: QualityGrade = 'ACCEPTABLE';
  let next = forGood;
  let nextName = 'GOOD';
  if (forGood.length === 0) {
    grade = 'GOOD';
    next = forExcellent;
    nextName = 'EXCELLENT';
  }
  return { grade, reasons: [summary, `${nextName} needs ${next.join(', ')}`, ...versusHolding(m)] };
}
