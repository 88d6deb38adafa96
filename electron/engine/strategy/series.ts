import { TIMEFRAME_MS, type Timeframe } from '../../../shared/domain/market.js';
import {
  atr,
  bollinger,
  directional,
  ema,
  macd,
  rollingExtremeByTime,
  roc,
  rsi,
  sma,
  type Bands,
  type Directional,
  type Macd,
} from '../../../shared/indicators/index.js';
import type { IndicatorId } from './catalog.js';
import type { OhlcvColumns } from './columns.js';
import { alignToBase, closedIndexMap, resampleColumns } from './confirm-timeframe.js';
import type { SeriesSpec } from './cond.js';

const DAY_MS = 86_400_000;

/**
 * Computes each series a strategy reads exactly once over the whole candle set (batch, over
 * Float64Array, with shared/indicators), caching by key: SMA(20) used by the entry and the exit is
 * one array. MACD and Bollinger outputs share one computation per parameter set. Series of a
 * confirm timeframe are computed on the resampled candles and spread onto the base candles
 * without lookahead (confirm-timeframe.ts). The arrays are read-only for everyone.
 */
export class SeriesCache {
  private readonly series = new Map<string, Float64Array>();
  private readonly groups = new Map<string, Macd | Bands | Directional>();
  private readonly coarse = new Map<Timeframe, { cache: SeriesCache; map: Int32Array }>();

  constructor(
    readonly columns: OhlcvColumns,
    readonly candleMs: number,
  ) {}

  get(spec: SeriesSpec): Float64Array {
    let out = this.series.get(spec.key);
    if (!out) {
      out = spec.timeframe === null ? this.compute(spec.id, spec.params) : this.fromCoarse(spec, spec.timeframe);
      this.series.set(spec.key, out);
    }
    return out;
  }

  private fromCoarse(spec: SeriesSpec, timeframe: Timeframe): Float64Array {
    let entry = this.coarse.get(timeframe);
    if (!entry) {
      const targetMs = TIMEFRAME_MS[timeframe];
      const columns = resampleColumns(this.columns, this.candleMs, targetMs);
      entry = {
        cache: new SeriesCache(columns, targetMs),
        map: closedIndexMap(this.columns.time, this.candleMs, columns.time, targetMs),
      };
      this.coarse.set(timeframe, entry);
    }
    return alignToBase(entry.map, entry.cache.get({ ...spec, timeframe: null, key: spec.key.split('@')[0]! }));
  }

  private group<T extends Macd | Bands | Directional>(key: string, make: () => T): T {
    let g = this.groups.get(key) as T | undefined;
    if (!g) {
      g = make();
      this.groups.set(key, g);
    }
    return g;
  }

  private compute(id: IndicatorId, p: readonly number[]): Float64Array {
    const { time, open, high, low, close, volume } = this.columns;
    const n0 = p[0]!;
    const macdOf = () => this.group(`MACD(${p.join(',')})`, () => macd(close, p[0], p[1], p[2]));
    const bandsOf = () => this.group(`BB(${p.join(',')})`, () => bollinger(close, p[0], p[1]));
    const dmOf = () => this.group(`DM(${n0})`, () => directional(high, low, close, n0));
    switch (id) {
      case 'PRICE':
        return close;
      case 'OPEN':
        return open;
      case 'HIGH':
        return high;
      case 'LOW':
        return low;
      case 'VOLUME':
        return volume;
      case 'VOLUME_AVG':
        return sma(volume, n0);
      case 'SMA':
        return sma(close, n0);
      case 'EMA':
        return ema(close, n0);
      case 'RSI':
        return rsi(close, n0);
      case 'ATR':
        return atrPercent(atr(high, low, close, n0), close);
      case 'MOMENTUM':
        return roc(close, n0);
      case 'MACD':
        return macdOf().macd;
      case 'MACD_SIGNAL':
        return macdOf().signal;
      case 'MACD_HIST':
        return macdOf().histogram;
      case 'BB_UPPER':
        return bandsOf().upper;
      case 'BB_MIDDLE':
        return bandsOf().middle;
      case 'BB_LOWER':
        return bandsOf().lower;
      case 'ADX':
        return dmOf().adx;
      case 'PLUS_DI':
        return dmOf().plusDi;
      case 'MINUS_DI':
        return dmOf().minusDi;
      case 'HIGH_24H':
        return rollingExtremeByTime(time, high, DAY_MS, this.candleMs, 'max');
      case 'LOW_24H':
        return rollingExtremeByTime(time, low, DAY_MS, this.candleMs, 'min');
    }
  }
}

/** ATR as a percentage of the close, in place. */
export function atrPercent(atrValues: Float64Array, close: ArrayLike<number>): Float64Array {
  for (let i = 0; i < atrValues.length; i++) atrValues[i] = (atrValues[i]! / close[i]!) * 100;
  return atrValues;
}

/**
 * The index of the first candle at which a series has a value on gap-free data: how many candles
 * of history a strategy needs before its first signal (TA-Lib's lookback).
 */
export function lookback(spec: SeriesSpec, candleMs: number): number {
  const p = spec.params;
  const n = p[0] ?? 0;
  let own: number;
  switch (spec.id) {
    case 'PRICE':
    case 'OPEN':
    case 'HIGH':
    case 'LOW':
    case 'VOLUME':
      own = 0;
      break;
    case 'VOLUME_AVG':
    case 'SMA':
    case 'EMA':
    case 'BB_UPPER':
    case 'BB_MIDDLE':
    case 'BB_LOWER':
      own = n - 1;
      break;
    case 'RSI':
    case 'ATR':
    case 'MOMENTUM':
    case 'PLUS_DI':
    case 'MINUS_DI':
      own = n;
      break;
    case 'ADX':
      own = 2 * n - 1;
      break;
    case 'MACD':
      own = p[1]! - 1;
      break;
    case 'MACD_SIGNAL':
    case 'MACD_HIST':
      own = p[1]! + p[2]! - 2;
      break;
    case 'HIGH_24H':
    case 'LOW_24H':
      own = Math.ceil(DAY_MS / candleMs) - 1;
      break;
  }
  if (spec.timeframe === null) return own;
  // Coarse candle `own` must have closed: own + 1 coarse candles of base candles. Exact when the data
  // starts on a coarse boundary; a partial first bucket closes sooner, so this is an upper bound.
  const ratio = TIMEFRAME_MS[spec.timeframe] / candleMs;
  return (own + 1) * ratio - 1;
}
