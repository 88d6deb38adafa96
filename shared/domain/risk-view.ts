import { z } from 'zod';
import { DecimalString, PositiveDecimalString } from './orders.js';
import {
  KillSwitchMode,
  KillSwitchState,
  ProtectState,
  RISK_LIMITS,
  RiskRule,
  OrderSizeLimit,
  rangeMessage,
} from './risk.js';
import { MarketSymbol } from './market.js';

/**
 * What the risk calls of the contract carry (shared/domain/risk.ts holds the settings and the kill
 * switch): the Risk tab's overview, a settings patch, the veto log, the kill switch requests.
 */

/** The text a FLATTEN request must carry (closing every position at market is not undone). */
export const FLATTEN_CONFIRMATION = 'FLATTEN';

type Range = (typeof RISK_LIMITS)[keyof typeof RISK_LIMITS];

/** A limit without a default: a patch names only what changes. */
function limit(range: Range) {
  const message = rangeMessage(range);
  const base = z.number({ error: message }).min(range.min, message).max(range.max, message);
  return 'int' in range ? base.int(`${message} (a whole number)`) : base;
}

const on = z.boolean({ error: 'enabled is true or false' });
const section = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict().partial();

/** A change to the risk settings: any subset of fields; orderSize.perSymbol, when given, replaces the whole map. */
export const RiskSettingsPatch = z
  .object({
    capitalPerSymbol: section({ enabled: on, percent: limit(RISK_LIMITS.capitalPerSymbolPercent) }),
    totalExposure: section({ enabled: on, percent: limit(RISK_LIMITS.totalExposurePercent) }),
    orderSize: section({ enabled: on, perSymbol: z.record(MarketSymbol, OrderSizeLimit) }),
    spread: section({ enabled: on, maxPercent: limit(RISK_LIMITS.maxSpreadPercent) }),
    slippage: section({ enabled: on, maxPercent: limit(RISK_LIMITS.maxSlippagePercent) }),
    atrSpike: section({
      enabled: on,
      thresholdPercent: limit(RISK_LIMITS.atrSpikePercent),
      lookback: limit(RISK_LIMITS.atrLookback),
      coolingMinutes: limit(RISK_LIMITS.atrCoolingMinutes),
    }),
    dailyLoss: section({ enabled: on, percent: limit(RISK_LIMITS.dailyLossPercent) }),
    maxDrawdown: section({ enabled: on, percent: limit(RISK_LIMITS.maxDrawdownPercent) }),
    lossLimitMode: KillSwitchMode,
    maxOpenOrders: section({ enabled: on, count: limit(RISK_LIMITS.maxOpenOrders) }),
    maxOrdersPerMinute: section({ enabled: on, count: limit(RISK_LIMITS.maxOrdersPerMinute) }),
    protect: section({
      freezeOnSuspend: z.boolean(),
      freezeOnLock: z.boolean(),
      freezeOnNetworkLoss: z.boolean(),
      engageKillSwitchOnProtect: z.boolean(),
    }),
    dryRun: z.boolean(),
    liveProtection: z.enum(['dead_man', 'native_stops']),
    /** Merged into the stored map: each symbol given sets (or changes) its entry price. */
    holdingEntries: z.record(MarketSymbol, PositiveDecimalString),
  })
  .strict()
  .partial();
export type RiskSettingsPatch = z.infer<typeof RiskSettingsPatch>;

/** One veto as the veto log keeps it: the rule, its message with the numbers, the numbers, and the order. */
export const VetoRecord = z.object({
  id: z.number().int().positive(),
  at: z.number().int().nonnegative(),
  rule: RiskRule,
  message: z.string(),
  details: z.record(z.string(), z.string()),
  order: z.object({
    symbol: z.string(),
    side: z.enum(['buy', 'sell']),
    type: z.string(),
    quantity: DecimalString,
    price: DecimalString.nullable(),
    /** user, strategy or trigger (a stop that fired). */
    origin: z.string(),
    venue: z.string(),
  }),
});
export type VetoRecord = z.infer<typeof VetoRecord>;

export const VetoQuery = z
  .object({
    limit: z.number().int().min(1).max(1000).default(100),
    /** Only vetoes with an id below this one (paging back, newest first). */
    beforeId: z.number().int().positive().optional(),
  })
  .strict();
export type VetoQuery = z.input<typeof VetoQuery>;

/** An open order found on the account that the app had not placed or adopted (cancelled by the kill switch). */
export const ForeignOrder = z.object({
  exchangeOrderId: z.string(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  quantity: DecimalString,
  price: DecimalString.nullable(),
  /** The exchange no longer shows it open. */
  gone: z.boolean(),
});
export type ForeignOrder = z.infer<typeof ForeignOrder>;

/**
 * The kill switch's cancels after engage() answered: how many open orders it is ending, how many
 * the exchange has confirmed ended, how many are being retried (a cancel without an answer is
 * looked up by its client order id), and the orders on the account the app did not know.
 */
export const KillSwitchProgress = z.object({
  /** Cancels are still running (false once two passes in a row found nothing open). */
  active: z.boolean(),
  startedAt: z.number().int().nullable(),
  finishedAt: z.number().int().nullable(),
  /** Orders being ended: the app's open orders plus those found on the account. */
  total: z.number().int().nonnegative(),
  /** Ended, as the exchange confirmed (cancelled, filled or expired). */
  done: z.number().int().nonnegative(),
  /** Not confirmed yet after at least one attempt: asked again (cancel, or a lookup by client order id). */
  retrying: z.number().int().nonnegative(),
  /** The exchange's cancel-all: null when the venue has none (or not run yet), else its outcome. */
  accountSweep: z.string().nullable(),
  foreign: z.array(ForeignOrder),
  detail: z.string(),
});
export type KillSwitchProgress = z.infer<typeof KillSwitchProgress>;

export const KillSwitchEngageInput = z
  .object({
    mode: KillSwitchMode,
    /** Required for FLATTEN: exactly FLATTEN_CONFIRMATION. */
    confirm: z.string().max(100).optional(),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict();
export type KillSwitchEngageInput = z.input<typeof KillSwitchEngageInput>;

export const KillSwitchEngageResult = z.object({
  state: KillSwitchState,
  outcome: z.enum(['engaged', 'escalated', 'unchanged']),
  /** Open orders whose cancel was sent in the first pass (the rest is retried until none is left). */
  cancelRequested: z.number().int().nonnegative(),
  /** Positions a FLATTEN is closing with market sells (started; they may still be working). */
  closing: z.array(z.string()),
  /** Where the cancels stand when engage() answered (it answers once they are started, not done). */
  progress: KillSwitchProgress.optional(),
});
export type KillSwitchEngageResult = z.infer<typeof KillSwitchEngageResult>;

/** A bar of the Risk tab: a value against its limit (amounts in the quote currency). */
export const LimitBar = z.object({
  enabled: z.boolean(),
  value: DecimalString,
  /** value as % of its reference (equity, start-of-day equity, peak); null without a reference. */
  percent: z.number().nullable(),
  limitPercent: z.number(),
  limit: DecimalString,
});
export type LimitBar = z.infer<typeof LimitBar>;

export const Breaker = z.object({
  id: z.enum(['ATR_SPIKE', 'ORDERS_PER_MINUTE', 'PROTECT_MODE', 'EXCHANGE_CIRCUIT']),
  symbol: z.string().nullable(),
  tripped: z.boolean(),
  /** When it resets (UTC ms), if it resets by itself. */
  until: z.number().int().nullable(),
  /** Time left when the overview was made (ms). */
  msLeft: z.number().int().nullable(),
  detail: z.string(),
});
export type Breaker = z.infer<typeof Breaker>;

export const DeadManSwitchStatus = z.object({
  state: z.enum(['off', 'armed', 'failing']),
  /** Why it is off, or what it does. */
  detail: z.string(),
  lastArmedAt: z.number().int().nullable(),
  /** When the exchange cancels every open order unless the heartbeat arrives again. */
  expiresAt: z.number().int().nullable(),
});
export type DeadManSwitchStatus = z.infer<typeof DeadManSwitchStatus>;

/** A position as the account holds it (LIVE: the exchange's balance plus the app's fills since it was read). */
export const AccountHolding = z.object({
  symbol: z.string(),
  quantity: DecimalString,
  /** The part the app's own fills built. */
  inApp: DecimalString,
  /** The part bought outside the app (or before it was connected). */
  outsideApp: DecimalString,
  /** Average entry; null while part of the holding came from outside the app and the trader gave no price. */
  entryPrice: DecimalString.nullable(),
  /** exchange: read from the exchange's balances; app: the app's ledger (simulator, paper, or not read yet). */
  source: z.enum(['exchange', 'app']),
  readAt: z.number().int().nullable(),
});
export type AccountHolding = z.infer<typeof AccountHolding>;

/** Where the protective orders (stop loss, take profit, trailing stop) live now. */
export const ProtectionStatus = z.object({
  choice: z.enum(['dead_man', 'native_stops']),
  /** Stops the engine holds and triggers: they protect only while the workstation runs. */
  engineHeld: z.number().int().nonnegative(),
  /** Stops resting on the exchange as native orders: they hold while the app is closed or asleep. */
  native: z.number().int().nonnegative(),
  /** Whether the venue can hold native stops (LIVE on an exchange whose stop orders the app places). */
  nativeAvailable: z.boolean(),
  detail: z.string(),
});
export type ProtectionStatus = z.infer<typeof ProtectionStatus>;

/** The last wake from sleep (or clock jump) and the reconciliation it caused. */
export const WakeState = z.object({
  at: z.number().int(),
  reason: z.string(),
  venue: z.string(),
  /** reconciling: strategy and advisor orders wait; done: they may trade again. */
  phase: z.enum(['reconciling', 'done']),
  finishedAt: z.number().int().nullable(),
  /** What changed while the machine slept (orders, balances). */
  changes: z.array(z.string()),
  error: z.string().nullable(),
});
export type WakeState = z.infer<typeof WakeState>;

export const RiskOverview = z.object({
  at: z.number().int(),
  currency: z.string(),
  /** null when the portfolio is not available (trading not running). */
  equity: DecimalString.nullable(),
  exposure: z.object({
    symbols: z.array(LimitBar.extend({ symbol: z.string() })),
    total: LimitBar,
  }),
  /** P&L since the start of the UTC day (value = start-of-day equity - equity, a loss when positive). */
  dailyLoss: LimitBar.extend({ startOfDayEquity: DecimalString, pnl: DecimalString, breached: z.boolean() }).nullable(),
  drawdown: LimitBar.extend({ peakEquity: DecimalString, peakAt: z.number().int(), breached: z.boolean() }).nullable(),
  breakers: z.array(Breaker),
  killSwitch: KillSwitchState,
  protect: z.object({ state: ProtectState, frozen: z.boolean(), reason: z.string().nullable() }),
  deadManSwitch: DeadManSwitchStatus,
  openOrders: z.number().int(),
  dryRun: z.boolean(),
  /** The last wake from sleep, or null. */
  wake: WakeState.nullable().optional(),
  /** What the account holds (LIVE: from the exchange). */
  holdings: z.array(AccountHolding).optional(),
  protection: ProtectionStatus.optional(),
});
export type RiskOverview = z.infer<typeof RiskOverview>;

/** Something the Risk tab shows changed: refetch. */
export const RiskUpdated = z.object({
  reason: z.enum(['veto', 'settings', 'equity', 'protect', 'dead_man', 'wake']),
  at: z.number().int(),
  /** For 'wake': what changed while the machine slept (shown as a notification). */
  detail: z.string().optional(),
});
export type RiskUpdated = z.infer<typeof RiskUpdated>;
