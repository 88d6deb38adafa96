/**
 * What the gauntlet needs from a kind of strategy (signal-stages.ts, grid-stages.ts): backtests of
 * windows of the candle history and the parameter variants. run.ts runs the same stages over either.
 */
import type { BacktestSettings } from '../../../shared/domain/strategy.js';
import type { BacktestResult, OrderGate } from '../backtest/types.js';
import type { OhlcvColumns } from '../strategy/columns.js';
import type { Change } from './variants.js';

export type StageVariant = { parameter: string; change: Change; run(): BacktestResult };

export type StageRunner = {
  /** The 30-day backtest: candles [h0, h1), in the headline accounting. */
  headline(): BacktestResult;
  /** A backtest of candles [a, b) in the other runs' accounting (settings: the gauntlet's by default). */
  window(a: number, b: number, settings?: BacktestSettings): BacktestResult;
  /** The valid +-20 % parameter variants, each backtested over [h0, h1) when run. */
  variants(): StageVariant[];
};

/** The history and the 30-day window [h0, h1) every stage runner works on. */
export type StageContext = {
  candles: OhlcvColumns;
  h0: number;
  h1: number;
  symbol: string;
  settings: BacktestSettings;
  gate?: OrderGate;
  headlineAccounting: 'exact' | 'float';
  accounting: 'exact' | 'float';
};
