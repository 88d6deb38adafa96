import { ColorType, CrosshairMode, type DeepPartial, type ChartOptions } from 'lightweight-charts';

export const UP = '#3fb68b';
export const DOWN = '#e5484d';

/** Chart colours follow the app theme (read from the CSS variables). */
export function chartOptions(): DeepPartial<ChartOptions> {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: v('--panel', '#171b21') },
      textColor: v('--muted', '#8b95a3'),
      panes: { separatorColor: v('--border', '#2a313b') },
    },
    grid: {
      vertLines: { color: v('--border', '#2a313b') + '55' },
      horzLines: { color: v('--border', '#2a313b') + '55' },
    },
    crosshair: { mode: CrosshairMode.Normal },
    timeScale: { timeVisible: true, secondsVisible: false, borderColor: v('--border', '#2a313b') },
    rightPriceScale: { borderColor: v('--border', '#2a313b') },
  };
}
