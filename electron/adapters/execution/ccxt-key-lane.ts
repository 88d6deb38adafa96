import { createHash } from 'node:crypto';

/**
 * One lane per API key, shared by every adapter in the process that uses the key: private calls
 * run one at a time, in order, and each gets a strictly increasing nonce. Exchanges such as Kraken
 * refuse a nonce that is not above the last one they saw, so concurrent calls with ccxt's default
 * nonce (the millisecond clock) collide with InvalidNonce, and out-of-order arrival fails too.
 * The lane is keyed by a hash of the key; the key itself is not kept here.
 */
export type KeyLane = {
  /** Runs `task` after every task queued before it has settled. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** A nonce above every one handed out before: max(last + 1, now). */
  nonce(now: number): number;
  /** Tasks queued or running. */
  readonly pending: number;
};

const lanes = new Map<string, KeyLane>();

function createLane(): KeyLane {
  let tail: Promise<unknown> = Promise.resolve();
  let last = 0;
  let pending = 0;
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      pending += 1;
      const result = tail.then(task).finally(() => {
        pending -= 1;
      });
      tail = result.catch(() => undefined);
      return result;
    },
    nonce(now) {
      last = Math.max(last + 1, Math.floor(now));
      return last;
    },
    get pending() {
      return pending;
    },
  };
}

/** The lane of `apiKey` (made on first use). */
export function keyLane(apiKey: string): KeyLane {
  const id = createHash('sha256').update(apiKey).digest('hex');
  let lane = lanes.get(id);
  if (!lane) {
    lane = createLane();
    lanes.set(id, lane);
  }
  return lane;
}
