import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Candle } from '../../../../shared/domain/market';
import { ChartController } from './chart-controller';

/**
 * A ChartController on a container for the component's lifetime (created on mount, disposed on
 * unmount), and the candle under the crosshair for the legend.
 */
export function useChartController(): {
  container: RefObject<HTMLDivElement | null>;
  controller: RefObject<ChartController | null>;
  hover: Candle | null;
} {
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
  return { container, controller, hover };
}
