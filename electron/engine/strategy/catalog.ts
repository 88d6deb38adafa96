/**
 * What the strategy language knows: values (indicators and candle fields) with their parameters,
 * units and ranges, and named conditions (RSI_oversold, MACD_crossover, ...). Names match in any
 * case. Values of one unit compare with each other and with plain numbers only.
 */
export type Unit = 'price' | 'volume' | 'oscillator' | 'percent' | 'macd';

export const UNIT_TEXT: Record<Unit, string> = {
  price: 'a price',
  volume: 'a volume',
  oscillator: 'an oscillator from 0 to 100',
  percent: 'a percentage',
  macd: 'a MACD value (a price difference)',
};

export type ParamDef = { name: string; min: number; max: number; integer: boolean; default: number | null };

export const INDICATOR_IDS = [
  'PRICE',
  'OPEN',
  'HIGH',
  'LOW',
  'VOLUME',
  'VOLUME_AVG',
  'SMA',
  'EMA',
  'RSI',
  'ATR',
  'MOMENTUM',
  'MACD',
  'MACD_SIGNAL',
  'MACD_HIST',
  'BB_UPPER',
  'BB_MIDDLE',
  'BB_LOWER',
  'ADX',
  'PLUS_DI',
  'MINUS_DI',
  'HIGH_24H',
  'LOW_24H',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export type IndicatorDef = {
  id: IndicatorId;
  /** Names accepted in conditions; the first is the canonical spelling. */
  names: readonly string[];
  params: readonly ParamDef[];
  unit: Unit;
  /** The values it can take, to refuse comparisons that never hold (RSI > 120). */
  range?: readonly [number, number];
  /** Whether NAME_n (SMA_20) may give the first parameter. */
  suffixParam: boolean;
  doc: string;
};

const period = (def: number | null, min = 2, max = 1000): ParamDef => ({
  name: 'period',
  min,
  max,
  integer: true,
  default: def,
});
const MACD_PARAMS = [
  { ...period(12, 2, 200), name: 'fast' },
  { ...period(26, 3, 400), name: 'slow' },
  { ...period(9, 2, 200), name: 'signal' },
];
const BB_PARAMS = [period(20, 2, 500), { name: 'deviations', min: 0.5, max: 5, integer: false, default: 2 }];

function def(
  id: IndicatorId,
  names: string[],
  unit: Unit,
  doc: string,
  params: ParamDef[] = [],
  extra: Partial<Pick<IndicatorDef, 'range' | 'suffixParam'>> = {},
): IndicatorDef {
  return { id, names, params, unit, doc, suffixParam: params.length > 0, ...extra };
}

export const INDICATORS: readonly IndicatorDef[] = [
  def('PRICE', ['Price', 'Close'], 'price', 'the close of the candle'),
  def('OPEN', ['Open'], 'price', 'the open of the candle'),
  def('HIGH', ['High'], 'price', 'the high of the candle'),
  def('LOW', ['Low'], 'price', 'the low of the candle'),
  def('VOLUME', ['Volume'], 'volume', 'the volume of the candle'),
  def('VOLUME_AVG', ['average', 'Volume_average'], 'volume', 'SMA of the volume (20)', [period(20)]),
  def('SMA', ['SMA'], 'price', 'simple moving average of the close', [period(null)]),
  def('EMA', ['EMA'], 'price', 'exponential moving average of the close, seeded with an SMA', [period(null)]),
  def('RSI', ['RSI'], 'oscillator', "Wilder's RSI (14)", [period(14, 2, 200)], { range: [0, 100] }),
  def('ATR', ['ATR'], 'percent', "Wilder's ATR (14) as a percentage of the close", [period(14, 1, 200)], {
    range: [0, Infinity],
  }),
  def('MOMENTUM', ['Momentum', 'ROC'], 'percent', 'close against the close n candles earlier, in % (10)', [
    period(10, 1),
  ]),
  def('MACD', ['MACD'], 'macd', 'MACD line: EMA(12) - EMA(26)', MACD_PARAMS, { suffixParam: false }),
  def('MACD_SIGNAL', ['MACD_signal'], 'macd', 'EMA(9) of the MACD line', MACD_PARAMS, { suffixParam: false }),
  def('MACD_HIST', ['MACD_histogram', 'MACD_hist'], 'macd', 'MACD line - signal', MACD_PARAMS, { suffixParam: false }),
  def('BB_UPPER', ['Bollinger_upper', 'BB_upper'], 'price', 'SMA(20) + 2 population SD', BB_PARAMS, {
    suffixParam: false,
  }),
  def('BB_MIDDLE', ['Bollinger_middle', 'BB_middle'], 'price', 'SMA(20)', BB_PARAMS, { suffixParam: false }),
  def('BB_LOWER', ['Bollinger_lower', 'BB_lower'], 'price', 'SMA(20) - 2 population SD', BB_PARAMS, {
    suffixParam: false,
  }),
  def('ADX', ['ADX'], 'oscillator', "Wilder's ADX (14)", [period(14, 2, 200)], { range: [0, 100] }),
  def('PLUS_DI', ['Plus_DI', 'DI_plus'], 'oscillator', '+DI (14)', [period(14, 2, 200)], { range: [0, 100] }),
  def('MINUS_DI', ['Minus_DI', 'DI_minus'], 'oscillator', '-DI (14)', [period(14, 2, 200)], { range: [0, 100] }),
  def('HIGH_24H', ['High_24h'], 'price', 'the highest high of the last 24 hours'),
  def('LOW_24H', ['Low_24h'], 'price', 'the lowest low of the last 24 hours'),
];

const BY_NAME = new Map<string, IndicatorDef>();
for (const d of INDICATORS) for (const n of d.names) BY_NAME.set(n.toLowerCase(), d);

export function findIndicator(name: string): IndicatorDef | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export function indicatorDef(id: IndicatorId): IndicatorDef {
  return INDICATORS.find((d) => d.id === id)!;
}

/**
 * Named conditions, written in the language itself (the checker parses these and puts the `@tf`
 * of the name, if any, on every value inside).
 */
export const NAMED_CONDITIONS: Readonly<Record<string, string>> = {
  RSI_oversold: 'RSI(14) < 30',
  RSI_overbought: 'RSI(14) > 70',
  MACD_positive: 'MACD > 0',
  MACD_negative: 'MACD < 0',
  MACD_crossover: 'MACD crosses above MACD_signal',
  MACD_crossunder: 'MACD crosses below MACD_signal',
  Volume_high: 'Volume > 2 * average(20)',
  Price_near_high: 'Price >= 0.99 * High_24h',
  Price_near_low: 'Price <= 1.01 * Low_24h',
};

const NAMED_BY_LOWER = new Map(
  Object.entries(NAMED_CONDITIONS).map(([k, v]) => [k.toLowerCase(), { name: k, text: v }]),
);

export function findNamedCondition(name: string): { name: string; text: string } | undefined {
  return NAMED_BY_LOWER.get(name.toLowerCase());
}

/** Every name a user may write, for suggestions. */
export const KNOWN_NAMES: readonly string[] = [...INDICATORS.flatMap((d) => d.names), ...Object.keys(NAMED_CONDITIONS)];
