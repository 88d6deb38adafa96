import { TIMEFRAMES, type Candle, type Timeframe } from '../../../shared/domain/market.js';

/** A candle that cannot be stored (NaN, Infinity, negative volume, a fractional time). Nothing was written. */
export class CandleValidationError extends Error {
  readonly index: number;
  constructor(message: string, index: number) {
    super(message);
    this.name = 'CandleValidationError';
    this.index = index;
  }
}

export type SeriesKey = [source: string, symbol: string, timeframe: Timeframe];

function describe(value: number): string {
  return Number.isNaN(value) ? 'NaN' : String(value);
}

function problem(c: Candle): string | null {
  if (typeof c !== 'object' || c === null) return 'is not a candle';
  if (!Number.isSafeInteger(c.time) || c.time < 0)
    return `time ${describe(c.time)} is not a whole, non-negative UTC ms`;
  for (const field of ['open', 'high', 'low', 'close', 'volume'] as const) {
    const v = c[field];
    if (typeof v !== 'number' || !Number.isFinite(v))
      return `${field} is ${typeof v === 'number' ? describe(v) : String(v)}`;
  }
  if (c.volume < 0) return `volume ${c.volume} is negative`;
  return null;
}

export function checkKey(source: string, symbol: string, timeframe: Timeframe): SeriesKey {
  if (!source || !symbol) throw new CandleValidationError('a candle series needs a source and a symbol', -1);
  if (!TIMEFRAMES.includes(timeframe)) throw new CandleValidationError(`unknown timeframe "${String(timeframe)}"`, -1);
  return [source, symbol, timeframe];
}

/** Throws a CandleValidationError naming the first candle that cannot be stored. */
export function checkCandles(key: SeriesKey, candles: readonly Candle[]): void {
  const [source, symbol, timeframe] = key;
  for (let i = 0; i < candles.length; i++) {
    const c = candles[i]!;
    // The common case in one expression (a million candles are checked per bulk write).
    if (
      typeof c === 'object' &&
      c !== null &&
      Number.isSafeInteger(c.time) &&
      c.time >= 0 &&
      Number.isFinite(c.open) &&
      Number.isFinite(c.high) &&
      Number.isFinite(c.low) &&
      Number.isFinite(c.close) &&
      Number.isFinite(c.volume) &&
      c.volume >= 0
    )
      continue;
    const why = problem(c);
    if (why) {
      const at = Number.isSafeInteger(c?.time) && c.time >= 0 ? ` at ${new Date(c.time).toISOString()}` : '';
      throw new CandleValidationError(
        `candle ${i + 1} of ${candles.length} (${source} ${symbol} ${timeframe}${at}): ${why}. Nothing was written.`,
        i,
      );
    }
  }
}
