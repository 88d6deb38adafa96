/**
 * What a fill does to the grid (the same transition for the backtest's simulated fills and for a
 * live execution report): a buy fill turns the level's buy order into inventory (its sell is
 * placed at the next close); a sell fill completes the level's round trip (one GRID trade) and
 * frees the level; a stop or end fill sells every lot (one STOP or END trade per lot) and drops
 * the grid, cancelling its working orders. Fills are whole orders: a live runner reports an order
 * once it has filled completely.
 */
import { Decimal } from '../money/decimal.js';
import type { BacktestTrade, ExitReason } from '../backtest/types.js';
import { cloneGridState, heldLevels, inventory } from './state.js';
import type { GridFill, GridLot, GridState } from './types.js';

const SCALE = 18;

export type GridFillResult = { state: GridState; trades: BacktestTrade[]; cancel: string[] };

export class GridFillError extends Error {
  override readonly name = 'GridFillError';
}

export function applyGridFill(state: GridState, fill: GridFill): GridFillResult {
  const s = cloneGridState(state);
  if (fill.kind === 'buy') {
    const level = s.levels.find((l) => l.buy?.id === fill.orderId);
    if (!level) throw new GridFillError(`the grid has no working buy ${fill.orderId}: reconcile the open orders`);
    level.buy = null;
    level.lot = {
      quantity: fill.quantity,
      price: fill.price,
      fee: fill.fee,
      index: fill.index,
      time: fill.time,
      sellId: null,
    };
    return { state: s, trades: [], cancel: [] };
  }
  if (fill.kind === 'sell') {
    const level = s.levels.find((l) => l.lot !== null && l.lot.sellId === fill.orderId);
    if (!level?.lot) throw new GridFillError(`the grid has no working sell ${fill.orderId}: reconcile the open orders`);
    const trade = gridTrade(level.lot, fill.price, Decimal.from(fill.fee), fill.index, fill.time, 'GRID');
    level.lot = null;
    return { state: s, trades: [trade], cancel: [] };
  }
  return closeAll(s, fill, fill.kind === 'stop' ? 'STOP' : 'END');
}

/** Sells every lot at the fill's price, sharing its fee by quantity (the last lot takes the remainder). */
function closeAll(s: GridState, fill: GridFill, reason: ExitReason): GridFillResult {
  const held = heldLevels(s);
  const total = inventory(s);
  const fee = Decimal.from(fill.fee);
  const trades: BacktestTrade[] = [];
  const cancel: string[] = [];
  let feeLeft = fee;
  held.forEach((level, i) => {
    const share =
      i === held.length - 1 ? feeLeft : fee.mul(level.lot.quantity).div(total, { scale: SCALE, rounding: 'half-even' });
    feeLeft = feeLeft.sub(share);
    trades.push(gridTrade(level.lot, fill.price, share, fill.index, fill.time, reason));
  });
  for (const l of s.levels) {
    if (l.buy) cancel.push(l.buy.id);
    if (l.lot?.sellId) cancel.push(l.lot.sellId);
  }
  s.centre = null;
  s.spacing = 0;
  s.levels = [];
  return { state: s, trades, cancel };
}

/** One round trip: pnl = quantity x exit price - exit fee - (quantity x entry price + entry fee). */
export function gridTrade(
  lot: GridLot,
  exitPrice: string,
  exitFee: Decimal,
  exitIndex: number,
  exitTime: number,
  reason: ExitReason,
): BacktestTrade {
  const qty = Decimal.from(lot.quantity);
  const entryFee = Decimal.from(lot.fee);
  const cost = qty.mul(lot.price).add(entryFee);
  const pnl = qty.mul(exitPrice).sub(exitFee).sub(cost);
  const pnlNumber = pnl.toNumber();
  return {
    entryIndex: lot.index,
    exitIndex,
    entryTime: lot.time,
    exitTime,
    entryPrice: Decimal.from(lot.price).toNumber(),
    exitPrice: Decimal.from(exitPrice).toNumber(),
    quantity: qty.toNumber(),
    entryFee: entryFee.toNumber(),
    exitFee: exitFee.toNumber(),
    pnl: pnlNumber,
    pnlPercent: (pnlNumber / cost.toNumber()) * 100,
    reason,
    candlesHeld: exitIndex - lot.index + 1,
    pnlExact: pnl.toString(),
    feesExact: entryFee.add(exitFee).toString(),
  };
}
