/**
 * Watches the quotes for armed stop loss, take profit and trailing stop orders and calls `onFire`
 * once when one triggers (engine/orders/triggers.ts decides). A trailing stop's extreme is saved
 * (at most once a second per order) so a restart keeps the level it had reached.
 */
import type { Clock } from '../../../engine/clock.js';
import type { FeedQuote, PriceFeed } from '../../../engine/market/price-feed-port.js';
import { Decimal } from '../../../engine/money/decimal.js';
import type { Order } from '../../../engine/orders/order-model.js';
import { isEngineHeld } from './native-stops.js';
import { isTerminal } from '../../../engine/orders/order-state.js';
import { type TriggerCheck, type TriggerState, checkTrigger } from '../../../engine/orders/triggers.js';
import type { Logger } from '../../../logging/types.js';

export type TriggerWatch = {
  /** Arms an engine-managed order that is working (no-op for other orders). `saved` is its stored state. */
  arm(order: Order, saved?: string | null): void;
  disarm(clientOrderId: string): void;
  armed(): string[];
  close(): void;
};

type Armed = { order: Order; state: TriggerState; savedAt: number; saved: string | null };

const SAVE_EVERY_MS = 1000;

function parseState(text: string | null | undefined): TriggerState {
  if (!text) return { extreme: null };
  try {
    const json = JSON.parse(text) as { extreme?: unknown };
    const extreme = typeof json.extreme === 'string' ? Decimal.tryParse(json.extreme) : null;
    return { extreme };
  } catch {
    return { extreme: null };
  }
}

export function createTriggerWatch(o: {
  feed: PriceFeed;
  clock: Clock;
  logger: Logger;
  saveState: (clientOrderId: string, state: string | null) => void;
  onFire: (order: Order, check: TriggerCheck) => Promise<void>;
}): TriggerWatch {
  const armed = new Map<string, Armed>();
  const subscriptions = new Map<string, () => void>();

  function onQuote(quote: FeedQuote): void {
    let bid: Decimal;
    let ask: Decimal;
    try {
      bid = Decimal.fromNumber(quote.bid);
      ask = Decimal.fromNumber(quote.ask);
    } catch {
      return; // a quote without finite prices is no quote
    }
    for (const entry of [...armed.values()]) {
      if (entry.order.symbol !== quote.symbol) continue;
      const check = checkTrigger(entry.order, entry.state, { bid, ask, time: quote.time });
      entry.state = check.state;
      const text = check.state.extreme ? JSON.stringify({ extreme: check.state.extreme.toString() }) : null;
      const now = o.clock.now();
      if (text !== entry.saved && (check.fired || now - entry.savedAt >= SAVE_EVERY_MS)) {
        o.saveState(entry.order.clientOrderId, text);
        entry.saved = text;
        entry.savedAt = now;
      }
      if (!check.fired) continue;
      disarm(entry.order.clientOrderId);
      o.onFire(entry.order, check).catch((error: unknown) =>
        o.logger.error('orders', `triggered order ${entry.order.clientOrderId} could not be placed`, {
          error,
          symbol: entry.order.symbol,
        }),
      );
    }
  }

  function disarm(id: string): void {
    const entry = armed.get(id);
    if (!entry) return;
    armed.delete(id);
    const symbol = entry.order.symbol;
    if (![...armed.values()].some((a) => a.order.symbol === symbol)) {
      subscriptions.get(symbol)?.();
      subscriptions.delete(symbol);
    }
  }

  return {
    arm(order, saved) {
      if (!isEngineHeld(order) || isTerminal(order.status) || order.status === 'PENDING_SUBMIT') return;
      armed.set(order.clientOrderId, { order, state: parseState(saved), savedAt: 0, saved: saved ?? null });
      if (!subscriptions.has(order.symbol)) subscriptions.set(order.symbol, o.feed.onQuote(order.symbol, onQuote));
    },
    disarm,
    armed: () => [...armed.keys()],
    close() {
      for (const stop of subscriptions.values()) stop();
      subscriptions.clear();
      armed.clear();
    },
  };
}
