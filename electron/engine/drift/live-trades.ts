/**
 * A run's closed and open trades from its fills, as the drift comparison reads them: buys open or
 * add to the position, sells reduce it; the trade closes when the position is back to zero. Prices
 * are quantity-weighted averages of the fills; the return is net of every fee, in % of the cost
 * (the backtest's pnlPercent).
 */
import type { BacktestTrade } from '../backtest/types.js';
import type { TradeRecord } from './compare.js';

export type RunFill = { time: number; side: 'buy' | 'sell'; price: number; quantity: number; fee: number };

/** A position smaller than this share of its largest size counts as flat (rounding dust). */
const DUST = 1e-9;

export function tradesFromFills(fills: readonly RunFill[]): TradeRecord[] {
  const sorted = [...fills].sort((a, b) => a.time - b.time);
  const trades: TradeRecord[] = [];
  let open: { entryTime: number; bought: number; cost: number; sold: number; proceeds: number; fees: number } | null =
    null;
  for (const f of sorted) {
    if (f.side === 'buy') {
      open ??= { entryTime: f.time, bought: 0, cost: 0, sold: 0, proceeds: 0, fees: 0 };
      open.bought += f.quantity;
      open.cost += f.quantity * f.price;
      open.fees += f.fee;
      continue;
    }
    if (!open) continue; // a sale of something the run did not buy is not one of its trades
    open.sold += f.quantity;
    open.proceeds += f.quantity * f.price;
    open.fees += f.fee;
    if (open.bought - open.sold <= open.bought * DUST) {
      trades.push({
        entryTime: open.entryTime,
        exitTime: f.time,
        entryPrice: open.cost / open.bought,
        exitPrice: open.proceeds / open.sold,
        quantity: open.bought,
        fees: open.fees,
        returnPercent: ((open.proceeds - open.fees - open.cost) / open.cost) * 100,
      });
      open = null;
    }
  }
  if (open) {
    trades.push({
      entryTime: open.entryTime,
      exitTime: null,
      entryPrice: open.cost / open.bought,
      exitPrice: null,
      quantity: open.bought,
      fees: open.fees,
      returnPercent: null,
    });
  }
  return trades;
}

/** The backtest's trades in the same terms; a position the backtest closed at its END is still open. */
export function tradesFromBacktest(trades: readonly BacktestTrade[]): TradeRecord[] {
  return trades.map((t) =>
    t.reason === 'END'
      ? {
          entryTime: t.entryTime,
          exitTime: null,
          entryPrice: t.entryPrice,
          exitPrice: null,
          quantity: t.quantity,
          fees: t.entryFee,
          returnPercent: null,
        }
      : {
          entryTime: t.entryTime,
          exitTime: t.exitTime,
          entryPrice: t.entryPrice,
          exitPrice: t.exitPrice,
          quantity: t.quantity,
          fees: t.entryFee + t.exitFee,
          returnPercent: t.pnlPercent,
        },
  );
}
