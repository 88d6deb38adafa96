/**
 * The risk gate's place in the order path: every order, from the user, a strategy or a triggered
 * stop, is shown to it after validation and before anything is journaled. The risk issue injects
 * its gate; until then every order is approved. A veto is audited (risk.veto) and the caller gets
 * an error naming the rule.
 */
import type { OrderSide, OrderType, TimeInForce } from '../../../../shared/domain/orders.js';
import type { TradingMode } from '../../../../shared/domain/settings.js';
import type { Decimal } from '../../../engine/money/decimal.js';
import type { RiskPosition } from '../../../engine/risk/types.js';

/**
 * A strategy run's or an arena advisor's own account (the paper arena): the risk rules that read
 * the equity and the positions are applied to it as well as to the whole account.
 */
export type SubAccountLimits = Readonly<{
  /** Whose account, as the veto names it ("Breakout's own account"). */
  name: string;
  equity: Decimal;
  positions: Record<string, RiskPosition>;
}>;

/** What is about to be ordered, fully resolved (quantity in base units, prices exact). */
export type RiskIntent = Readonly<{
  /** user: the Orders tab or the CLI; strategy: a running strategy; advisor: the AI advisor; trigger: a stop that fired. */
  origin: 'user' | 'strategy' | 'advisor' | 'trigger';
  mode: TradingMode;
  venue: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: Decimal;
  /** The limit price, or null. */
  price: Decimal | null;
  stopPrice: Decimal | null;
  /** The price the order is expected to trade at (limit, stop, or the book's best price). */
  referencePrice: Decimal;
  /** quantity x referencePrice, in the quote currency. */
  notional: Decimal;
  timeInForce: TimeInForce;
  /** The stop/target order that placed this one, if any. */
  parentClientOrderId: string | null;
  /** The sub-account the order is for, if it has one: checked too. */
  subAccount?: SubAccountLimits;
}>;

export type RiskDecision = { approved: true } | { approved: false; rule: string; detail: string };

export type RiskGate = (intent: RiskIntent) => RiskDecision | Promise<RiskDecision>;

/** The gate until the risk controls exist: approves everything. */
export const approveEverything: RiskGate = () => ({ approved: true });
