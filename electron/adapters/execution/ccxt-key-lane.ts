import { createHash } from 'node:crypto';

/**
 * One lane per API key, shared by every adapter in the process that uses the key: private calls
 * run one at a time, each with a strictly increasing nonce. Exchanges such as Kraken refuse a
 * nonce that is not above the last one they saw, so concurrent calls with ccxt's default nonce
 * (the millisecond clock) collide with InvalidNonce, and out-of-order arrival fails too.
 *
 * The next call is the most urgent one queued, not the oldest: the kill switch's cancels and the
 * dead man's heartbeat ('urgent'), then the trader's submits and cancels ('trade'), then lookups,
 * sync and balances ('read'); first come first served within a priority. A call waits at most for
 * the one in flight (bounded by the request timeout) plus the more urgent ones queued.
 *
 * The lane also keeps the key's rate budget (it replaces ccxt's own limiter, which is FIFO and
 * makes an order wait behind every lookup's cost): a counter like Kraken's, that each call raises
 * by its cost (Kraken: 2 for the trade history, 1 for other queries, 0 for placing and
 * cancelling) and that decays by 1 every `decayMs`. Reads run only while the counter stays
 * `reserve` below `capacity`, so lookups of orders whose outcome is unknown can never use up what
 * a submit, a cancel or a heartbeat needs. The lane is keyed by a hash of the key; the key itself
 * is not kept here.
 */
export type LanePriority = 'urgent' | 'trade' | 'read';

export type LaneCall = { priority: LanePriority; cost: number };

export type LaneBudget = {
  /** The most the counter may reach (Kraken's starter tier: 15). */
  capacity: number;
  /** Ms for the counter to fall by 1 (Kraken's starter tier: 3,000). */
  decayMs: number;
  /** Counter units reads leave free for urgent and trade calls. */
  reserve: number;
};

export type KeyLane = {
  /** Runs `task` when it is the most urgent call queued and the budget allows it. */
  run<T>(task: () => Promise<T>, call?: LaneCall): Promise<T>;
  /** A nonce above every one handed out before: max(last + 1, now). */
  nonce(now: number): number;
  /** Sets the budget (the adapter does, from the exchange's rate limit). */
  budget(budget: LaneBudget): void;
  /** Tasks queued or running. */
  readonly pending: number;
};

const RANK: Record<LanePriority, number> = { urgent: 0, trade: 1, read: 2 };

/** Kraken's starter tier when the exchange's rate limit is 1 s (ccxt's default for kraken). */
export function budgetFor(rateLimitMs: number): LaneBudget {
  return { capacity: 15, decayMs: 3 * rateLimitMs, reserve: 5 };
}

type Waiting = { rank: number; seq: number; cost: number; start: () => void };

const lanes = new Map<string, KeyLane>();

function createLane(): KeyLane {
  const queue: Waiting[] = [];
  let running = false;
  let last = 0;
  let seq = 0;
  let limits: LaneBudget = budgetFor(1000);
  let counter = 0;
  let counted = Date.now();
  let timer: NodeJS.Timeout | null = null;

  function decay(): void {
    const now = Date.now();
    counter = Math.max(0, counter - (now - counted) / limits.decayMs);
    counted = now;
  }

  function pump(): void {
    if (running || queue.length === 0) return;
    let next = 0;
    for (let i = 1; i < queue.length; i += 1) {
      const a = queue[i]!;
      const b = queue[next]!;
      if (a.rank < b.rank || (a.rank === b.rank && a.seq < b.seq)) next = i;
    }
    const task = queue[next]!;
    decay();
    const ceiling = task.rank === RANK.read ? limits.capacity - limits.reserve : limits.capacity;
    const over = counter + task.cost - ceiling;
    if (task.cost > 0 && over > 0) {
      // A more urgent call arriving meanwhile pumps at once; the timer is for this one.
      if (timer === null) {
        timer = setTimeout(
          () => {
            timer = null;
            pump();
          },
          Math.ceil(over * limits.decayMs),
        );
        timer.unref();
      }
      return;
    }
    queue.splice(next, 1);
    counter += task.cost;
    running = true;
    task.start();
  }

  return {
    run<T>(task: () => Promise<T>, call: LaneCall = { priority: 'read', cost: 0 }): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        seq += 1;
        queue.push({
          rank: RANK[call.priority],
          seq,
          cost: call.cost,
          start: () => {
            Promise.resolve()
              .then(task)
              .then(resolve, reject)
              .finally(() => {
                running = false;
                pump();
              });
          },
        });
        pump();
      });
    },
    nonce(now) {
      last = Math.max(last + 1, Math.floor(now));
      return last;
    },
    budget(next) {
      limits = next;
    },
    get pending() {
      return queue.length + (running ? 1 : 0);
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
