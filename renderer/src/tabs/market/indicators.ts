import { bollinger, ema, macd, rsi, sma } from '../../../../shared/indicators';

/** Indicators the user can put on the chart: overlays on the price pane, oscillators in panes of their own. */
export type IndicatorKind = 'SMA' | 'EMA' | 'BOLLINGER' | 'RSI' | 'MACD';
export type IndicatorConfig = { id: string; kind: IndicatorKind; period: number };

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

export function describeIndicator(c: IndicatorConfig): string {
  return c.kind === 'MACD' ? 'MACD 12/26/9' : `${INDICATOR_INFO[c.kind].label.split(' ')[0]} ${c.period}`;
}

/** One line of an indicator: a name and its values aligned with the candles (NaN = no value yet). */
export type IndicatorLine = { key: string; values: Float64Array; color: string; histogram?: boolean };

const PALETTE = ['#f5a524', '#4c8df6', '#c678dd', '#56b6c2', '#e5c07b', '#98c379'];

export function computeIndicator(c: IndicatorConfig, close: Float64Array, index: number): IndicatorLine[] {
  const color = PALETTE[index % PALETTE.length]!;
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
        { key: 'macd', values: m.macd, color: '#4c8df6' },
        { key: 'signal', values: m.signal, color: '#f5a524' },
      ];
    }
  }
}
