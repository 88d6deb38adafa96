import { z } from 'zod';
import { MarketSymbol, Timeframe, TIMEFRAME_MS } from './market.js';

/**
 * Strategies as JSON: the signal strategy (conditions in the strategy language, see
 * electron/engine/strategy/) and the grid strategy. This file checks shape and ranges only; the
 * engine's checkStrategy() also parses every condition (shared/ imports nothing but zod).
 * Percent fields are percents: stopLossPercent 2 means 2 %.
 */

/**
 * The risk parameter ranges (the predecessor's RiskManager: stop loss 1-10 %, take profit 2-20 %,
 * position size 5-20 %, reward/risk at least 1). One constant so that the schema, the risk gate
 * and the AI strategy generator agree.
 */
export const STRATEGY_LIMITS = {
  stopLossPercent: { min: 1, max: 10 },
  takeProfitPercent: { min: 2, max: 20 },
  positionSizePercent: { min: 5, max: 20 },
  trailingStopPercent: { min: 0.5, max: 10 },
  /** takeProfitPercent / stopLossPercent must be at least this. */
  minRewardRisk: 1,
  /** Per-symbol capital of a grid (the grid bot's default ceiling: 20 %). */
  gridCapitalPerSymbolPercent: { min: 1, max: 20 },
} as const;

/** Backtest quality grades and their thresholds (AutoBacktest of the predecessor). */
export const QUALITY_GRADES = ['FAILED', 'ACCEPTABLE', 'GOOD', 'EXCELLENT'] as const;
export const QualityGrade = z.enum(QUALITY_GRADES);
export type QualityGrade = z.infer<typeof QualityGrade>;
export const GRADE_THRESHOLDS = {
  minTrades: 10,
  acceptable: { winRatePercent: 50, profitFactor: 1.2, maxDrawdownPercent: 20 },
  good: { winRatePercent: 55, profitFactor: 1.5, maxDrawdownPercent: 15 },
  excellent: { winRatePercent: 60, profitFactor: 2, maxDrawdownPercent: 10, sharpe: 1.5 },
} as const;

export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export const RiskLevel = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof RiskLevel>;

export const MARKET_REGIMES = ['TRENDING_BULLISH', 'TRENDING_BEARISH', 'RANGING', 'VOLATILE'] as const;
export const MarketRegime = z.enum(MARKET_REGIMES);
export type MarketRegime = z.infer<typeof MarketRegime>;

const percentIn = (label: string, range: { min: number; max: number }) =>
  z
    .number({ error: `${label} is a number of percent, e.g. ${range.min}` })
    .min(range.min, `${label} is at least ${range.min} %`)
    .max(range.max, `${label} is at most ${range.max} %`);

const unique = <T>(items: readonly T[]) => new Set(items).size === items.length;

const Condition = z
  .string()
  .trim()
  .min(1, 'a condition cannot be empty: write e.g. "RSI < 30"')
  .max(500, 'a condition is at most 500 characters: split it into several conditions');

/**
 * How big an entry is (the notional is always capped at positionSizePercent of equity):
 * - fixed: positionSizePercent of equity.
 * - volatility: equity * riskPercent / (atrMultiple * ATR(atrPeriod) as % of the close): a move of
 *   atrMultiple ATRs against the position costs riskPercent of equity.
 * - kelly: fraction * (W - (1 - W) / R) of equity, from the last lookbackTrades closed trades
 *   (W: win rate, R: average win / average loss); fixed until minTrades have closed; no entry while
 *   the Kelly fraction is not above zero.
 */
export const Sizing = z.discriminatedUnion('method', [
  z.object({ method: z.literal('fixed') }).strict(),
  z
    .object({
      method: z.literal('volatility'),
      riskPercent: z.number().min(0.1, 'risk per trade is at least 0.1 %').max(5, 'risk per trade is at most 5 %'),
      atrPeriod: z.number().int().min(2).max(200).default(14),
      atrMultiple: z.number().min(0.5).max(10).default(2),
    })
    .strict(),
  z
    .object({
      method: z.literal('kelly'),
      fraction: z.number().min(0.05, 'use at least 5 % of Kelly').max(1, 'more than full Kelly is not allowed'),
      lookbackTrades: z.number().int().min(10).max(1000).default(50),
      minTrades: z.number().int().min(5).max(1000).default(20),
    })
    .strict(),
]);
export type Sizing = z.infer<typeof Sizing>;

const Base = {
  name: z.string().trim().min(1, 'give the strategy a name').max(80, 'a name is at most 80 characters'),
  description: z.string().max(2000, 'a description is at most 2000 characters').default(''),
  symbols: z
    .array(MarketSymbol)
    .min(1, 'name at least one symbol, e.g. ["BTC/USD"]')
    .max(20, 'at most 20 symbols')
    .refine(unique, 'a symbol is listed twice'),
  timeframe: Timeframe,
  riskLevel: RiskLevel,
};

const SignalStrategyObject = z
  .object({
    kind: z.literal('signal').optional(),
    ...Base,
    /** Higher timeframes that conditions may read with `@`, e.g. "RSI@4h > 50". */
    confirmTimeframes: z.array(Timeframe).max(4).refine(unique, 'a confirm timeframe is listed twice').optional(),
    /** All must hold for an entry. */
    entryConditions: z.array(Condition).min(1, 'give at least one entry condition').max(20),
    /** Any one exits (besides the stop loss, take profit and trailing stop). */
    exitConditions: z.array(Condition).max(20).default([]),
    stopLossPercent: percentIn('the stop loss', STRATEGY_LIMITS.stopLossPercent),
    takeProfitPercent: percentIn('the take profit', STRATEGY_LIMITS.takeProfitPercent),
    trailingStopPercent: percentIn('the trailing stop', STRATEGY_LIMITS.trailingStopPercent).optional(),
    positionSizePercent: percentIn('the position size', STRATEGY_LIMITS.positionSizePercent),
    sizing: Sizing.optional(),
    /** Entries only while the market regime is one of these. */
    regimeFilter: z.array(MarketRegime).min(1).refine(unique, 'a regime is listed twice').optional(),
  })
  .strict();

export const Strategy = SignalStrategyObject.superRefine((s, ctx) => {
  const rr = s.takeProfitPercent / s.stopLossPercent;
  if (rr < STRATEGY_LIMITS.minRewardRisk) {
    ctx.addIssue({
      code: 'custom',
      path: ['takeProfitPercent'],
      message: `the take profit (${s.takeProfitPercent} %) must be at least ${STRATEGY_LIMITS.minRewardRisk} x the stop loss (${s.stopLossPercent} %): reward/risk is ${rr.toFixed(2)}`,
    });
  }
  for (const [i, tf] of (s.confirmTimeframes ?? []).entries()) {
    const base = TIMEFRAME_MS[s.timeframe];
    if (TIMEFRAME_MS[tf] <= base || TIMEFRAME_MS[tf] % base !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['confirmTimeframes', i],
        message: `a confirm timeframe must be coarser than the strategy's ${s.timeframe} (e.g. 4h for 1h): ${tf} is not`,
      });
    }
  }
});
export type Strategy = z.infer<typeof Strategy>;
export type StrategyInput = z.input<typeof Strategy>;

/**
 * The grid strategy (the predecessor grid bot): buy and sell levels spaced by ATR around the price,
 * an EMA trend filter (no new buy levels while the fast EMA is below the slow one), capital capped
 * per symbol, and a circuit breaker that pauses the grid when the ATR jumps.
 */
export const GridStrategy = z
  .object({
    kind: z.literal('grid'),
    ...Base,
    levelsPerSide: z.number().int().min(1, 'at least 1 level per side').max(25, 'at most 25 levels per side'),
    spacingAtrMultiple: z.number().min(0.1, 'levels are at least 0.1 ATR apart').max(5, 'at most 5 ATR apart'),
    atrPeriod: z.number().int().min(2).max(200).default(14),
    trendFilter: z
      .object({ fastEma: z.number().int().min(2).max(200), slowEma: z.number().int().min(3).max(400) })
      .strict()
      .refine((t) => t.fastEma < t.slowEma, 'the fast EMA must be shorter than the slow EMA')
      .default({ fastEma: 20, slowEma: 50 }),
    capitalPerSymbolPercent: percentIn('the capital per symbol', STRATEGY_LIMITS.gridCapitalPerSymbolPercent),
    /** Pause the grid when ATR rises by more than this percent within one candle. */
    atrSpikePercent: z.number().min(5).max(200).default(30),
    stopLossPercent: percentIn('the stop loss', STRATEGY_LIMITS.stopLossPercent).optional(),
  })
  .strict();
export type GridStrategy = z.infer<typeof GridStrategy>;

export type StrategyDefinition = Strategy | GridStrategy;

/** Picks the schema by `kind` ("grid", else a signal strategy), so errors name the right fields. */
export function parseStrategyDefinition(input: unknown) {
  const isGrid = typeof input === 'object' && input !== null && (input as { kind?: unknown }).kind === 'grid';
  return isGrid ? GridStrategy.safeParse(input) : Strategy.safeParse(input);
}

/** Backtest settings (fractions, not percents: 0.001 = 0.1 %). */
export const BacktestSettings = z
  .object({
    initialCapital: z.number().positive('the starting capital must be above zero').max(1e12).default(10_000),
    feeRate: z
      .number()
      .min(0, 'the fee rate cannot be negative')
      .max(0.05, 'the fee rate is at most 0.05')
      .default(0.001),
    slippage: z.number().min(0, 'slippage cannot be negative').max(0.05, 'slippage is at most 0.05').default(0.0005),
  })
  .strict();
export type BacktestSettings = z.infer<typeof BacktestSettings>;

export type StrategyTemplate = { id: string; title: string; strategy: StrategyDefinition };

const signal = (s: StrategyInput): Strategy => Strategy.parse(s);

/** Built-in templates; each passes the schema and the engine's condition check (tested). */
export const STRATEGY_TEMPLATES: readonly StrategyTemplate[] = [
  {
    id: 'rsi-mean-reversion',
    title: 'RSI mean reversion',
    strategy: signal({
      name: 'RSI mean reversion',
      description: 'Buy oversold dips on rising volume in calm or rising markets; sell when overbought.',
      symbols: ['BTC/USD'],
      timeframe: '1h',
      entryConditions: ['RSI_oversold', 'Volume > average'],
      exitConditions: ['RSI_overbought'],
      stopLossPercent: 3,
      takeProfitPercent: 6,
      positionSizePercent: 10,
      regimeFilter: ['RANGING', 'TRENDING_BULLISH'],
      riskLevel: 'MEDIUM',
    }),
  },
  {
    id: 'sma-trend-following',
    title: 'SMA trend following',
    strategy: signal({
      name: 'SMA trend following',
      description: 'Enter when SMA(20) crosses above SMA(50) above the 200-candle average; trail the stop.',
      symbols: ['BTC/USD'],
      timeframe: '1h',
      entryConditions: ['SMA(20) crosses above SMA(50)', 'Price > SMA_200'],
      exitConditions: ['SMA(20) crosses below SMA(50)'],
      stopLossPercent: 4,
      takeProfitPercent: 12,
      trailingStopPercent: 3,
      positionSizePercent: 10,
      riskLevel: 'LOW',
    }),
  },
  {
    id: 'macd-momentum',
    title: 'MACD momentum',
    strategy: signal({
      name: 'MACD momentum',
      description: 'MACD crosses its signal line with positive momentum, confirmed by RSI on 4h.',
      symbols: ['ETH/USD'],
      timeframe: '1h',
      confirmTimeframes: ['4h'],
      entryConditions: ['MACD_crossover', 'Momentum > 0%', 'RSI@4h > 50'],
      exitConditions: ['MACD crosses below MACD_signal', 'RSI > 75'],
      stopLossPercent: 3,
      takeProfitPercent: 6,
      positionSizePercent: 10,
      sizing: { method: 'volatility', riskPercent: 1, atrPeriod: 14, atrMultiple: 2 },
      riskLevel: 'MEDIUM',
    }),
  },
  {
    id: 'bollinger-breakout',
    title: 'Bollinger breakout',
    strategy: signal({
      name: 'Bollinger breakout',
      description: 'Close above the upper band on high volume; out when the close falls back to the middle band.',
      symbols: ['BTC/USD'],
      timeframe: '15m',
      entryConditions: ['Price > Bollinger_upper', 'Volume_high'],
      exitConditions: ['Price < Bollinger_middle'],
      stopLossPercent: 2,
      takeProfitPercent: 5,
      trailingStopPercent: 1.5,
      positionSizePercent: 5,
      regimeFilter: ['TRENDING_BULLISH', 'VOLATILE'],
      riskLevel: 'HIGH',
    }),
  },
  {
    id: 'atr-grid',
    title: 'ATR grid with EMA trend filter',
    strategy: GridStrategy.parse({
      kind: 'grid',
      name: 'ATR grid',
      description:
        'Five buy levels 1.5 ATR(1h) apart (far wider than a round trip costs); no new buys while EMA20 < EMA50; 20 % of capital.',
      symbols: ['BTC/USD'],
      timeframe: '1h',
      levelsPerSide: 5,
      spacingAtrMultiple: 1.5,
      capitalPerSymbolPercent: 20,
      riskLevel: 'MEDIUM',
    }),
  },
];
