import { z } from 'zod';
import { MarketSymbol } from './market.js';
import { ClientOrderId, FillView, OrderSide, OrderStatus, OrderView } from './orders.js';

/**
 * Queries and reports of the orders issue that cross the contract (the order and fill views
 * themselves are in orders.ts). Times are UTC milliseconds.
 */
const Time = z.number().int().nonnegative();

/** open: orders that may still work (not FILLED/CANCELLED/REJECTED/EXPIRED); history: every order. */
export const OrderListQuery = z
  .object({
    scope: z.enum(['open', 'history']).default('history'),
    symbol: MarketSymbol.optional(),
    statuses: z.array(OrderStatus).max(9).optional(),
    /** Created at or after / at or before. */
    from: Time.optional(),
    to: Time.optional(),
    /** Which trading venue: 'simulator', 'paper:<exchange>' or an exchange id. Default: the active one. */
    venue: z.string().min(1).max(64).optional(),
    limit: z.number().int().min(1).max(10_000).default(500),
  })
  .strict();
export type OrderListQuery = z.input<typeof OrderListQuery>;

export const FillQuery = z
  .object({
    symbol: MarketSymbol.optional(),
    clientOrderId: ClientOrderId.optional(),
    from: Time.optional(),
    to: Time.optional(),
    venue: z.string().min(1).max(64).optional(),
    limit: z.number().int().min(1).max(10_000).default(500),
  })
  .strict();
export type FillQuery = z.input<typeof FillQuery>;

/** One order with its fills (its timeline is part of the view). */
export const OrderDetail = z.object({ order: OrderView, venue: z.string(), fills: z.array(FillView) });
export type OrderDetail = z.infer<typeof OrderDetail>;

export const CancelAllResult = z.object({
  /** Orders asked to cancel (or withdrawn, or disarmed). */
  cancelled: z.array(OrderView),
  /** Orders that could not be cancelled now, with the reason. */
  failed: z.array(z.object({ clientOrderId: z.string(), message: z.string() })),
});
export type CancelAllResult = z.infer<typeof CancelAllResult>;

/** An order whose outcome is being looked up by client order id (every 30 s, up to 10 attempts). */
export const RecoveryEntry = z.object({
  clientOrderId: z.string(),
  symbol: z.string(),
  side: OrderSide,
  status: OrderStatus,
  submittedAt: Time.nullable(),
  attempts: z.number().int().nonnegative(),
  maxAttempts: z.number().int().positive(),
  lastAttemptAt: Time.nullable(),
  lastError: z.string().nullable(),
  /** Lookups stopped: the order is flagged for the user. */
  gaveUp: z.boolean(),
});
export type RecoveryEntry = z.infer<typeof RecoveryEntry>;

export const ReconciledOrder = z.object({
  clientOrderId: z.string(),
  symbol: z.string(),
  side: OrderSide,
  from: OrderStatus.nullable(),
  to: OrderStatus,
  note: z.string(),
});
export type ReconciledOrder = z.infer<typeof ReconciledOrder>;

export const BalanceDifference = z.object({
  currency: z.string(),
  exchange: z.string(),
  journal: z.string(),
  /** exchange - journal */
  difference: z.string(),
});
export type BalanceDifference = z.infer<typeof BalanceDifference>;

/** What startup reconciliation (journal against exchange) found and did. */
export const ReconciliationReport = z.object({
  venue: z.string(),
  mode: z.enum(['SIMULATOR', 'PAPER', 'LIVE']),
  startedAt: Time,
  finishedAt: Time,
  /** Orders of this venue that were not finished in the journal and were looked up. */
  checked: z.number().int().nonnegative(),
  /** Orders whose status changed from the exchange's answer. */
  resolved: z.array(ReconciledOrder),
  /** Orders that were journaled but never sent: withdrawn. */
  withdrawn: z.array(ReconciledOrder),
  /** Orders whose outcome is still unknown (the lookup failed): in the recovery queue. */
  unresolved: z.array(ReconciledOrder),
  /** Orders the exchange has and the journal had not: adopted and flagged. */
  adopted: z.array(ReconciledOrder),
  /** Fills found on the exchange that the journal was missing, now recorded. */
  fillsRecorded: z.number().int().nonnegative(),
  /** Trades of the account that match no order we know. */
  unmatchedTrades: z.array(
    z.object({ tradeId: z.string(), exchangeOrderId: z.string().nullable(), symbol: z.string() }),
  ),
  balanceDifferences: z.array(BalanceDifference),
  /** Things a human should look at (replay errors, conflicting fills, failed calls). */
  problems: z.array(z.string()),
});
export type ReconciliationReport = z.infer<typeof ReconciliationReport>;

export const OrdersCsv = z.object({ csv: z.string(), rows: z.number().int().nonnegative() });
export type OrdersCsv = z.infer<typeof OrdersCsv>;
