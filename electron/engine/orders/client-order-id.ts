/**
 * Client order ids, made locally before anything is sent (so a lost answer can be looked up by
 * client id): UUID v4 strings, 36 characters with hyphens, which Kraken accepts as cl_ord_id.
 * The random bytes come in from outside (crypto.getRandomValues in the app, a seeded source in
 * backtests), so the engine stays pure and backtests stay reproducible.
 *
 * Kraken refuses a repeated cl_ord_id only while the first order is open, so uniqueness is ours
 * to keep: pass `isTaken` (a journal lookup) and a repeat is drawn again instead of reused.
 */
import { ClientOrderId } from '../../../shared/domain/orders.js';

/** Fills a fresh array of `length` random bytes. */
export type RandomBytes = (length: number) => Uint8Array;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A UUID v4 from 16 bytes: version nibble 4, variant bits 10. */
export function uuidV4FromBytes(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new RangeError(`a UUID needs 16 random bytes, got ${bytes.length}`);
  const b = Array.from(bytes);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.map((x) => HEX[x]!);
  return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h.slice(8, 10).join('')}-${h.slice(10).join('')}`;
}

export function isClientOrderId(value: unknown): value is string {
  return ClientOrderId.safeParse(value).success;
}

export type ClientOrderIdOptions = {
  randomBytes: RandomBytes;
  /** True when the id is already in use (the journal knows it). */
  isTaken?: (id: string) => boolean;
  /** Draws before giving up; a source that keeps repeating itself is broken. Default 5. */
  maxAttempts?: number;
};

/** A function that makes a new, unused client order id on each call; throws if the byte source keeps repeating. */
export function createClientOrderIdGenerator(options: ClientOrderIdOptions): () => string {
  const { randomBytes, isTaken = () => false, maxAttempts = 5 } = options;
  const issued = new Set<string>();
  return () => {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const id = uuidV4FromBytes(randomBytes(16));
      if (!issued.has(id) && !isTaken(id)) {
        issued.add(id);
        return id;
      }
    }
    throw new Error(`no unused client order id after ${maxAttempts} draws: the random byte source is not random`);
  };
}
