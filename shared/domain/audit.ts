import { z } from 'zod';

/**
 * The kinds of decisions the audit trail records. Each one is written by the service that makes
 * the decision, through the core's `audit` service (electron/core/services/audit-service.ts):
 *
 * | kind                 | written by                          | details                                   |
 * | -------------------- | ----------------------------------- | ----------------------------------------- |
 * | setting.changed      | settings service                    | { setting, old, new }                     |
 * | mode.switched        | settings service (tradingMode)      | { old, new }                              |
 * | secret.set           | secrets service                     | { name, backend } (never the value)       |
 * | secret.deleted       | secrets service                     | { name }                                  |
 * | killswitch.engaged   | risk controls (later issue)         | { reason, cancelledOrders, ... }          |
 * | killswitch.rearmed   | risk controls (later issue)         | { ... }                                   |
 * | strategy.activated   | strategy runner (later issue)       | { strategyId, name, mode }                |
 * | strategy.paused      | strategy runner (later issue)       | { strategyId, reason }                    |
 * | order.submitted      | order manager (later issue)         | { clientOrderId, symbol, side, qty, ... } |
 * | order.cancelled      | order manager (later issue)         | { clientOrderId, reason }                 |
 * | orders.reconciled    | order manager, at start and switch  | { venue, checked, resolved, adopted, ... } |
 * | risk.veto            | risk gate (later issue)             | { rule, limit, value, intent }            |
 * | strategy.gauntlet    | gauntlet service, each completed run | { strategyId, symbol, timeframe, verdict, ... } |
 * | ai.generation        | AI strategy generator (later issue) | { model, promptSummary, tokensIn, ... }   |
 * | ai.advisor           | AI advisor, each buy/sell decision  | { symbol, action, outcome, reasoning, ... } |
 * | data.exported        | export service                      | { kind, format, rows, destination }       |
 * | system.fault         | an entry's last-resort handler      | { entry, kind, error, frozen }            |
 */
export const AUDIT_KINDS = [
  'setting.changed',
  'mode.switched',
  'secret.set',
  'secret.deleted',
  'killswitch.engaged',
  'killswitch.rearmed',
  'strategy.activated',
  'strategy.paused',
  'order.submitted',
  'order.cancelled',
  'orders.reconciled',
  'risk.veto',
  'strategy.gauntlet',
  'ai.generation',
  'ai.advisor',
  'data.exported',
  'system.fault',
] as const;
export const AuditKind = z.enum(AUDIT_KINDS);
export type AuditKind = z.infer<typeof AuditKind>;

/** Who decided: the trader (through the UI or CLI), the engine (strategies, risk), or the system. */
export const AUDIT_ACTORS = ['user', 'engine', 'system'] as const;
export const AuditActor = z.enum(AUDIT_ACTORS);
export type AuditActor = z.infer<typeof AuditActor>;

/** The hash before the first entry of a chain: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

export const AuditEntry = z.object({
  id: z.number().int().positive(),
  time: z.number().int(),
  kind: AuditKind,
  actor: AuditActor,
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
  /** SHA-256 (hex) of the previous entry, GENESIS_HASH for the first. */
  prevHash: z.string(),
  /** SHA-256 (hex) over prevHash and the canonical JSON of this entry. */
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Filters of the audit trail (the list, the export). */
export const AuditFilter = z
  .object({
    kinds: z.array(AuditKind).max(AUDIT_KINDS.length).optional(),
    text: z.string().max(200).optional(),
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditQuery = AuditFilter.extend({
  /** Only entries with an id below this one (paging backwards, newest first). */
  beforeId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(1000).default(200),
}).strict();
export type AuditQuery = z.input<typeof AuditQuery>;

export const AuditBrokenLink = z.object({
  id: z.number().int(),
  reason: z.string(),
});
export type AuditBrokenLink = z.infer<typeof AuditBrokenLink>;

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  /** Entries checked (up to and including the first broken one). */
  checked: z.number().int().nonnegative(),
  firstBroken: AuditBrokenLink.optional(),
  /** The hash of the last entry checked (GENESIS_HASH for an empty trail). */
  lastHash: z.string(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
