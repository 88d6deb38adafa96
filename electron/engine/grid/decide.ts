/**
 * The grid rule, decided at each candle close (backtest, paper and live call this same function;
 * fills reach the state through apply.ts). Orders decided at close i work from candle i + 1.
 *
 * - Geometry: centred on close c with spacing s = spacingAtrMultiple x ATR(atrPeriod) at that
 *   close, buy level k (k = 1..levelsPerSide) is at c - k x s; inventory bought at a level sells
 *   one spacing above it (level k sells at c - (k - 1) x s): the classic grid round trip.
 * - Size: a buy at level price p is for (capitalPerSymbolPercent % x equity / levelsPerSide) / p
 *   (equity at the close the order is placed; exact, rounded down to 18 decimals).
 * - Buys are placed only at free levels (no working buy, no inventory) below the close, and each
 *   one is asked of the risk gate; a veto is recorded and the level is asked again at the next close.
 * - Sells: inventory gets its sell at the close after its buy filled, always (also while paused or
 *   trend-blocked): selling held inventory only reduces risk.
 * - Trend filter: while EMA(fastEma) < EMA(slowEma) no new buys; working buys are withdrawn.
 * - ATR circuit breaker (the risk engine's spike test, risk/atr-spike.ts, with a one-candle
 *   lookback): when ATR rises more than atrSpikePercent % over the previous close's ATR, the grid
 *   pauses (working buys withdrawn, no new buys); it resumes at the first close where ATR is back
 *   within half that threshold of its pre-spike value (atr <= pre-spike x (1 + atrSpikePercent / 200)).
 * - While flat (no inventory) and withdrawn by the trend filter or the breaker, the grid is dropped
 *   and recentred when buys are allowed again.
 * - Recentre: when flat and buys are allowed, and there is no grid or the close is at or above
 *   centre + spacing (the price left the grid upward), the grid is recentred on the close (working
 *   buys cancelled). With inventory held the grid stays: when every level is bought (the price fell
 *   below the grid) it waits for its sells or the stop loss.
 * - Stop loss (optional): all inventory is sold when the price falls stopLossPercent % below the
 *   lowest held level; the grid is dropped and recentres at a later close (see fills.ts).
 */
import { isAtrSpike } from '../risk/atr-spike.js';
import { Decimal } from '../money/decimal.js';
import { askGate } from '../backtest/intents.js';
import type { BacktestVeto, OrderIntent } from '../backtest/types.js';
import { isReady } from './readings.js';
import { cloneGridState, gridStopPrice, inventory, sellPrice } from './state.js';
import type { GridContext, GridDecision, GridOrder, GridReading, GridState, GridStatus } from './types.js';

export function gridDecide(state: GridState, reading: GridReading, context: GridContext): GridDecision {
  const { strategy } = context;
  const s = cloneGridState(state);
  const prefix = context.idPrefix ?? 'grid-';
  const nextId = () => `${prefix}${++s.seq}`;
  const cancel: string[] = [];
  const place: GridOrder[] = [];
  const vetoes: BacktestVeto[] = [];

  // Sells for inventory bought since the last close.
  for (const level of s.levels) {
    if (level.lot && level.lot.sellId === null) {
      level.lot.sellId = nextId();
      place.push({
        id: level.lot.sellId,
        side: 'sell',
        price: sellPrice(s, level),
        quantity: level.lot.quantity,
        level: level.k,
      });
    }
  }

  const status = statusAt(s, reading, strategy.atrSpikePercent);
  const flat = s.levels.every((l) => l.lot === null);
  if (status !== 'active') {
    for (const level of s.levels) {
      if (level.buy) cancel.push(level.buy.id);
      level.buy = null;
    }
    if (flat && status !== 'warming-up') {
      s.centre = null;
      s.levels = [];
    }
  } else {
    if (flat && (s.centre === null || reading.close >= s.centre + s.spacing)) {
      for (const level of s.levels) if (level.buy) cancel.push(level.buy.id);
      recentre(s, reading, strategy.spacingAtrMultiple, strategy.levelsPerSide);
    }
    const held = inventory(s).toNumber();
    const budget = Decimal.fromNumber(context.equity)
      .mul(Decimal.fromNumber(strategy.capitalPerSymbolPercent))
      .div(100 * strategy.levelsPerSide, { scale: 18, rounding: 'down' });
    for (const level of s.levels) {
      if (level.buy || level.lot || level.price >= reading.close) continue;
      const quantity = budget.div(Decimal.fromNumber(level.price), { scale: 18, rounding: 'down' });
      if (!quantity.isPositive()) continue;
      const intent = buyIntent(context, reading, level.price, quantity.toNumber(), held);
      if (!askGate(context.gate, intent, vetoes)) continue;
      level.buy = { id: nextId(), quantity: quantity.toString() };
      place.push({ id: level.buy.id, side: 'buy', price: level.price, quantity: level.buy.quantity, level: level.k });
    }
  }

  const stopPrice = gridStopPrice(s, strategy);
  const stop = stopPrice === null ? null : { price: stopPrice, quantity: inventory(s).toString() };
  return { state: s, cancel, place, stop, vetoes, status };
}

/** Updates the breaker (pausedAtr) from the reading and says whether buys are allowed. */
function statusAt(s: GridState, r: GridReading, spikePercent: number): GridStatus {
  if (!isReady(r)) return 'warming-up';
  if (s.pausedAtr === null) {
    if (isAtrSpike(r.atr, r.prevAtr, spikePercent)) s.pausedAtr = r.prevAtr;
  } else if (r.atr * 200 <= s.pausedAtr * (200 + spikePercent)) {
    s.pausedAtr = null;
  }
  if (s.pausedAtr !== null) return 'paused';
  return r.emaFast < r.emaSlow ? 'trend-blocked' : 'active';
}

function recentre(s: GridState, r: GridReading, multiple: number, levelsPerSide: number): void {
  s.centre = r.close;
  s.spacing = multiple * r.atr;
  s.levels = [];
  for (let k = 1; k <= levelsPerSide; k++) {
    const price = r.close - k * s.spacing;
    if (price <= 0) break;
    s.levels.push({ k, price, buy: null, lot: null });
  }
}

function buyIntent(c: GridContext, r: GridReading, price: number, quantity: number, held: number): OrderIntent {
  return {
    kind: 'entry',
    side: 'buy',
    symbol: c.symbol,
    time: r.time,
    index: r.index,
    price,
    quantity,
    notional: quantity * price,
    equity: c.equity,
    fraction: c.strategy.capitalPerSymbolPercent / 100 / c.strategy.levelsPerSide,
    heldQuantity: held,
    strategyName: c.strategy.name,
    stopLossPercent: c.strategy.stopLossPercent,
    reason: 'GRID',
  };
}
