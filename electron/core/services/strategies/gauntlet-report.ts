/**
 * The gauntlet engine's result (electron/engine/gauntlet) as the contract's GauntletReport: the
 * 30-day backtest as a BacktestReport (report-view.ts, as strategies.backtest reports it), the
 * stages as they are, ids and times added.
 */
import type { BacktestReport } from '../../../../shared/domain/backtest-report.js';
import type { GauntletReport } from '../../../../shared/domain/gauntlet.js';
import { TIMEFRAME_MS, type Timeframe } from '../../../../shared/domain/market.js';
import type { BacktestResult } from '../../../engine/backtest/types.js';
import type { GauntletResult } from '../../../engine/gauntlet/run.js';
import { indexAtOrAfter } from '../../../engine/gauntlet/windows.js';
import { reportOf } from './report-view.js';

export type ReportIds = {
  jobId: string;
  strategyId: string;
  strategyName: string;
  symbol: string;
  timeframe: Timeframe;
  risk: 'default' | 'off';
  ranAt: number;
  elapsedMs: number;
};

function backtestView(
  r: BacktestResult,
  times: Float64Array,
  ids: ReportIds,
  from: number,
  to: number,
): BacktestReport {
  const span = TIMEFRAME_MS[ids.timeframe];
  const start = indexAtOrAfter(times, from);
  const header = { ...ids, from, to, settings: r.settings };
  return { ...reportOf(r, header, (i) => times[start + i]! + span), elapsedMs: ids.elapsedMs };
}

/** `times`: the open times of the candles the gauntlet ran on (the whole window). */
export function toGauntletReport(result: GauntletResult, times: Float64Array, ids: ReportIds): GauntletReport {
  return {
    jobId: ids.jobId,
    strategyId: ids.strategyId,
    strategyName: ids.strategyName,
    symbol: ids.symbol,
    timeframe: ids.timeframe,
    backtest: backtestView(result.backtest, times, ids, result.from, result.to),
    outOfSample: result.outOfSample,
    costStress: result.costStress,
    stability: result.stability,
    monteCarlo: result.monteCarlo,
    verdict: result.verdict,
    ranAt: ids.ranAt,
    elapsedMs: ids.elapsedMs,
  };
}
