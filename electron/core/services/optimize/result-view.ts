/** A sweep's stored row and summaries as the contract shows them (shared/domain/optimize.ts). */
import type { SetMetricsView, SetRowView, SweepStatusView } from '../../../../shared/domain/optimize.js';
import type { BacktestMetrics } from '../../../engine/backtest/types.js';
import type { RankedSet } from '../../../engine/optimize/objectives.js';
import type { SweepRow } from '../../../persistence/repositories/sweep-repo.js';
import type { StoredSweep } from './sweep-plan.js';

/** What a running sweep knows beyond its row. */
export type LiveProgress = { window: number; windows: number; etaMs: number | null; setsPerSecond: number };

const finite = (v: number | null | undefined): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : v;

export function metricsView(m: BacktestMetrics): SetMetricsView {
  return {
    netProfit: m.netProfit,
    netProfitPercent: m.netProfitPercent,
    trades: m.trades,
    winRatePercent: m.winRatePercent,
    profitFactor: finite(m.profitFactor),
    expectancy: m.expectancy,
    maxDrawdownPercent: m.maxDrawdownPercent,
    sharpe: m.sharpe,
    sortino: finite(m.sortino),
    cagrPercent: m.cagrPercent,
    finalEquity: m.finalEquity,
    feesPaid: m.feesPaid,
  };
}

export function rowView(r: RankedSet): SetRowView {
  return {
    index: r.index,
    values: r.values,
    score: r.metrics ? finite(r.score) : null,
    rejected: r.rejected,
    metrics: r.metrics ? metricsView(r.metrics) : null,
  };
}

/**
 * The status of a stored app sweep; `live` while it runs in this process. A row still RUNNING
 * without a live run was interrupted (the app stopped): it shows as CANCELLED and resumable.
 */
export function statusView(row: SweepRow, stored: StoredSweep, live: LiveProgress | null): SweepStatusView {
  const interrupted = row.status === 'RUNNING' && live === null;
  const status = interrupted ? 'CANCELLED' : row.status;
  const sets = stored.windows > 0 ? row.total / stored.windows : row.total;
  const done = Math.min(row.stored, row.total);
  return {
    sweepId: row.id,
    strategyId: stored.strategyId,
    strategyName: row.strategyName,
    symbol: stored.symbol,
    timeframe: stored.strategy.timeframe,
    status,
    done,
    total: row.total,
    window: live?.window ?? (sets > 0 ? Math.min(stored.windows - 1, Math.floor(done / sets)) : 0),
    windows: stored.windows,
    etaMs: live?.etaMs ?? null,
    setsPerSecond: live?.setsPerSecond ?? 0,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    detail: interrupted ? 'interrupted when the app stopped: resume it to continue where it stopped' : row.detail,
    resumable: status === 'CANCELLED' || status === 'FAILED',
  };
}
