import type { ChartSetup } from '../../../../shared/domain/settings';
import { bollinger, ema, macd, rsi, sma } from '../../../../shared/indicators';

/** Indicators the user can put on the chart: overlays on the price pane, oscillators in panes of their own. */
export type IndicatorKind = ChartSetup['indicators'][number]['kind'];
/** `color` is given when the indicator is added and stays with it (removing another never recolours it). */
export type IndicatorConfig = { id: string; kind: IndicatorKind; period: number; color?: string };

export const INDICATOR_INFO: Record<
  IndicatorKind,
  { label: string; overlay: boolean; defaultPeriod: number; min: number; max: number }
> = {
  SMA: { label: 'SMA', overlay: true, defaultPeriod: 20, min: 2, max: 500 },
  EMA: { label: 'EMA', overlay: true, defaultPeriod: 50, min: 2, max: 500 },
  BOLLINGER: { label: 'Bollinger (k=2)', overlay: true, defaultPeriod: 20, min: 2, max: 500 },
  RSI: { label: 'RSI', overlay: false, defaultPeriod: 14, min: 2, max: 100 },
  MACD: { label: 'MACD (12/26/9)', overlay: false, defaultPeriod: 26, min: 26, max: 26 },
};

const PALETTE = ['#f5a524', '#4c8df6', '#c678dd', '#56b6c2', '#e5c07b', '#98c379'];
const MACD_LINE = '#4c8df6';

export function describeIndicator(c: IndicatorConfig): string {
  return c.kind === 'MACD' ? 'MACD 12/26/9' : `${INDICATOR_INFO[c.kind].label.split(' ')[0]} ${c.period}`;
}

/** The same indicator with the same parameters is on the chart already (MACD has fixed parameters). */
export function findDuplicate(
  configs: readonly IndicatorConfig[],
  kind: IndicatorKind,
  period: number,
): IndicatorConfig | undefined {
  return configs.find((c) => c.kind === kind && (kind === 'MACD' || c.period === period));
}

/** The first palette colour no indicator on the chart uses (the palette repeats past six). */
export function nextColor(configs: readonly IndicatorConfig[]): string {
  const used = new Set(configs.map((c) => c.color));
  return PALETTE.find((c) => !used.has(c)) ?? PALETTE[configs.length % PALETTE.length]!;
}

/** The colour of an indicator's main line, as its chip's swatch shows it. */
export function indicatorColor(c: IndicatorConfig, index: number): string {
  if (c.kind === 'MACD') return MACD_LINE;
  return c.color ?? PALETTE[index % PALETTE.length]!;
}

/** Horizontal guides drawn in an indicator's pane (RSI: oversold 30, overbought 70). */
export function indicatorGuides(kind: IndicatorKind): number[] {
  return kind === 'RSI' ? [30, 70] : [];
}

/** One line of an indicator: a name and its values aligned with the candles (NaN = no value yet). */
export type IndicatorLine = { key: string; values: Float64Array; color: string; histogram?: boolean };

export function computeIndicator(c: IndicatorConfig, close: Float64Array, index: number): IndicatorLine[] {
  const color = indicatorColor(c, index);
  switch (c.kind) {
    case 'SMA':
      return [{ key: 'value', values: sma(close, c.period), color }];
    case 'EMA':
      return [{ key: 'value', values: ema(close, c.period), color }];
    case 'BOLLINGER': {
      const b = bollinger(close, c.period, 2);
      return [
        { key: 'upper', values: b.upper, color },
        { key: 'middle', values: b.middle, color: `${color}99` },
        { key: 'lower', values: b.lower, color },
      ];
    }
    case 'RSI':
      return [{ key: 'value', values: rsi(close, c.period), color }];
    case 'MACD': {
      const m = macd(close);
      return [
        { key: 'histogram', values: m.histogram, color: '#5c6773', histogram: true },
        { key: 'macd', values: m.macd, color: MACD_LINE },
        { key: 'signal', values: m.signal, color: '#f5a524' },
      ];
    }
  }
}
