/**
 * What the risk gate judges (an order intent) and what it judges it against (a context the
 * service gathers just before asking). Money and quantities are exact Decimals; time is UTC ms.
 */
import type { BookTop, MarketInfo } from '../../../shared/domain/market.js';
import type { OrderSide } from '../../../shared/domain/orders.js';
import type { KillSwitchState, OrderSource, ProtectState, RiskWarning, Veto } from '../../../shared/domain/risk.js';
import type { Decimal } from '../money/decimal.js';
import type { AtrSeries } from './atr-spike.js';
import type { LossTrackerState } from './loss-tracker.js';
import type { StrategyRiskParams } from './strategy-params.js';

export type OrderIntent = Readonly<{
  symbol: string;
  side: OrderSide;
  /** Base quantity, above zero. */
  quantity: Decimal;
  /** The limit price of a limit order, else the expected fill price (ask for a buy, bid for a sell). */
  priceEstimate: Decimal;
  /** market (default) or limit: only a limit price is checked against the price step and caps the book walk. */
  orderType?: 'market' | 'limit';
  /**
   * The caller means this order to only reduce a position. The gate decides what is an exit from the
   * position itself (a sell of at most the held quantity of a spot long); a reduce-only order that would
   * not reduce is vetoed.
   */
  reduceOnly?: boolean;
  source: OrderSource;
  /** The strategy's risk parameters, checked against STRATEGY_LIMITS when given. */
  strategyParams?: StrategyRiskParams;
}>;

/** A held position (spot: quantity >= 0), marked at its current price. */
export type RiskPosition = Readonly<{ quantity: Decimal; markPrice: Decimal }>;

/** An open order: its remaining quantity at its limit price (or the current price for a market order). */
export type RiskOpenOrder = Readonly<{ symbol: string; side: OrderSide; remaining: Decimal; price: Decimal }>;

export type RiskContext = Readonly<{
  /** UTC ms of the decision (from the injected Clock). */
  now: number;
  /** Account equity in the quote currency: quote balance + positions at mark. */
  equity: Decimal;
  /** Positions by symbol (missing = flat). */
  positions: Readonly<Record<string, RiskPosition>>;
  /** Every working order of the account (all symbols). Their count is checked against maxOpenOrders; open buys count as exposure. */
  openOrders: readonly RiskOpenOrder[];
  /** When orders were placed (UTC ms); only the last 60 s matter (see pruneOrderTimes). */
  recentOrderTimes: readonly number[];
  /** The exchange's market for the intent's symbol (steps, minimum amount and cost); null: not known. */
  market: MarketInfo | null;
  /** The order book for the intent's symbol; null (e.g. a backtest on candles): spread and slippage are not checked. */
  book: BookTop | null;
  /** The symbol's ATR series; null: the ATR spike breaker is not checked. */
  atr: AtrSeries | null;
  killSwitch: KillSwitchState;
  protect: ProtectState;
  /** Start-of-day equity and the equity peak; null: the loss limits are not checked. */
  lossTracker: LossTrackerState | null;
}>;

export type RiskDecision =
  | Readonly<{
      approved: true;
      /** True when the order only reduces a position (allowed under the kill switch and exposure caps). */
      exit: boolean;
      /** Route to the simulator instead of the exchange (settings.dryRun). */
      dryRun: boolean;
      warnings: readonly RiskWarning[];
    }>
  | Readonly<{ approved: false; veto: Veto }>;
