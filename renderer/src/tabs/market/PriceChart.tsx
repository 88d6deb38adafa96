import { useEffect, useRef, useState } from 'react';
import type { Candle, CandleColumns } from '../../../../shared/domain/market';
import { CandleBuffer } from './candle-buffer';
import { ChartController, type ChartMarker } from './chart-controller';
import type { IndicatorConfig } from './indicators';
import { Legend } from './Legend';

type Props = {
  /** Identity of the data set: a new key means a full setData, the same key only live updates. */
  dataKey: string;
  columns: CandleColumns | undefined;
  indicators: IndicatorConfig[];
  markers?: ChartMarker[];
  /** Subscribe to live candles for this data set; returns an unsubscribe function. */
  subscribeLive: (onCandle: (candle: Candle) => void) => () => void;
};

export function PriceChart({ dataKey, columns, indicators, markers, subscribeLive }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<ChartController | null>(null);
  const [hover, setHover] = useState<Candle | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const c = new ChartController(container.current, setHover);
    controller.current = c;
    return () => {
      c.dispose();
      controller.current = null;
    };
  }, []);

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
  }, [indicators]);

  useEffect(() => {
    controller.current?.setMarkers(markers ?? []);
  }, [markers]);

  return (
    <div className="price-chart" data-testid="price-chart" data-candles={columns?.time.length ?? 0}>
      <Legend candle={hover} />
      <div className="chart-canvas" data-testid="chart-canvas" ref={container} />
    </div>
  );
}
