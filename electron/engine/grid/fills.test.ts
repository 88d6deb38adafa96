import { describe, expect, it } from 'vitest';
import { Decimal } from '../money/decimal.js';
import { applyGridFill } from './apply.js';
import { gridDecide } from './decide.js';
import { fillGridCandle } from './fills.js';
import { initialGridState } from './state.js';
import { context, reading, smallGrid } from './test-helpers.js';

/**
 * The simulated exchange on one candle. The grid is centred at 100 with ATR 2: buys at 98 and 96
 * (1,000 each of 10,000). Fee 0.1 %, slippage 0.1 %.
 */
const money = { feeRate: 0.001, slippage: 0.001 };
const cash = Decimal.fromNumber(10_000);
const Q98 = '10.204081632653061224';
const Q96 = '10.416666666666666666';
const candle = (open: number, high: number, low: number) => ({ index: 4, time: 4, open, high, low });

function placed(strategy = smallGrid()) {
  return gridDecide(initialGridState(), reading(3), context(strategy)).state;
}

describe('fillGridCandle', () => {
  it('fills a buy at its level x (1 + slippage) and pays the fee from cash', () => {
    const r = fillGridCandle(placed(), candle(100, 100.5, 97.5), smallGrid(), money, cash);
    expect(r.fills.map((f) => [f.kind, f.orderId, f.price, f.quantity])).toEqual([['buy', 'grid-1', '98.098', Q98]]);
    const cost = Decimal.from(Q98).mul('98.098').mul('1.001');
    expect(r.cash.eq(cash.sub(cost))).toBe(true);
    expect(r.state.levels[0]!.lot).toMatchObject({ quantity: Q98, price: '98.098', index: 4, sellId: null });
  });

  it('fills at the open when the candle opens below a buy level', () => {
    const r = fillGridCandle(placed(), candle(97, 97.5, 95), smallGrid(), money, cash);
    expect(r.fills.map((f) => [f.orderId, f.price])).toEqual([
      ['grid-1', '97.097'],
      ['grid-2', '96.096'],
    ]);
  });

  it('does not sell a lot in the candle that bought it (its sell is placed at the close)', () => {
    const r = fillGridCandle(placed(), candle(100, 103, 97), smallGrid(), money, cash);
    expect(r.trades).toEqual([]);
    expect(r.state.levels[0]!.lot).not.toBeNull();
  });

  it('sells at the open when the candle opens above the sell price', () => {
    const held = fillGridCandle(placed(), candle(100, 100.5, 97.5), smallGrid(), money, cash);
    const next = gridDecide(held.state, reading(4, { close: 99 }), context(smallGrid()));
    const r = fillGridCandle(next.state, { ...candle(101, 102, 100.5), index: 5 }, smallGrid(), money, held.cash);
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({ reason: 'GRID', exitPrice: expect.closeTo(100.899, 9) });
  });

  it('takes the path open -> low: a buy above the stop fills, then the stop fires before the lower level', () => {
    const sl = smallGrid({ stopLossPercent: 2 });
    // Down from 100: buy 98 fills; stop = 98 x 0.98 = 96.04 is reached before the level at 96.
    const r = fillGridCandle(placed(sl), candle(100, 101, 90), sl, money, cash);
    expect(r.fills.map((f) => [f.kind, f.orderId ?? null])).toEqual([
      ['buy', 'grid-1'],
      ['stop', null],
    ]);
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({ reason: 'STOP', exitPrice: expect.closeTo(96.04 * 0.999, 9) });
    expect(r.state.centre).toBeNull();
    expect(r.state.levels).toEqual([]);
  });

  it('reduces a buy to what cash can pay', () => {
    const r = fillGridCandle(placed(), candle(100, 100.5, 97.5), smallGrid(), money, Decimal.from(500));
    const q = Decimal.from(r.fills[0]!.quantity);
    expect(q.lt(Q98)).toBe(true);
    expect(r.cash.isNegative()).toBe(false);
    expect(r.cash.lt('0.000001')).toBe(true);
  });

  it('closes every lot on a stop fill, sharing its fee by quantity', () => {
    const both = fillGridCandle(placed(), candle(97, 97.5, 95), smallGrid(), money, cash).state;
    const r = applyGridFill(both, { kind: 'stop', price: '95', quantity: '20', fee: '0.7', index: 5, time: 5 });
    expect(r.trades.map((t) => t.reason)).toEqual(['STOP', 'STOP']);
    const exitFees = r.trades.map((t, i) => Decimal.from(t.feesExact!).sub(both.levels[i]!.lot!.fee));
    expect(Decimal.sum(exitFees).eq('0.7')).toBe(true);
    expect(r.trades[0]!.quantity).toBeCloseTo(Number(Q98), 12);
    expect(r.trades[1]!.quantity).toBeCloseTo(Number(Q96), 12);
  });
});
