/**
 * The backtest's candles (market.candles for its symbol, timeframe and range) with each trade
 * marked: a buy arrow at the entry, a sell arrow with the exit reason at the exit. Reuses the
 * market tab's chart controller.
 */
import { useEffect, useMemo } from 'react';
import type { BacktestReport } from '../../../../shared/domain/backtest-report';
import { useInvokeQuery } from '../../client/hooks';
import { CandleBuffer } from '../market/candle-buffer';
import type { ChartMarker } from '../market/chart-controller';
import { DOWN, UP } from '../market/chart-theme';
import { Legend } from '../market/Legend';
import { useChartController } from '../market/use-chart-controller';

/** The open time of the candle holding `t` (markers must sit on a candle). */
function snap(times: number[], t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let found = times[0] ?? t;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) {
      found = times[mid]!;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function tradeMarkers(report: BacktestReport, times: number[]): ChartMarker[] {
  return report.trades.flatMap((t): ChartMarker[] => [
    { time: snap(times, t.entryTime), position: 'belowBar', color: UP, shape: 'arrowUp', text: 'Buy' },
    { time: snap(times, t.exitTime), position: 'aboveBar', color: DOWN, shape: 'arrowDown', text: t.reason },
  ]);
}

export function TradesChart({ report }: { report: BacktestReport }) {
  const candles = useInvokeQuery(
    'market.candles',
    { symbol: report.symbol, timeframe: report.timeframe, from: report.from, to: report.to, limit: 300_000 },
    { staleTime: Infinity },
  );
  const { container, controller, hover } = useChartController();
  const columns = candles.data?.candles;
  const markers = useMemo(() => (columns ? tradeMarkers(report, columns.time) : []), [report, columns]);

  useEffect(() => {
    const c = controller.current;
    if (!c || !columns) return;
    c.setCandles(CandleBuffer.from(columns));
    c.setMarkers(markers);
    c.fitRecent(columns.time.length);
  }, [controller, columns, markers]);

  return (
    <figure className="trades-chart price-chart" data-testid="trades-chart" data-markers={markers.length}>
      <Legend candle={hover} />
      {candles.error && <p className="error small">{candles.error.message}</p>}
      <div className="chart-canvas" ref={container} />
    </figure>
  );
}
