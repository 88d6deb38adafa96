import type { Candle } from '../../../../shared/domain/market';
import { formatPrice, formatVolume } from './format';

/** The crosshair legend: OHLCV of the candle under the cursor (or the latest one). */
export function Legend({ candle }: { candle: Candle | null }) {
  if (!candle) return <div className="chart-legend muted">Move over the chart to see a candle.</div>;
  const up = candle.close >= candle.open;
  return (
    <div className="chart-legend" data-testid="chart-legend">
      <span className="muted">{new Date(candle.time).toISOString().slice(0, 16).replace('T', ' ')} UTC</span>
      <span>O {formatPrice(candle.open)}</span>
      <span>H {formatPrice(candle.high)}</span>
      <span>L {formatPrice(candle.low)}</span>
      <span className={up ? 'up' : 'down'}>C {formatPrice(candle.close)}</span>
      <span>V {formatVolume(candle.volume)}</span>
    </div>
  );
}
