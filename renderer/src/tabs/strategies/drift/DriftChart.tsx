/** The run's and the backtest's cumulative return (%) on one axis, stepping at each trade exit. */
import { createChart, LineSeries } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { DriftReport } from '../../../../../shared/domain/drift';
import { chartOptions, DOWN, UP } from '../../market/chart-theme';
import { toPoints } from '../SeriesChart';

const BACKTEST = '#8b95a3';

export function DriftChart({ equity }: { equity: DriftReport['equity'] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const c = createChart(box.current, chartOptions());
    const time = equity.map((p) => p.time);
    const format = { type: 'price' as const, precision: 2, minMove: 0.01 };
    const last = equity[equity.length - 1];
    const liveColor = !last || last.live >= last.backtest ? UP : DOWN;
    c.addSeries(LineSeries, {
      color: BACKTEST,
      lineWidth: 2,
      lineStyle: 2,
      priceFormat: format,
      title: 'backtest',
    }).setData(toPoints({ time, value: equity.map((p) => p.backtest) }));
    c.addSeries(LineSeries, { color: liveColor, lineWidth: 2, priceFormat: format, title: 'run' }).setData(
      toPoints({ time, value: equity.map((p) => p.live) }),
    );
    c.timeScale().fitContent();
    return () => c.remove();
  }, [equity]);
  return (
    <figure className="series-chart" data-testid="drift-chart" data-points={equity.length}>
      <figcaption className="muted small">
        Cumulative return (%) at each trade exit: run (solid), backtest (dashed)
      </figcaption>
      <div className="series-chart-canvas" ref={box} />
    </figure>
  );
}
