import { describe, expect, it } from 'vitest';
import { compareTrades, type TradeRecord } from './compare.js';
import { tradesFromFills } from './live-trades.js';

const H = 3_600_000;
const thresholds = { maxEquityGapPercent: 0.5, maxMissedTrades: 0 };

function trade(i: number, entry: number, exit: number, feeRate = 0.0026): TradeRecord {
  const quantity = 0.1;
  const fees = (entry + exit) * quantity * feeRate;
  return {
    entryTime: i * 10 * H,
    exitTime: i * 10 * H + 5 * H,
    entryPrice: entry,
    exitPrice: exit,
    quantity,
    fees,
    returnPercent: ((exit * quantity - fees - entry * quantity) / (entry * quantity)) * 100,
  };
}

const backtest = [trade(1, 100, 110), trade(2, 110, 104), trade(3, 104, 120)];

describe('drift between a run and its backtest', () => {
  it('is zero when the run traded exactly as the backtest', () => {
    const d = compareTrades({ backtest, live: backtest, candleMs: H, positionFraction: 0.1, thresholds });
    expect(d).toMatchObject({ matched: 3, missed: 0, extra: 0, equityGap: 0, maxEquityGap: 0, breaches: [] });
    expect(d.meanEntrySlippageBps).toBe(0);
    expect(d.meanExitSlippageBps).toBe(0);
    expect(d.trades.every((t) => t.returnGap === 0 && t.entryDelayMs === 0)).toBe(true);
    expect(d.equity.map((p) => p.live)).toEqual(d.equity.map((p) => p.backtest));
  });

  it('measures injected slippage per fill and in the equity gap', () => {
    // The run bought 20 bps higher and sold 20 bps lower, 30 s after the backtest's fills.
    const live = backtest.map((t) => {
      const entryPrice = t.entryPrice * 1.002;
      const exitPrice = t.exitPrice! * 0.998;
      const fees = (entryPrice + exitPrice) * t.quantity * 0.0026;
      return {
        ...t,
        entryTime: t.entryTime + 30_000,
        exitTime: t.exitTime! + 30_000,
        entryPrice,
        exitPrice,
        fees,
        returnPercent: ((exitPrice * t.quantity - fees - entryPrice * t.quantity) / (entryPrice * t.quantity)) * 100,
      };
    });
    const d = compareTrades({ backtest, live, candleMs: H, positionFraction: 1, thresholds });
    expect(d.matched).toBe(3);
    expect(d.meanEntrySlippageBps).toBeCloseTo(20, 6);
    expect(d.meanExitSlippageBps).toBeCloseTo(20, 6);
    expect(d.trades[0]!.entryDelayMs).toBe(30_000);
    // About -0.4 points times (1 + the trade's return).
    expect(d.trades.every((t) => t.returnGap! < -0.37 && t.returnGap! > -0.47)).toBe(true);
    expect(d.equityGap).toBeLessThan(-1.1);
    expect(d.breaches).toEqual([expect.stringMatching(/points below its backtest \(threshold 0.5\)/)]);
  });

  it('names a trade the run missed (a candle it never saw) and one it added', () => {
    const live = [backtest[0]!, backtest[2]!, trade(5, 100, 101)];
    const d = compareTrades({ backtest, live, candleMs: H, positionFraction: 0.1, thresholds });
    expect(d).toMatchObject({ matched: 2, missed: 1, extra: 1 });
    expect(d.trades.map((t) => t.status)).toEqual(['matched', 'missed', 'matched', 'extra']);
    expect(d.trades[1]!.backtest).toEqual(backtest[1]);
    expect(d.breaches).toContainEqual(
      expect.stringMatching(/1 trade\(s\) of the backtest missing from the run and 1 extra/),
    );
  });

  it("builds a run's trades from partial fills, net of fees, and keeps an open position open", () => {
    const trades = tradesFromFills([
      { time: 1, side: 'buy', price: 100, quantity: 0.5, fee: 0.1 },
      { time: 2, side: 'buy', price: 102, quantity: 0.5, fee: 0.1 },
      { time: 3, side: 'sell', price: 110, quantity: 1, fee: 0.2 },
      { time: 4, side: 'sell', price: 999, quantity: 1, fee: 0 }, // nothing held: not a trade
      { time: 5, side: 'buy', price: 50, quantity: 2, fee: 0.05 },
    ]);
    expect(trades).toHaveLength(2);
    expect(trades[0]).toMatchObject({ entryTime: 1, exitTime: 3, entryPrice: 101, exitPrice: 110, quantity: 1 });
    expect(trades[0]!.returnPercent).toBeCloseTo(((110 - 0.4 - 101) / 101) * 100, 10);
    expect(trades[1]).toMatchObject({ entryTime: 5, exitTime: null, returnPercent: null });
  });
});
