/**
 * The gauntlet engine's result (electron/engine/gauntlet) as the contract's GauntletReport: the
 * 30-day backtest as a BacktestReport (trades and vetoes capped at REPORT_MAX_*, equity and
 * drawdown downsampled as strategies.backtest does), the stages as they are, ids and times added.
 */
import {
  REPORT_MAX_TRADES,
  REPORT_MAX_VETOES,
  type BacktestReport,
} from '../../../../shared/domain/backtest-report.js';
import type { GauntletReport } from '../../../../shared/domain/gauntlet.js';
import { TIMEFRAME_MS, type Timeframe } from '../../../../shared/domain/market.js';
import type { BacktestResult } from '../../../engine/backtest/types.js';
import type { GauntletResult } from '../../../engine/gauntlet/run.js';
import { indexAtOrAfter } from '../../../engine/gauntlet/windows.js';
import { downsample } from './backtest-run.js';

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
  const series = downsample(r.equity, (i) => times[start + i]! + span, r.settings.initialCapital);
  return {
    jobId: ids.jobId,
    strategyId: ids.strategyId,
    strategyName: ids.strategyName,
    symbol: ids.symbol,
    timeframe: ids.timeframe,
    from,
    to,
    candles: r.candles,
    settings: r.settings,
    risk: ids.risk,
    metrics: { ...r.metrics },
    grade: { grade: r.grade.grade, reasons: [...r.grade.reasons] },
    trades: r.trades.slice(0, REPORT_MAX_TRADES).map((t) => ({
      entryTime: t.entryTime,
      exitTime: t.exitTime,
      entryPrice: t.entryPrice,
      exitPrice: t.exitPrice,
      quantity: t.quantity,
      fees: t.entryFee + t.exitFee,
      pnl: t.pnl,
      pnlPercent: t.pnlPercent,
      reason: t.reason,
      candlesHeld: t.candlesHeld,
    })),
    tradesTotal: r.trades.length,
    vetoes: r.vetoes
      .slice(0, REPORT_MAX_VETOES)
      .map((v) => ({ time: v.time, kind: v.kind, side: v.side, rule: v.rule, detail: v.detail })),
    vetoesTotal: r.vetoes.length,
    ...series,
    elapsedMs: ids.elapsedMs,
  };
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
