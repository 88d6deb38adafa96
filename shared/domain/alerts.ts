/**
 * Alerts: price and indicator conditions in the strategy language, evaluated at candle close, and
 * engine events (fills, rejections, vetoes, the kill switch, circuit breakers, a run stopped by an
 * error, a run drifting from its backtest, the engine restarted). A fired alert is kept in the app's list (read/unread) and delivered
 * to the channels its rule names: desktop notification, Telegram, Discord, any webhook. An alert
 * never places an order.
 */
import { z } from 'zod';
import { MarketSymbol, Timeframe } from './market.js';

export const ALERT_CHANNELS = ['desktop', 'telegram', 'discord', 'webhook'] as const;
export const AlertChannel = z.enum(ALERT_CHANNELS);
export type AlertChannel = z.infer<typeof AlertChannel>;

/** What each external channel needs, kept in the secret store (never shown back). */
export const ALERT_CHANNEL_SECRETS = {
  telegram: ['alerts.telegram.botToken', 'alerts.telegram.chatId'],
  discord: ['alerts.discord.webhookUrl'],
  webhook: ['alerts.webhook.url'],
} as const;

export const ALERT_EVENT_KINDS = [
  'fill',
  'rejection',
  'veto',
  'killSwitch',
  'circuitBreaker',
  'runError',
  'drift',
  'engineRestarted',
] as const;
export const AlertEventKind = z.enum(ALERT_EVENT_KINDS);
export type AlertEventKind = z.infer<typeof AlertEventKind>;

export const ALERT_EVENT_LABELS: Record<AlertEventKind, string> = {
  fill: 'Order filled',
  rejection: 'Order rejected',
  veto: 'Risk veto',
  killSwitch: 'Kill switch engaged or re-armed',
  circuitBreaker: 'Circuit breaker or protect mode',
  runError: 'Strategy run stopped by an error',
  drift: 'Run drifts from its backtest',
  engineRestarted: 'Engine started',
};

export const AlertId = z.string().min(1).max(64);

const Name = z
  .string()
  .trim()
  .min(1, 'give the alert a name, e.g. "BTC oversold"')
  .max(80, 'an alert name is at most 80 characters');

const Channels = z
  .array(AlertChannel)
  .min(1, 'choose at least one channel (the in-app list always keeps the alert)')
  .max(ALERT_CHANNELS.length)
  .refine((c) => new Set(c).size === c.length, 'a channel is listed twice');

/** Minutes between two firings of a repeating alert (0: at most once per candle). */
export const COOLDOWN_MINUTES = { min: 0, max: 10_080, default: 60 } as const;

export const ConditionAlertInput = z
  .object({
    kind: z.literal('condition'),
    name: Name,
    symbol: MarketSymbol,
    /** The candles the condition is evaluated on, at each close; `@1h` terms read coarser ones. */
    timeframe: Timeframe,
    condition: z
      .string()
      .trim()
      .min(1, 'write a condition, e.g. "RSI(14) < 25" or "Price crosses above 70000"')
      .max(500, 'a condition is at most 500 characters'),
    repeat: z.enum(['once', 'repeat']),
    cooldownMinutes: z
      .number()
      .int('the cool-down is a whole number of minutes')
      .min(COOLDOWN_MINUTES.min, 'the cool-down is at least 0 minutes')
      .max(COOLDOWN_MINUTES.max, 'the cool-down is at most 10,080 minutes (a week)')
      .default(COOLDOWN_MINUTES.default),
    channels: Channels,
  })
  .strict();

export const EventAlertInput = z
  .object({
    kind: z.literal('event'),
    name: Name,
    events: z
      .array(AlertEventKind)
      .min(1, 'choose at least one event')
      .max(ALERT_EVENT_KINDS.length)
      .refine((e) => new Set(e).size === e.length, 'an event is listed twice'),
    channels: Channels,
  })
  .strict();

export const AlertRuleInput = z.discriminatedUnion('kind', [ConditionAlertInput, EventAlertInput]);
export type AlertRuleInput = z.input<typeof AlertRuleInput>;
export type AlertRuleSpec = z.output<typeof AlertRuleInput>;

export const AlertRuleView = z.object({
  id: AlertId,
  spec: z.discriminatedUnion('kind', [ConditionAlertInput, EventAlertInput]),
  /** A once-alert that fired is disabled; the trader can enable it again. */
  enabled: z.boolean(),
  createdAt: z.number().int(),
  lastFiredAt: z.number().int().nullable(),
  firedCount: z.number().int(),
  /** Why the rule cannot be evaluated now (its condition no longer checks, no candles), else null. */
  problem: z.string().nullable(),
});
export type AlertRuleView = z.infer<typeof AlertRuleView>;

export const DELIVERY_STATES = ['pending', 'sent', 'failed'] as const;
export const AlertDelivery = z.object({
  channel: AlertChannel,
  state: z.enum(DELIVERY_STATES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  /** When the next attempt is due (pending), else null. */
  nextAttemptAt: z.number().int().nullable(),
});
export type AlertDelivery = z.infer<typeof AlertDelivery>;

export const AlertView = z.object({
  id: AlertId,
  ruleId: AlertId.nullable(),
  ruleName: z.string(),
  /** 'condition' for price/indicator alerts, else the event's kind; 'test' for a channel test. */
  source: z.union([z.literal('condition'), z.literal('test'), AlertEventKind]),
  title: z.string(),
  message: z.string(),
  symbol: z.string().nullable(),
  at: z.number().int(),
  read: z.boolean(),
  /** The rule's channels: 'desktop' asks for a system notification (the desktop app shows one). */
  channels: z.array(AlertChannel),
  deliveries: z.array(AlertDelivery),
});
export type AlertView = z.infer<typeof AlertView>;

export const AlertListQuery = z
  .object({
    limit: z.number().int().min(1).max(500).default(100),
    unreadOnly: z.boolean().default(false),
  })
  .strict();

export const AlertSummary = z.object({
  unread: z.number().int(),
  /** Deliveries that gave up after their retries. */
  failedDeliveries: z.number().int(),
  /** External channels with what they need in the secret store. */
  channelsConfigured: z.object({ telegram: z.boolean(), discord: z.boolean(), webhook: z.boolean() }),
});
export type AlertSummary = z.infer<typeof AlertSummary>;

export const AlertMarkRead = z
  .object({ ids: z.array(AlertId).min(1).max(500).optional(), all: z.literal(true).optional() })
  .strict()
  .refine((v) => (v.ids === undefined) !== (v.all === undefined), 'give either ids or all: true');

export const AlertRuleEnable = z.object({ id: AlertId, enabled: z.boolean() }).strict();
export const AlertIdInput = z.object({ id: AlertId }).strict();
export const AlertTestInput = z.object({ channel: AlertChannel }).strict();
