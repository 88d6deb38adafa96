import {
  GENESIS_HASH,
  type AuditActor,
  type AuditBrokenLink,
  type AuditKind,
  type AuditVerifyResult,
} from '../../../shared/domain/audit.js';
import { canonicalJson } from './canonical-json.js';

/**
 * The audit trail's hash chain, as pure computation. Each entry's hash is
 * SHA-256(prevHash + "\n" + canonicalJson({id, time, kind, actor, summary, details})), and each
 * entry stores the hash of the one before it (GENESIS_HASH for the first). Changing, removing or
 * reordering any entry changes every hash after it, so verification finds the first broken link.
 * The hash function is passed in (the engine does no I/O and imports no crypto module).
 */
export type HashFn = (text: string) => string;

export type AuditContent = {
  id: number;
  time: number;
  kind: AuditKind;
  actor: AuditActor;
  summary: string;
  details: Record<string, unknown>;
};

/** An entry as stored: `details` is the JSON text written at the time (canonical form). */
export type StoredAuditEntry = {
  id: number;
  time: number;
  kind: string;
  actor: string;
  summary: string;
  details: string;
  prevHash: string;
  hash: string;
};

/** The last link as recorded separately when each entry was appended (detects a cut-off tail). */
export type AuditHead = { lastId: number; lastHash: string };

export function entryHash(prevHash: string, content: AuditContent, hash: HashFn): string {
  const { id, time, kind, actor, summary, details } = content;
  return hash(`${prevHash}\n${canonicalJson({ id, time, kind, actor, summary, details })}`);
}

/** The stored form of a new entry: canonical details text, the link to the previous entry, its hash. */
export function sealEntry(prev: AuditHead | null, content: AuditContent, hash: HashFn): StoredAuditEntry {
  const prevHash = prev?.lastHash ?? GENESIS_HASH;
  return {
    ...content,
    details: canonicalJson(content.details),
    prevHash,
    hash: entryHash(prevHash, content, hash),
  };
}

export type ChainVerifier = {
  /** Checks the next entry (in id order); returns the broken link, or null while the chain holds. */
  push(entry: StoredAuditEntry): AuditBrokenLink | null;
  /** The outcome, checking the end of the chain against the recorded head if one is given. */
  result(head?: AuditHead | null): AuditVerifyResult;
};

function parseDetails(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Verifies a chain entry by entry, so a long trail can be checked in pages without loading it all. */
export function createChainVerifier(hash: HashFn): ChainVerifier {
  let checked = 0;
  let prevId = 0;
  let prevHash = GENESIS_HASH;
  let broken: AuditBrokenLink | undefined;

  function check(e: StoredAuditEntry): string | null {
    if (e.id !== prevId + 1) {
      return e.id <= prevId
        ? `entry #${e.id} is out of order (it follows #${prevId})`
        : `entries #${prevId + 1}..#${e.id - 1} are missing: they were deleted`;
    }
    if (e.prevHash !== prevHash) {
      return prevId === 0
        ? 'the first entry does not start the chain (its previous hash is not the genesis hash)'
        : `its link to entry #${prevId} does not match: that entry was replaced or the chain was spliced`;
    }
    const details = parseDetails(e.details);
    if (details === null) return 'its details are not a JSON object: the row was edited';
    let expected: string;
    try {
      if (canonicalJson(details) !== e.details) return 'its details were rewritten after it was written';
      expected = entryHash(
        prevHash,
        {
          id: e.id,
          time: e.time,
          kind: e.kind as AuditKind,
          actor: e.actor as AuditActor,
          summary: e.summary,
          details,
        },
        hash,
      );
    } catch (error) {
      return `it cannot be hashed: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (expected !== e.hash) return 'its content does not match its hash: the entry was changed after it was written';
    return null;
  }

  return {
    push(entry) {
      if (broken) return broken;
      checked += 1;
      const reason = check(entry);
      if (reason !== null) {
        broken = { id: entry.id, reason };
        return broken;
      }
      prevId = entry.id;
      prevHash = entry.hash;
      return null;
    },
    result(head) {
      if (!broken && head) {
        if (head.lastId > prevId) {
          broken = {
            id: prevId + 1,
            reason: `entries #${prevId + 1}..#${head.lastId} are missing: the end of the trail was cut off`,
          };
        } else if (head.lastId === prevId && head.lastHash !== prevHash) {
          broken = { id: prevId, reason: 'the last entry does not match the recorded head of the chain' };
        } else if (head.lastId < prevId) {
          broken = { id: head.lastId + 1, reason: `entry #${head.lastId + 1} and later were added outside the app` };
        }
      }
      return {
        ok: broken === undefined,
        checked,
        ...(broken ? { firstBroken: broken } : {}),
        lastHash: prevHash,
      };
    },
  };
}
