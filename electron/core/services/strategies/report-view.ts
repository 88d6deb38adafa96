/**
 * The engine's BacktestResult as the contract's BacktestReport (shared/domain/backtest-report.ts),
 * for strategies.backtest (backtest-run.ts) and the gauntlet's backtest (gauntlet-report.ts):
 * trades and vetoes capped at REPORT_MAX_*, equity and drawdown downsampled to MAX_POINTS.
 */
import {
  REPORT_MAX_TRADES,
  REPORT_MAX_VETOES,
  type BacktestReport,
  type SeriesView,
} from '../../../../shared/domain/backtest-report.js';
import type { BacktestResult } from '../../../engine/backtest/types.js';

export const MAX_POINTS = 2_000;

/** Equity and drawdown, bucketed to at most `max` points: the last equity and the deepest drawdown of each bucket. */
export function downsample(equity: Float64Array, times: (i: number) => number, initial: number, max = MAX_POINTS) {
  const n = equity.length;
  const size = Math.max(1, Math.ceil(n / max));
  const eq: SeriesView = { time: [], value: [] };
  const dd: SeriesView = { time: [], value: [] };
  let peak = initial;
  for (let start = 0; start < n; start += size) {
    const end = Math.min(n, start + size);
    let deepest = 0;
    let deepestAt = start;
    for (let i = start; i < end; i++) {
      const e = equity[i]!;
      if (e > peak) peak = e;
      const d = peak > 0 ? ((peak - e) / peak) * 100 : 0;
      if (d > deepest) {
        deepest = d;
        deepestAt = i;
      }
    }
    eq.time.push(times(end - 1));
    eq.value.push(equity[end - 1]!);
    dd.time.push(times(deepestAt));
    dd.value.push(-deepest);
  }
  return { equity: eq, drawdown: dd };
}

/** What the report says about the backtest that the result does not (who ran what, on which range). */
export type ReportHeader = Pick<
  BacktestReport,
  'jobId' | 'strategyId' | 'strategyName' | 'symbol' | 'timeframe' | 'from' | 'to' | 'settings' | 'risk'
>;

/** The report but for elapsedMs; `closeTime(i)`: the close time of the result's i-th candle. */
export function reportOf(
  r: BacktestResult,
  header: ReportHeader,
  closeTime: (i: number) => number,
): Omit<BacktestReport, 'elapsedMs'> {
  return {
    jobId: header.jobId,
    strategyId: header.strategyId,
    strategyName: header.strategyName,
    symbol: header.symbol,
    timeframe: header.timeframe,
    from: header.from,
    to: header.to,
    candles: r.candles,
    settings: header.settings,
    risk: header.risk,
    metrics: { ...r.metrics },
    grade: { grade: r.grade.grade, reasons: [...r.grade.reasons] },
    trades: r.trades.slice(0, REPORT_MAX_TRADES).map(tradeView),
    tradesTotal: r.trades.length,
    vetoes: r.vetoes
      .slice(0, REPORT_MAX_VETOES)
      .map((v) => ({ time: v.time, kind: v.kind, side: v.side, rule: v.rule, detail: v.detail })),
    vetoesTotal: r.vetoes.length,
    ...downsample(r.equity, closeTime, header.settings.initialCapital),
  };
}

/** One trade of the engine as the report shows it (fees: what it paid in and out). */
export function tradeView(t: BacktestResult['trades'][number]): BacktestReport['trades'][number] {
  return {
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
  };
}
