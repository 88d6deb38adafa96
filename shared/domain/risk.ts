import { z } from 'zod';
import { MarketSymbol } from './market.js';
import { DecimalString, PositiveDecimalString } from './orders.js';

/**
 * Risk controls as data that crosses the contract: the settings of the one risk gate every order
 * passes (manual, strategy, AI; backtest, paper, live), its veto records, the kill switch and
 * protect mode. The checks themselves live in electron/engine/risk/.
 *
 * Percent fields are percents (20 means 20 %). Every limit is the largest allowed value: a value
 * AT the limit passes, a value beyond it vetoes. The strategy parameter ranges (stop loss 1-10 %,
 * take profit 2-20 %, position size 5-20 %, reward/risk >= 1) are STRATEGY_LIMITS in
 * shared/domain/strategy.ts; they are not repeated here.
 */

type Range = { min: number; max: number; default: number; unit: string; label: string; int?: true };

/** Every numeric limit: its default and its valid range (the UI reads these for its inputs). */
export const RISK_LIMITS = {
  capitalPerSymbolPercent: { min: 1, max: 100, default: 20, unit: '% of equity', label: 'capital per symbol' },
  totalExposurePercent: { min: 1, max: 100, default: 80, unit: '% of equity', label: 'total exposure' },
  maxSpreadPercent: { min: 0.01, max: 10, default: 0.5, unit: '%', label: 'the bid-ask spread cap' },
  maxSlippagePercent: { min: 0.01, max: 10, default: 0.5, unit: '%', label: 'the slippage cap' },
  atrSpikePercent: { min: 5, max: 200, default: 30, unit: '% above the ATR average', label: 'the ATR spike threshold' },
  atrLookback: { min: 2, max: 500, default: 20, unit: 'candles', label: 'the ATR lookback', int: true },
  atrCoolingMinutes: { min: 1, max: 1440, default: 30, unit: 'minutes', label: 'the ATR cooling period', int: true },
  dailyLossPercent: {
    min: 0.1,
    max: 50,
    default: 5,
    unit: '% of start-of-day equity',
    label: 'the daily loss limit',
  },
  maxDrawdownPercent: { min: 1, max: 90, default: 15, unit: '% below the equity peak', label: 'the maximum drawdown' },
  maxOpenOrders: { min: 1, max: 500, default: 20, unit: 'orders', label: 'the maximum of open orders', int: true },
  maxOrdersPerMinute: {
    min: 1,
    max: 600,
    default: 10,
    unit: 'orders a minute',
    label: 'the maximum of orders per minute',
    int: true,
  },
} as const satisfies Record<string, Range>;

/** "capital per symbol is 1 to 100 % of equity": the one message for a missing, low or high value. */
export function rangeMessage(range: Range): string {
  return `${range.label} is ${range.min} to ${range.max} ${range.unit}`;
}

function bounded(range: Range) {
  const message = rangeMessage(range);
  const base = z.number({ error: message }).min(range.min, message).max(range.max, message);
  return (range.int ? base.int(`${message} (a whole number)`) : base).default(range.default);
}

const enabled = z.boolean().default(true);

/** Optional size bounds of one symbol: base quantity and/or quote notional. */
export const OrderSizeLimit = z
  .object({
    minQuantity: PositiveDecimalString.optional(),
    maxQuantity: PositiveDecimalString.optional(),
    minNotional: PositiveDecimalString.optional(),
    maxNotional: PositiveDecimalString.optional(),
  })
  .strict()
  .superRefine((l, ctx) => {
    const check = (min: string | undefined, max: string | undefined, what: string, path: string) => {
      if (min !== undefined && max !== undefined && Number(min) > Number(max)) {
        ctx.addIssue({
          code: 'custom',
          path: [path],
          message: `the minimum ${what} (${min}) is above the maximum (${max})`,
        });
      }
    };
    check(l.minQuantity, l.maxQuantity, 'quantity', 'maxQuantity');
    check(l.minNotional, l.maxNotional, 'notional', 'maxNotional');
  });
export type OrderSizeLimit = z.infer<typeof OrderSizeLimit>;

export const KILL_SWITCH_MODES = ['FREEZE', 'FLATTEN'] as const;
export const KillSwitchMode = z.enum(KILL_SWITCH_MODES);
export type KillSwitchMode = z.infer<typeof KillSwitchMode>;

export const RiskSettings = z
  .object({
    capitalPerSymbol: z
      .object({ enabled, percent: bounded(RISK_LIMITS.capitalPerSymbolPercent) })
      .strict()
      .prefault({}),
    totalExposure: z
      .object({ enabled, percent: bounded(RISK_LIMITS.totalExposurePercent) })
      .strict()
      .prefault({}),
    /** Per-symbol minimum and maximum order size (entries only; the exchange's own limits always apply). */
    orderSize: z
      .object({ enabled, perSymbol: z.record(MarketSymbol, OrderSizeLimit).default({}) })
      .strict()
      .prefault({}),
    spread: z
      .object({ enabled, maxPercent: bounded(RISK_LIMITS.maxSpreadPercent) })
      .strict()
      .prefault({}),
    /** Estimated by walking the order book for the order's size, against the best price. */
    slippage: z
      .object({ enabled, maxPercent: bounded(RISK_LIMITS.maxSlippagePercent) })
      .strict()
      .prefault({}),
    /** New entries on a symbol pause for coolingMinutes when ATR > (1 + thresholdPercent/100) x its lookback mean. */
    atrSpike: z
      .object({
        enabled,
        thresholdPercent: bounded(RISK_LIMITS.atrSpikePercent),
        lookback: bounded(RISK_LIMITS.atrLookback),
        coolingMinutes: bounded(RISK_LIMITS.atrCoolingMinutes),
      })
      .strict()
      .prefault({}),
    /** Loss since the start of the UTC day; beyond it the kill switch engages. */
    dailyLoss: z
      .object({ enabled, percent: bounded(RISK_LIMITS.dailyLossPercent) })
      .strict()
      .prefault({}),
    /** Fall from the highest equity seen (not from the start); beyond it the kill switch engages. */
    maxDrawdown: z
      .object({ enabled, percent: bounded(RISK_LIMITS.maxDrawdownPercent) })
      .strict()
      .prefault({}),
    /** The kill switch mode a breached daily loss limit or drawdown engages. */
    lossLimitMode: KillSwitchMode.default('FREEZE'),
    maxOpenOrders: z
      .object({ enabled, count: bounded(RISK_LIMITS.maxOpenOrders) })
      .strict()
      .prefault({}),
    /** The runaway-strategy guard: orders placed in the last 60 seconds. */
    maxOrdersPerMinute: z
      .object({ enabled, count: bounded(RISK_LIMITS.maxOrdersPerMinute) })
      .strict()
      .prefault({}),
    protect: z
      .object({
        freezeOnSuspend: z.boolean().default(true),
        freezeOnLock: z.boolean().default(true),
        freezeOnNetworkLoss: z.boolean().default(true),
        /** Also engage the kill switch (FREEZE) when protect mode freezes entries; it then stays until re-armed. */
        engageKillSwitchOnProtect: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    /** Everything runs, nothing reaches a live exchange (orders fill on the simulator instead). */
    dryRun: z.boolean().default(false),
    /**
     * LIVE only, the trader's choice between the two exchange-side protections, which exclude each
     * other on Kraken (its CancelAllOrdersAfter cancels resting stop orders too):
     * - 'dead_man': the dead man's switch is armed; if the app stops answering for 60 s the exchange
     *   cancels every open order, native stops included; stops are held by the engine;
     * - 'native_stops': stop-loss and take-profit are placed on the exchange as native orders and
     *   hold while the app is closed, asleep or crashed; the dead man's switch is off.
     */
    liveProtection: z.enum(['dead_man', 'native_stops']).default('dead_man'),
    /** Entry prices the trader gave for holdings bought outside the app (symbol -> price in its quote). */
    holdingEntries: z.record(MarketSymbol, PositiveDecimalString).default({}),
  })
  .strict();
export type RiskSettings = z.infer<typeof RiskSettings>;
export type RiskSettingsInput = z.input<typeof RiskSettings>;

export const DEFAULT_RISK_SETTINGS: RiskSettings = RiskSettings.parse({});

/** Every rule the gate (and the strategy parameter check) can veto or warn with. */
export const RISK_RULES = [
  'KILL_SWITCH',
  'PROTECT_MODE',
  'DAILY_LOSS',
  'MAX_DRAWDOWN',
  'INVALID_ORDER',
  'REDUCE_ONLY',
  'EXCEEDS_POSITION',
  'STOP_LOSS_RANGE',
  'TAKE_PROFIT_RANGE',
  'POSITION_SIZE_RANGE',
  'REWARD_RISK',
  'EXCHANGE_PRECISION',
  'EXCHANGE_MIN_AMOUNT',
  'EXCHANGE_MIN_COST',
  'ORDER_SIZE_MIN',
  'ORDER_SIZE_MAX',
  'MAX_OPEN_ORDERS',
  'ORDERS_PER_MINUTE',
  'ATR_SPIKE',
  'SPREAD',
  'SLIPPAGE',
  'CAPITAL_PER_SYMBOL',
  'TOTAL_EXPOSURE',
  'DATA_MISSING',
] as const;
export const RiskRule = z.enum(RISK_RULES);
export type RiskRule = z.infer<typeof RiskRule>;

/** Each rule as a trader reads it (messages and tables name rules by these, never by their code). */
export const RISK_RULE_NAMES: Record<RiskRule, string> = {
  KILL_SWITCH: 'Kill switch',
  PROTECT_MODE: 'Protect mode',
  DAILY_LOSS: 'Daily loss limit',
  MAX_DRAWDOWN: 'Maximum drawdown',
  INVALID_ORDER: 'Invalid order',
  REDUCE_ONLY: 'Reduce only',
  EXCEEDS_POSITION: 'Exceeds the position',
  STOP_LOSS_RANGE: 'Stop loss range',
  TAKE_PROFIT_RANGE: 'Take profit range',
  POSITION_SIZE_RANGE: 'Position size range',
  REWARD_RISK: 'Reward to risk',
  EXCHANGE_PRECISION: 'Exchange precision',
  EXCHANGE_MIN_AMOUNT: 'Exchange minimum amount',
  EXCHANGE_MIN_COST: 'Exchange minimum cost',
  ORDER_SIZE_MIN: 'Minimum order size',
  ORDER_SIZE_MAX: 'Maximum order size',
  MAX_OPEN_ORDERS: 'Maximum open orders',
  ORDERS_PER_MINUTE: 'Orders per minute',
  ATR_SPIKE: 'Volatility (ATR) spike',
  SPREAD: 'Bid-ask spread',
  SLIPPAGE: 'Slippage',
  CAPITAL_PER_SYMBOL: 'Capital per symbol',
  TOTAL_EXPOSURE: 'Total exposure',
  DATA_MISSING: 'Missing market data',
};

/** A rule that failed: `message` is for a human and states the numbers; `details` holds them as text. */
export const RiskViolation = z.object({
  rule: RiskRule,
  message: z.string(),
  details: z.record(z.string(), z.string()),
});
export type RiskViolation = z.infer<typeof RiskViolation>;

/** A recorded veto (goes to the audit trail as risk.veto). `at` is UTC ms. */
export const Veto = RiskViolation.extend({ at: z.number().int().nonnegative() });
export type Veto = z.infer<typeof Veto>;

/** Something the trader should know about an approved order (e.g. a wide spread on an exit). */
export const RiskWarning = RiskViolation;
export type RiskWarning = RiskViolation;

export const ORDER_SOURCES = ['manual', 'strategy', 'ai'] as const;
export const OrderSource = z.enum(ORDER_SOURCES);
export type OrderSource = z.infer<typeof OrderSource>;

/** Who engaged the kill switch. Only the user re-arms it. */
export const KILL_SWITCH_CAUSES = ['user', 'daily_loss', 'drawdown', 'protect', 'system'] as const;
export const KillSwitchCause = z.enum(KILL_SWITCH_CAUSES);
export type KillSwitchCause = z.infer<typeof KillSwitchCause>;

export const KillSwitchHistoryEntry = z.object({
  event: z.enum(['engaged', 'escalated', 'rearmed']),
  mode: KillSwitchMode.nullable(),
  reason: z.string(),
  by: KillSwitchCause,
  at: z.number().int().nonnegative(),
});
export type KillSwitchHistoryEntry = z.infer<typeof KillSwitchHistoryEntry>;

/** Persisted: after a crash or restart the switch is still engaged until the user re-arms it. */
export const KillSwitchState = z.object({
  engaged: z.boolean(),
  mode: KillSwitchMode.nullable(),
  reason: z.string().nullable(),
  engagedAt: z.number().int().nonnegative().nullable(),
  by: KillSwitchCause.nullable(),
  /** The latest engagements and re-arms, oldest first (the audit trail keeps them all). */
  history: z.array(KillSwitchHistoryEntry),
});
export type KillSwitchState = z.infer<typeof KillSwitchState>;

/** The text a re-arm request must carry, typed by the user. */
export const KILL_SWITCH_REARM_CONFIRMATION = 'RE-ARM TRADING';

export const KillSwitchEngageRequest = z
  .object({
    mode: KillSwitchMode,
    reason: z.string().trim().min(1, 'say why the kill switch is engaged').max(500).default('engaged by the user'),
  })
  .strict();
export type KillSwitchEngageRequest = z.input<typeof KillSwitchEngageRequest>;

export const KillSwitchRearmRequest = z
  .object({
    confirm: z.string().max(100),
    note: z.string().max(500).optional(),
  })
  .strict();
export type KillSwitchRearmRequest = z.infer<typeof KillSwitchRearmRequest>;

/** What the machine is doing: suspended, screen locked, network lost (each freezes entries if its setting says so). */
export const ProtectState = z.object({
  suspended: z.boolean(),
  screenLocked: z.boolean(),
  networkLost: z.boolean(),
  changedAt: z.number().int().nonnegative().nullable(),
});
export type ProtectState = z.infer<typeof ProtectState>;

/** The daily loss and drawdown tracker as persisted (the peak must survive a restart). */
export const LossTrackerSnapshot = z.object({
  /** Quote currency of the equity. */
  currency: z.string(),
  /** UTC ms of 00:00 of the tracked day. */
  dayStart: z.number().int().nonnegative(),
  startOfDayEquity: DecimalString,
  peakEquity: DecimalString,
  peakAt: z.number().int().nonnegative(),
  lastEquity: DecimalString,
  lastAt: z.number().int().nonnegative(),
  trackingSince: z.number().int().nonnegative(),
});
export type LossTrackerSnapshot = z.infer<typeof LossTrackerSnapshot>;
