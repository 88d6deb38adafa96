import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../shared/domain/audit.js';
import { sha256Hex } from '../../adapters/crypto/sha256.js';
import { createChainVerifier, entryHash, sealEntry, type AuditHead, type StoredAuditEntry } from './chain.js';

function chain(n: number): StoredAuditEntry[] {
  const out: StoredAuditEntry[] = [];
  let head: AuditHead | null = null;
  for (let i = 1; i <= n; i += 1) {
    const e = sealEntry(
      head,
      {
        id: i,
        time: 1_700_000_000_000 + i,
        kind: 'setting.changed',
        actor: 'user',
        summary: `setting theme ${i}`,
        details: { setting: 'theme', old: i - 1, new: i },
      },
      sha256Hex,
    );
    out.push(e);
    head = { lastId: e.id, lastHash: e.hash };
  }
  return out;
}

function verify(entries: StoredAuditEntry[], head?: AuditHead | null) {
  const v = createChainVerifier(sha256Hex);
  for (const e of entries) if (v.push(e) !== null) break;
  return v.result(head);
}

const headOf = (entries: StoredAuditEntry[]): AuditHead => ({
  lastId: entries.at(-1)!.id,
  lastHash: entries.at(-1)!.hash,
});

describe('audit hash chain', () => {
  it('links each entry to the previous one with SHA-256 over prevHash and the canonical entry', () => {
    const [first, second] = chain(2);
    expect(first!.prevHash).toBe(GENESIS_HASH);
    expect(second!.prevHash).toBe(first!.hash);
    expect(first!.details).toBe('{"new":1,"old":0,"setting":"theme"}');
    expect(first!.hash).toBe(
      sha256Hex(
        `${GENESIS_HASH}\n{"actor":"user","details":{"new":1,"old":0,"setting":"theme"},"id":1,"kind":"setting.changed","summary":"setting theme 1","time":1700000000001}`,
      ),
    );
    expect(first!.hash).toMatch(/^[0-9a-f]{64}$/);
    // Key order does not matter: the hash is over the canonical form.
    const content = {
      ...first!,
      kind: 'setting.changed' as const,
      actor: 'user' as const,
      details: { setting: 'theme', new: 1, old: 0 },
    };
    expect(entryHash(GENESIS_HASH, content, sha256Hex)).toBe(first!.hash);
  });

  it('verifies an intact chain, and an empty one', () => {
    const entries = chain(50);
    expect(verify(entries, headOf(entries))).toEqual({ ok: true, checked: 50, lastHash: entries[49]!.hash });
    expect(verify([], null)).toEqual({ ok: true, checked: 0, lastHash: GENESIS_HASH });
  });

  it('reports the first changed entry by id, whatever field was edited', () => {
    const edits: Array<(e: StoredAuditEntry) => StoredAuditEntry> = [
      (e) => ({ ...e, summary: `${e.summary}!` }),
      (e) => ({ ...e, time: e.time + 1 }),
      (e) => ({ ...e, kind: 'order.cancelled' }),
      (e) => ({ ...e, actor: 'engine' }),
      (e) => ({ ...e, details: '{"new":99,"old":0,"setting":"theme"}' }),
    ];
    for (const edit of edits) {
      const entries = chain(10);
      entries[6] = edit(entries[6]!);
      expect(verify(entries, headOf(entries))).toMatchObject({
        ok: false,
        checked: 7,
        firstBroken: { id: 7, reason: expect.stringMatching(/does not match its hash/) },
      });
    }
  });

  it('reports details rewritten into a non-canonical form, and details that are not JSON', () => {
    const entries = chain(5);
    entries[1] = { ...entries[1]!, details: '{"old":1,"new":2,"setting":"theme"}' };
    expect(verify(entries).firstBroken).toEqual({ id: 2, reason: 'its details were rewritten after it was written' });
    const broken = chain(5);
    broken[2] = { ...broken[2]!, details: 'not json' };
    expect(verify(broken).firstBroken).toEqual({ id: 3, reason: expect.stringMatching(/not a JSON object/) });
  });

  it('reports a re-hashed entry by the broken link after it', () => {
    const entries = chain(10);
    // An editor who recomputes the edited entry's own hash still breaks the next link.
    const edited = { ...entries[3]!, summary: 'forged' };
    entries[3] = {
      ...edited,
      hash: entryHash(
        edited.prevHash,
        {
          ...edited,
          kind: 'setting.changed',
          actor: 'user',
          details: JSON.parse(edited.details) as Record<string, unknown>,
        },
        sha256Hex,
      ),
    };
    expect(verify(entries, headOf(entries)).firstBroken).toEqual({
      id: 5,
      reason: 'its link to entry #4 does not match: that entry was replaced or the chain was spliced',
    });
  });

  it('reports deleted entries in the middle, at the start and at the end', () => {
    const entries = chain(10);
    const head = headOf(entries);
    expect(verify([...entries.slice(0, 4), ...entries.slice(6)], head).firstBroken).toEqual({
      id: 7,
      reason: 'entries #5..#6 are missing: they were deleted',
    });
    expect(verify(entries.slice(1), head).firstBroken).toEqual({
      id: 2,
      reason: 'entries #1..#1 are missing: they were deleted',
    });
    expect(verify(entries.slice(0, 8), head)).toMatchObject({
      ok: false,
      checked: 8,
      firstBroken: { id: 9, reason: 'entries #9..#10 are missing: the end of the trail was cut off' },
    });
  });

  it('reports entries out of order', () => {
    const entries = chain(4);
    expect(verify([entries[0]!, entries[2]!, entries[1]!]).firstBroken?.id).toBe(3);
    expect(verify([entries[0]!, entries[1]!, entries[1]!]).firstBroken).toEqual({
      id: 2,
      reason: 'entry #2 is out of order (it follows #2)',
    });
  });
});
