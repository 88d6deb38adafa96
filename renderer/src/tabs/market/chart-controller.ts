import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  HistogramSeries,
  LineSeries,
  type IChartApi,
  type ISeriesApi,
  type PriceFormat,
  type ISeriesMarkersPluginApi,
  type MouseEventParams,
  type SeriesMarker,
  type Time,
} from 'lightweight-charts';
import type { Candle } from '../../../../shared/domain/market';
import { formatFixed, formatPrice } from '../../../../shared/format/numbers';
import type { CandleBuffer } from './candle-buffer';
import { allCandles, allVolumes, candleData, lineData, toChartTime, volumeData } from './chart-data';
import { chartOptions, DOWN, UP } from './chart-theme';
import {
  computeIndicator,
  describeIndicator,
  INDICATOR_INFO,
  indicatorGuides,
  type IndicatorConfig,
} from './indicators';

type IndicatorSeries = {
  config: IndicatorConfig;
  lines: { key: string; series: ISeriesApi<'Line' | 'Histogram'> }[];
};

/** Prices on the axis and the labels as everywhere else: at the market's step, with separators. */
function pricesAt(step: number | null): PriceFormat {
  return step
    ? { type: 'custom', minMove: step, formatter: (p: number) => formatPrice(p, step) }
    : { type: 'custom', minMove: 0.00000001, formatter: (p: number) => formatPrice(p) };
}

/** An oscillator's values (RSI 0-100, MACD in price units): 2 decimals, never -0. */
const OSCILLATOR: PriceFormat = { type: 'custom', minMove: 0.01, formatter: (v: number) => formatFixed(v, 2) };

/** A marker later features put on the chart (e.g. trades): time in UTC ms. */
export type ChartMarker = {
  time: number;
  position: 'aboveBar' | 'belowBar';
  color: string;
  shape: 'arrowUp' | 'arrowDown' | 'circle';
  text: string;
};

/**
 * Owns one lightweight-charts instance: candles + volume in pane 0, overlays on the price, one
 * pane per oscillator. Live candles go through series.update(), never setData per tick.
 */
export class ChartController {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private readonly markers: ISeriesMarkersPluginApi<Time>;
  private indicators: IndicatorSeries[] = [];
  private buffer: CandleBuffer | null = null;
  private hovering = false;
  private priceFormat: PriceFormat = pricesAt(null);

  constructor(
    private readonly container: HTMLElement,
    private readonly onHover: (candle: Candle | null) => void,
  ) {
    this.chart = createChart(container, chartOptions());
    this.candles = this.chart.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      borderVisible: false,
      wickUpColor: UP,
      wickDownColor: DOWN,
      priceFormat: this.priceFormat,
    });
    // No last-value label for the volume: it sat on top of the lowest price label of the axis.
    this.volume = this.chart.addSeries(HistogramSeries, {
      priceFormat: { type: 'volume' },
      priceScaleId: 'volume',
      lastValueVisible: false,
      priceLineVisible: false,
    });
    this.chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.markers = createSeriesMarkers(this.candles, []);
    this.chart.subscribeCrosshairMove((param: MouseEventParams) => {
      this.hovering = param.time !== undefined;
      onHover(this.hovering ? this.candleAt(param) : this.latest());
    });
  }

  private latest(): Candle | null {
    const b = this.buffer;
    return b ? b.candle(b.length - 1) : null;
  }

  /** The legend shows the latest candle while the pointer is off the chart; tests read data-last-time. */
  private showLatest(): void {
    const last = this.latest();
    this.container.dataset.lastTime = last ? String(last.time) : '';
    this.container.dataset.lastClose = last ? String(last.close) : '';
    if (!this.hovering) this.onHover(last);
  }

  private candleAt(param: MouseEventParams): Candle | null {
    const b = this.buffer;
    if (!b || param.time === undefined) return this.latest();
    const target = (param.time as number) * 1000;
    let lo = 0;
    let hi = b.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = b.time[mid]!;
      if (t === target) return b.candle(mid);
      if (t < target) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }

  setCandles(buffer: CandleBuffer): void {
    this.buffer = buffer;
    this.candles.setData(allCandles(buffer));
    this.volume.setData(allVolumes(buffer));
    this.refreshIndicators(true);
    this.showLatest();
  }

  /** A live candle: update the last bar (or add one) and the last indicator values. */
  applyLive(candle: Candle): void {
    const b = this.buffer;
    if (!b || b.apply(candle) === 'ignored') return;
    const i = b.length - 1;
    this.candles.update(candleData(b, i));
    this.volume.update(volumeData(b, i));
    this.refreshIndicators(false);
    this.showLatest();
  }

  /** The market's price step (null: unknown, decimals by size) for the axis and the price labels. */
  setPriceStep(step: number | null): void {
    this.priceFormat = pricesAt(step);
    this.candles.applyOptions({ priceFormat: this.priceFormat });
    for (const ind of this.indicators) {
      if (!INDICATOR_INFO[ind.config.kind].overlay) continue;
      for (const line of ind.lines) line.series.applyOptions({ priceFormat: this.priceFormat });
    }
  }

  setIndicators(configs: IndicatorConfig[]): void {
    for (const ind of this.indicators) for (const line of ind.lines) this.chart.removeSeries(line.series);
    let pane = 1;
    this.indicators = configs.map((config, index) => {
      const overlay = INDICATOR_INFO[config.kind].overlay;
      const paneIndex = overlay ? 0 : pane++;
      const priceFormat = overlay ? this.priceFormat : OSCILLATOR;
      // Computing over no data yields the lines' names and colours without any work.
      const computed = computeIndicator(config, new Float64Array(0), index);
      const lines = computed.map(({ key, color, histogram }, lineIndex) => {
        // The first line of an indicator carries its name: "RSI 14" labels its pane's value.
        const title = lineIndex === computed.findIndex((l) => !l.histogram) ? describeIndicator(config) : '';
        const series = histogram
          ? this.chart.addSeries(
              HistogramSeries,
              { color, priceLineVisible: false, lastValueVisible: false, priceFormat },
              paneIndex,
            )
          : this.chart.addSeries(
              LineSeries,
              { color, lineWidth: 2, priceLineVisible: false, title, priceFormat },
              paneIndex,
            );
        return { key, series: series as ISeriesApi<'Line' | 'Histogram'> };
      });
      // Guides (RSI 30/70) belong to the indicator's line: they go when it is removed.
      const main = lines.find((l) => l.key !== 'histogram')?.series;
      for (const price of indicatorGuides(config.kind)) {
        main?.createPriceLine({
          price,
          color: '#8b95a3',
          lineWidth: 1,
          lineStyle: 2,
          axisLabelVisible: true,
          title: '',
        });
      }
      return { config, lines };
    });
    this.refreshIndicators(true);
  }

  private refreshIndicators(full: boolean): void {
    const b = this.buffer;
    if (!b) return;
    const close = b.closes();
    this.indicators.forEach((ind, index) => {
      for (const computed of computeIndicator(ind.config, close, index)) {
        const target = ind.lines.find((l) => l.key === computed.key);
        if (!target) continue;
        if (full) {
          target.series.setData(lineData(b, computed.values));
        } else {
          const i = b.length - 1;
          const value = computed.values[i]!;
          if (!Number.isNaN(value)) target.series.update({ time: toChartTime(b.time[i]!), value });
        }
      }
    });
  }

  setMarkers(markers: ChartMarker[]): void {
    this.markers.setMarkers(
      markers
        .map((m): SeriesMarker<Time> => ({ ...m, time: toChartTime(m.time) }))
        .sort((a, b) => (a.time as number) - (b.time as number)),
    );
  }

  fitRecent(bars = 200): void {
    const b = this.buffer;
    if (!b || b.length === 0) return;
    this.chart.timeScale().setVisibleLogicalRange({ from: Math.max(0, b.length - bars), to: b.length + 5 });
  }

  dispose(): void {
    this.chart.remove();
  }
}
