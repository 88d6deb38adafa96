import { useEffect } from 'react';
import type { Candle, CandleColumns } from '../../../../shared/domain/market';
import { CandleBuffer } from './candle-buffer';
import type { ChartMarker } from './chart-controller';
import type { IndicatorConfig } from './indicators';
import { Legend } from './Legend';
import { useChartController } from './use-chart-controller';

type Props = {
  /** Identity of the data set: a new key means a full setData, the same key only live updates. */
  dataKey: string;
  columns: CandleColumns | undefined;
  indicators: IndicatorConfig[];
  markers?: ChartMarker[];
  /** Subscribe to live candles for this data set; returns an unsubscribe function. */
  subscribeLive: (onCandle: (candle: Candle) => void) => () => void;
  /** The market's price step: the axis, the legend and the labels show prices at it. */
  priceStep?: number | undefined;
  /** What is loading (a long history takes seconds), or null. */
  loading?: string | null;
};

export function PriceChart({ dataKey, columns, indicators, markers, subscribeLive, priceStep, loading }: Props) {
  const { container, controller, hover } = useChartController();

  useEffect(() => {
    controller.current?.setPriceStep(priceStep ?? null);
  }, [controller, priceStep]);

  useEffect(() => {
    const c = controller.current;
    if (!c || !columns) return;
    c.setCandles(CandleBuffer.from(columns));
    c.fitRecent();
    return subscribeLive((candle) => c.applyLive(candle));
    // a new data set only when the key changes; columns of the same key are the same data
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dataKey, columns]);

  useEffect(() => {
    controller.current?.setIndicators(indicators);
  }, [controller, indicators]);

  useEffect(() => {
    controller.current?.setMarkers(markers ?? []);
  }, [controller, markers]);

  return (
    <div className="price-chart" data-testid="price-chart" data-candles={columns?.time.length ?? 0}>
      <Legend candle={hover} priceStep={priceStep} />
      <div className="chart-canvas" data-testid="chart-canvas" ref={container} />
      {loading && (
        <div className="chart-loading" role="status" data-testid="chart-loading">
          <span className="spinner" aria-hidden="true" />
          {loading}
        </div>
      )}
    </div>
  );
}
