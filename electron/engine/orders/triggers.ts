/**
 * Engine-managed orders: a stop loss, a take profit or a trailing stop is armed in the engine
 * (no exchange sees it) and watches the quotes; when its condition holds, the engine places the
 * order it stands for (a market order, or a limit order at its `price`). Pure.
 *
 * A sell watches the bid (what it would get), a buy the ask (what it would pay):
 * - stop_loss:   sell when bid <= stop; buy when ask >= stop (a short's stop, or a breakout buy).
 * - take_profit: sell when bid >= stop; buy when ask <= stop.
 * - trailing_stop: a sell follows the highest bid since it was armed (the extreme) and fires when
 *   the bid falls trail% below it; a buy follows the lowest ask and fires trail% above it.
 */
import { Decimal } from '../money/decimal.js';
import type { Order } from './order-model.js';

export type Quote = Readonly<{ bid: Decimal; ask: Decimal; time: number }>;

/** What a trailing stop remembers between quotes (kept in the journal, so a restart keeps it). */
export type TriggerState = Readonly<{ extreme: Decimal | null }>;

export type TriggerCheck = {
  fired: boolean;
  state: TriggerState;
  /** The quote price the order watched (bid for a sell, ask for a buy). */
  observed: Decimal;
  /** The level it fires at (the stop, or the trailing level). */
  level: Decimal | null;
  /** In words, for the timeline: "bid 58990.1 reached the stop 59000". */
  reason: string;
};

const PERCENT_SCALE = 12;

export function trailingLevel(side: Order['side'], extreme: Decimal, trailPercent: Decimal): Decimal {
  const fraction = trailPercent.div(100, { scale: PERCENT_SCALE, rounding: 'half-even' });
  const factor = side === 'sell' ? Decimal.ONE.sub(fraction) : Decimal.ONE.add(fraction);
  return extreme.mul(factor).round(PERCENT_SCALE, 'half-even');
}

export function checkTrigger(order: Order, state: TriggerState, quote: Quote): TriggerCheck {
  const sell = order.side === 'sell';
  const observed = sell ? quote.bid : quote.ask;
  const what = sell ? 'bid' : 'ask';
  const none = (next: TriggerState, level: Decimal | null): TriggerCheck => ({
    fired: false,
    state: next,
    observed,
    level,
    reason: '',
  });
  if (!observed.isPositive()) return none(state, null);

  if (order.type === 'trailing_stop') {
    const trail = order.trailPercent;
    if (trail === null) return none(state, null);
    const previous = state.extreme ?? observed;
    const extreme = sell ? Decimal.max(previous, observed) : Decimal.min(previous, observed);
    const level = trailingLevel(order.side, extreme, trail);
    const fired = sell ? observed.lte(level) : observed.gte(level);
    const next = { extreme };
    if (!fired) return none(next, level);
    const edge = sell ? 'high' : 'low';
    const reason = `${what} ${observed.toString()} moved ${trail.toString()} % from the ${edge} of ${extreme.toString()} (level ${level.toString()})`;
    return { fired, state: next, observed, level, reason };
  }

  const stop = order.stopPrice;
  if (stop === null || (order.type !== 'stop_loss' && order.type !== 'take_profit')) return none(state, null);
  const falling = (order.type === 'stop_loss') === sell;
  const fired = falling ? observed.lte(stop) : observed.gte(stop);
  if (!fired) return none(state, stop);
  const name = order.type === 'stop_loss' ? 'stop' : 'target';
  return {
    fired,
    state,
    observed,
    level: stop,
    reason: `${what} ${observed.toString()} reached the ${name} ${stop.toString()}`,
  };
}
