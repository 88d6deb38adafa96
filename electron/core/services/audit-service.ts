import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  AuditQuery,
  type AuditActor,
  type AuditEntry,
  type AuditKind,
  type AuditVerifyResult,
} from '../../../shared/domain/audit.js';
import type { LogCategory, LogLevel } from '../../../shared/domain/logs.js';
import { createChainVerifier, sealEntry, type HashFn, type StoredAuditEntry } from '../../engine/audit/chain.js';
import type { Clock } from '../../engine/clock.js';
import type { Redactor } from '../../logging/redact.js';
import type { Logger } from '../../logging/types.js';
import type { AuditRepo } from '../../persistence/repositories/audit-repo.js';

/** What other services need to record a decision. See AUDIT_KINDS in shared/domain/audit.ts. */
export type AuditRecorder = {
  /**
   * Appends a hash-chained entry (workstation.db, synchronous=FULL) and writes it to the log.
   * Throws if it cannot be stored: a decision that cannot be audited should not go ahead.
   */
  record(kind: AuditKind, actor: AuditActor, summary: string, details?: Record<string, unknown>): AuditEntry;
};

export type AuditService = AuditRecorder & {
  /** Newest first. Throws a ZodError if the query is malformed. */
  query(q: AuditQuery): AuditEntry[];
  /** Checks the whole chain in pages, yielding to the event loop between them. */
  verify(): Promise<AuditVerifyResult>;
  count(): number;
  lastTime(): number | null;
};

const CATEGORY: Partial<Record<AuditKind, LogCategory>> = {
  'order.submitted': 'orders',
  'order.cancelled': 'orders',
  'orders.reconciled': 'orders',
  'risk.veto': 'risk',
  'killswitch.engaged': 'risk',
  'killswitch.rearmed': 'risk',
  'strategy.activated': 'strategy',
  'strategy.paused': 'strategy',
  'strategy.gauntlet': 'strategy',
  'ai.generation': 'ai',
  'ai.advisor': 'ai',
};
const LEVEL: Partial<Record<AuditKind, LogLevel>> = {
  'risk.veto': 'warn',
  'killswitch.engaged': 'warn',
  'mode.switched': 'warn',
};

export function toAuditEntry(row: StoredAuditEntry): AuditEntry {
  let details: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(row.details);
    details =
      parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : { value: parsed };
  } catch {
    details = { unparsed: row.details };
  }
  // Rows are written only by record(), with valid kinds and actors; verify() reports edited ones.
  return { ...row, kind: row.kind as AuditKind, actor: row.actor as AuditActor, details };
}

/**
 * Verifies the trail as stored: every entry in id order up to the head recorded when verification
 * started (entries appended meanwhile are left for the next run), pageSize entries at a time.
 */
export async function verifyAuditTrail(repo: AuditRepo, hash: HashFn, pageSize = 2000): Promise<AuditVerifyResult> {
  const head = repo.head();
  const until = head?.lastId ?? repo.maxId();
  const verifier = createChainVerifier(hash);
  let after = 0;
  for (;;) {
    const page = repo.chainPage(after, pageSize);
    let done = page.length === 0;
    for (const row of page) {
      if (head !== null && row.id > until) {
        done = true;
        break;
      }
      if (verifier.push(row) !== null) return verifier.result();
      after = row.id;
    }
    if (done || page.length < pageSize) break;
    await yieldToEventLoop();
  }
  const result = verifier.result(head);
  if (result.ok && head === null && result.checked > 0) {
    return {
      ...result,
      ok: false,
      firstBroken: { id: after, reason: 'the recorded head of the chain is missing: it was deleted' },
    };
  }
  return result;
}

export function createAuditService(deps: {
  repo: AuditRepo;
  clock: Clock;
  hash: HashFn;
  logger: Logger;
  redactor: Redactor;
  onAppend?: (entry: AuditEntry) => void;
}): AuditService {
  const { repo, clock, hash, logger, redactor } = deps;

  return {
    record(kind, actor, summary, details = {}) {
      const safeSummary = redactor.redactString(summary);
      const redacted = redactor.redactValue(details);
      const safeDetails =
        redacted !== null && typeof redacted === 'object' && !Array.isArray(redacted)
          ? (redacted as Record<string, unknown>)
          : { value: redacted };
      const time = clock.now();
      const stored = repo.append((head) =>
        sealEntry(
          head,
          { id: (head?.lastId ?? 0) + 1, time, kind, actor, summary: safeSummary, details: safeDetails },
          hash,
        ),
      );
      const entry = toAuditEntry(stored);
      const symbol = typeof safeDetails.symbol === 'string' ? safeDetails.symbol : undefined;
      logger.log(LEVEL[kind] ?? 'info', CATEGORY[kind] ?? 'system', `audit #${entry.id} ${kind}: ${safeSummary}`, {
        ...(symbol !== undefined ? { symbol } : {}),
        auditId: entry.id,
        kind,
        actor,
        details: safeDetails,
      });
      deps.onAppend?.(entry);
      return entry;
    },
    query(q) {
      const parsed = AuditQuery.parse(q);
      return repo.query(parsed).map(toAuditEntry);
    },
    async verify() {
      const result = await verifyAuditTrail(repo, hash);
      if (result.ok) logger.info('system', `audit trail verified: ${result.checked} entries, chain intact`);
      else
        logger.error(
          'system',
          `audit trail verification failed at entry #${result.firstBroken?.id}: ${result.firstBroken?.reason}`,
          { checked: result.checked },
        );
      return result;
    },
    count: () => repo.count(),
    lastTime: () => repo.lastTime(),
  };
}
