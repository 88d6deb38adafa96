/**
 * One time series in a small lightweight-charts chart (line or area), e.g. a backtest's equity
 * or drawdown. Times arrive in UTC ms and are drawn in seconds.
 */
import {
  AreaSeries,
  createChart,
  LineSeries,
  type IChartApi,
  type LineData,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { SeriesView } from '../../../../shared/domain/backtest-report';
import { chartOptions } from '../market/chart-theme';

type Props = {
  series: SeriesView;
  kind: 'line' | 'area';
  color: string;
  /** Decimals of the price scale (2 for money and percents). */
  precision?: number;
  label: string;
  testId: string;
};

/** Chart points: seconds, strictly increasing (a repeated second keeps its last value). */
export function toPoints(series: SeriesView): LineData<UTCTimestamp>[] {
  const out: LineData<UTCTimestamp>[] = [];
  for (let i = 0; i < series.time.length; i++) {
    const time = Math.floor(series.time[i]! / 1000) as UTCTimestamp;
    const point = { time, value: series.value[i]! };
    const last = out[out.length - 1];
    if (last && last.time >= time) out[out.length - 1] = { ...point, time: last.time };
    else out.push(point);
  }
  return out;
}

export function SeriesChart({ series, kind, color, precision = 2, label, testId }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const c = createChart(container.current, chartOptions());
    chart.current = c;
    return () => {
      c.remove();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const priceFormat = { type: 'price' as const, precision, minMove: 1 / 10 ** precision };
    const s =
      kind === 'area'
        ? c.addSeries(AreaSeries, {
            lineColor: color,
            topColor: `${color}55`,
            bottomColor: `${color}08`,
            lineWidth: 2,
            priceFormat,
          })
        : c.addSeries(LineSeries, { color, lineWidth: 2, priceFormat });
    s.setData(toPoints(series));
    c.timeScale().fitContent();
    return () => {
      // On unmount the chart is removed first (the effect above), taking its series with it.
      if (chart.current === c) c.removeSeries(s);
    };
  }, [series, kind, color, precision]);

  return (
    <figure className="series-chart" data-testid={testId} data-points={series.time.length}>
      <figcaption className="muted small">{label}</figcaption>
      <div className="series-chart-canvas" ref={container} />
    </figure>
  );
}
