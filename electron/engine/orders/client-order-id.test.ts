import { describe, expect, it } from 'vitest';
import { ClientOrderId } from '../../../shared/domain/orders.js';
import { createClientOrderIdGenerator, isClientOrderId, uuidV4FromBytes } from './client-order-id.js';

/** A deterministic byte source (as a backtest would inject). */
function countingBytes(): (n: number) => Uint8Array {
  let counter = 0;
  return (n) => Uint8Array.from({ length: n }, (_, i) => (counter * 31 + i * 7 + (i === 0 ? counter++ : 0)) & 0xff);
}

describe('client order ids', () => {
  it('makes RFC 4122 version 4 UUIDs of 36 characters from 16 bytes', () => {
    const id = uuidV4FromBytes(new Uint8Array(16).fill(0xff));
    expect(id).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(id).toHaveLength(36);
    expect(uuidV4FromBytes(new Uint8Array(16))).toBe('00000000-0000-4000-8000-000000000000');
    expect(isClientOrderId(id)).toBe(true);
    expect(ClientOrderId.safeParse(id).success).toBe(true);
    expect(() => uuidV4FromBytes(new Uint8Array(15))).toThrow(/16 random bytes/);
  });

  it('is deterministic for a deterministic byte source and never repeats itself', () => {
    const a = createClientOrderIdGenerator({ randomBytes: countingBytes() });
    const b = createClientOrderIdGenerator({ randomBytes: countingBytes() });
    const first = Array.from({ length: 200 }, () => a());
    expect(Array.from({ length: 200 }, () => b())).toEqual(first);
    expect(new Set(first).size).toBe(200);
    expect(first.every(isClientOrderId)).toBe(true);
  });

  it('draws again when the journal already knows an id, and gives up on a stuck source', () => {
    const taken = new Set<string>([uuidV4FromBytes(new Uint8Array(16))]);
    let calls = 0;
    const sometimesZero = (n: number) => Uint8Array.from({ length: n }, () => (calls++ < 16 ? 0 : 1));
    const next = createClientOrderIdGenerator({ randomBytes: sometimesZero, isTaken: (id) => taken.has(id) });
    expect(next()).toBe('01010101-0101-4101-8101-010101010101');

    const stuck = createClientOrderIdGenerator({ randomBytes: (n) => new Uint8Array(n), maxAttempts: 3 });
    stuck();
    expect(() => stuck()).toThrow(/not random/);
  });
});
