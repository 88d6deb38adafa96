import type { Timeframe } from '../../../shared/domain/market.js';
import type { BacktestSettings, QualityGrade } from '../../../shared/domain/strategy.js';

/**
 * What the strategy wants to do at the close of a candle, before the order exists: the risk gate
 * approves or vetoes it (with its rule). Entries carry the stop-loss and take-profit they are
 * bracketed with; those protective exits (and END) were approved with the entry and are not asked
 * again. Backtest, paper and live build the same intent from the same facts.
 */
export type OrderIntent = {
  kind: 'entry' | 'exit';
  side: 'buy' | 'sell';
  symbol: string;
  /** The decision: the close of candle `index`, UTC ms. The order fills at the next open. */
  time: number;
  index: number;
  /** The close at the decision. */
  price: number;
  /** Entry: the planned notional / price; exit: the quantity held. */
  quantity: number;
  /** quantity * price, in the quote currency. */
  notional: number;
  /** Equity at the decision (cash plus the position marked at the close). */
  equity: number;
  /** The fraction of equity the entry uses (0 for an exit). */
  fraction: number;
  /** The base quantity held before this order (0 for an entry: one position, no pyramiding). */
  heldQuantity: number;
  /** The strategy and its risk parameters (checked by the gate against STRATEGY_LIMITS; one left
   * out is not checked: a grid has no take profit, and its per-level size is not a position size). */
  strategyName: string;
  stopLossPercent?: number | undefined;
  takeProfitPercent?: number | undefined;
  positionSizePercent?: number | undefined;
  /** SIGNAL: a signal strategy's entry or exit; GRID: a grid level's buy (electron/engine/grid). */
  reason: 'SIGNAL' | 'GRID';
};

export type GateDecision = { approved: true } | { approved: false; rule: string; detail: string };

/** The risk gate hook: called for every entry and signal-exit intent. Default: approve all. */
export type OrderGate = (intent: OrderIntent) => GateDecision;

export const APPROVED: GateDecision = Object.freeze({ approved: true });
export const approveAll: OrderGate = () => APPROVED;

/** GRID: a grid level's buy sold one spacing above it (electron/engine/grid). */
export type ExitReason = 'SIGNAL' | 'STOP' | 'TARGET' | 'TRAIL' | 'END' | 'GRID';

export type BacktestTrade = {
  /** Candle indexes of the entry fill and the exit fill. */
  entryIndex: number;
  exitIndex: number;
  /** UTC ms: fills at an open carry that candle's open time; a stop, target or trail filled inside a
   * candle carries the open time of that candle; END carries the close time of the last candle. */
  entryTime: number;
  exitTime: number;
  /** Fill prices, slippage included. */
  entryPrice: number;
  exitPrice: number;
  quantity: number;
  entryFee: number;
  exitFee: number;
  /** Exit proceeds - exit fee - (entry notional + entry fee). */
  pnl: number;
  /** pnl / (entry notional + entry fee) * 100. */
  pnlPercent: number;
  reason: ExitReason;
  /** Candles the position was open during (the exit candle counts unless the exit filled at its open). */
  candlesHeld: number;
  /** Exact decimal text of pnl and fees (exact accounting), else null. */
  pnlExact: string | null;
  feesExact: string | null;
};

export type BacktestVeto = {
  time: number;
  index: number;
  kind: 'entry' | 'exit';
  side: 'buy' | 'sell';
  /** The gate's rule (e.g. MAX_POSITION) or SIZING_KELLY when the sizing allowed nothing. */
  rule: string;
  detail: string;
};

export type BacktestMetrics = {
  initialCapital: number;
  finalEquity: number;
  netProfit: number;
  netProfitPercent: number;
  /** Compound annual growth over the tested span (365-day years), %. */
  cagrPercent: number;
  /** Last close / first open - 1, %: holding the asset over the whole span, no fees. */
  buyAndHoldPercent: number;
  trades: number;
  /** % of trades with pnl > 0 after fees. */
  winRatePercent: number;
  /** Gross profit / gross loss; null when there is no losing trade (and at least one winner); 0 without trades. */
  profitFactor: number | null;
  /** Mean pnl per trade. */
  expectancy: number;
  averageWin: number;
  /** Mean pnl of the trades that are not winners (<= 0). */
  averageLoss: number;
  bestTrade: number | null;
  worstTrade: number | null;
  /** Largest peak-to-trough fall of the equity marked at each close (the start capital is the first peak), %. */
  maxDrawdownPercent: number;
  /** From that drawdown's peak to its recovery (or to the last close, if not recovered). */
  maxDrawdownDurationMs: number;
  maxDrawdownDurationCandles: number;
  maxDrawdownRecovered: boolean;
  /** Mean / standard deviation of per-candle equity returns, annualised for 24/7 markets, risk-free 0. */
  sharpe: number;
  /** Mean / downside deviation of per-candle returns, annualised; null when no return is negative. */
  sortino: number | null;
  /** % of candles with a position open during them. */
  exposurePercent: number;
  feesPaid: number;
  averageCandlesInTrade: number;
};

export type BacktestGrade = { grade: QualityGrade; reasons: string[] };

export type BacktestResult = {
  strategyName: string;
  symbol: string;
  timeframe: Timeframe;
  settings: BacktestSettings;
  accounting: 'exact' | 'float';
  candles: number;
  /** The first candle at which every value the strategy reads is known (-1: never). */
  firstReady: number;
  /** Open time of the first candle and close time of the last, UTC ms. */
  start: number;
  end: number;
  trades: BacktestTrade[];
  vetoes: BacktestVeto[];
  /** Equity marked at every close (after the END exit at the last one). */
  equity: Float64Array;
  metrics: BacktestMetrics;
  grade: BacktestGrade;
  /** Exact decimal text of the totals under exact accounting, else null. */
  exact: { finalEquity: string; netProfit: string; feesPaid: string } | null;
};
