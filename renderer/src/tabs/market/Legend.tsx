import type { Candle } from '../../../../shared/domain/market';
import { formatPrice, formatVolume } from '../../../../shared/format/numbers';

/** The crosshair legend: OHLCV of the candle under the cursor (or the latest one). */
export function Legend({ candle, priceStep }: { candle: Candle | null; priceStep?: number | undefined }) {
  if (!candle) return <div className="chart-legend muted">Move over the chart to see a candle.</div>;
  const up = candle.close >= candle.open;
  return (
    <div className="chart-legend" data-testid="chart-legend">
      <span className="muted">{new Date(candle.time).toISOString().slice(0, 16).replace('T', ' ')} UTC</span>
      <span>O {formatPrice(candle.open, priceStep)}</span>
      <span>H {formatPrice(candle.high, priceStep)}</span>
      <span>L {formatPrice(candle.low, priceStep)}</span>
      <span className={up ? 'up' : 'down'}>C {formatPrice(candle.close, priceStep)}</span>
      <span>V {formatVolume(candle.volume)}</span>
    </div>
  );
}
