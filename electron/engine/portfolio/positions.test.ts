import { describe, expect, it } from 'vitest';
import { dec } from '../money/decimal.js';
import type { Fill } from '../orders/order-events.js';
import { makeFill } from '../orders/order-fixtures.js';
import { type Position, applyFillToPosition, averageEntry, flatPosition, unrealizedPnl } from './positions.js';

const buy = (id: string, qty: string, price: string, fee = '0', feeCurrency = 'USD'): Fill =>
  makeFill(id, qty, price, { side: 'buy', fee: dec(fee), feeCurrency });
const sell = (id: string, qty: string, price: string, fee = '0', feeCurrency = 'USD'): Fill =>
  makeFill(id, qty, price, { side: 'sell', fee: dec(fee), feeCurrency });

function run(...fills: Fill[]): Position {
  let position = flatPosition('BTC/USD')!;
  for (const fill of fills) {
    const result = applyFillToPosition(position, fill);
    if (!result.ok) throw new Error(result.error);
    position = result.position;
  }
  return position;
}

const money = (p: Position) => ({
  quantity: p.quantity.toString(),
  cost: p.cost.toString(),
  averageEntry: averageEntry(p).toString(),
  realizedPnl: p.realizedPnl.toString(),
  fees: p.fees.toString(),
});

describe('spot positions: worked examples', () => {
  it('buys re-average the entry; sells realize against it; fees stay apart', () => {
    // buy 1 @ 100 (fee 0.10) + buy 1 @ 110 (fee 0.11): 2 held, cost 210, entry 105, fees 0.21
    const bought = run(buy('T1', '1', '100', '0.1'), buy('T2', '1', '110', '0.11'));
    expect(money(bought)).toEqual({ quantity: '2', cost: '210', averageEntry: '105', realizedPnl: '0', fees: '0.21' });

    // sell 0.5 @ 120 (fee 0.06): cost out 210 x 0.5 / 2 = 52.5, realized 60 - 52.5 = 7.5; entry stays 105
    const partly = run(buy('T1', '1', '100', '0.1'), buy('T2', '1', '110', '0.11'), sell('T3', '0.5', '120', '0.06'));
    expect(money(partly)).toEqual({
      quantity: '1.5',
      cost: '157.5',
      averageEntry: '105',
      realizedPnl: '7.5',
      fees: '0.27',
    });
    // at a mark of 100: 1.5 x 100 - 157.5 = -7.5 unrealized
    expect(unrealizedPnl(partly, dec('100')).toString()).toBe('-7.5');

    // sell the remaining 1.5 @ 90 (fee 0.135): realized += 135 - 157.5 = -22.5 -> -15 in all
    const closed = applyFillToPosition(partly, sell('T4', '1.5', '90', '0.135'));
    expect(closed.ok && money(closed.position)).toEqual({
      quantity: '0',
      cost: '0',
      averageEntry: '0',
      realizedPnl: '-15',
      fees: '0.405',
    });
    // net P&L = realized - fees = -15 - 0.405 = -15.405
  });

  it('a full round trip realizes exactly proceeds - cost, even when the entry does not terminate', () => {
    // buy 1 @ 100.1 + 2 @ 100.2: cost 300.5 for 3, entry 100.1666...
    const held = run(buy('T1', '1', '100.1'), buy('T2', '2', '100.2'));
    expect(averageEntry(held).toString()).toBe('100.166666666666666667');
    // sell 1 @ 101: cost out 300.5 / 3 rounded to 18 digits
    const partly = run(buy('T1', '1', '100.1'), buy('T2', '2', '100.2'), sell('T3', '1', '101'));
    expect(partly.realizedPnl.toString()).toBe('0.833333333333333333');
    expect(partly.cost.toString()).toBe('200.333333333333333333');
    // sell the other 2 @ 101: the last sale takes exactly the cost left; 3 x 101 - 300.5 = 2.5
    const closed = run(
      buy('T1', '1', '100.1'),
      buy('T2', '2', '100.2'),
      sell('T3', '1', '101'),
      sell('T4', '2', '101'),
    );
    expect(closed.realizedPnl.toString()).toBe('2.5');
    expect(closed.cost.isZero()).toBe(true);
  });

  it('a fee charged in the base currency is units: fewer bought, more sold', () => {
    // buy 1 @ 100, fee 0.001 BTC: holds 0.999 at entry 100 (cost 99.9); fee worth 0.1 USD
    const bought = run(buy('T1', '1', '100', '0.001', 'BTC'));
    expect(money(bought)).toEqual({
      quantity: '0.999',
      cost: '99.9',
      averageEntry: '100',
      realizedPnl: '0',
      fees: '0.1',
    });
    // sell 0.5 @ 110, fee 0.0005 BTC: gives up 0.5005; cost out 50.05; realized 55.055 - 50.05 = 5.005
    const sold = run(buy('T1', '1', '100', '0.001', 'BTC'), sell('T2', '0.5', '110', '0.0005', 'BTC'));
    expect(money(sold)).toEqual({
      quantity: '0.4985',
      cost: '49.85',
      averageEntry: '100',
      realizedPnl: '5.005',
      fees: '0.155',
    });
  });

  it('a fee in a third currency leaves the position alone', () => {
    const p = run(buy('T1', '1', '100', '5', 'KFEE'));
    expect(money(p)).toEqual({ quantity: '1', cost: '100', averageEntry: '100', realizedPnl: '0', fees: '0' });
  });

  it('refuses to sell more than is held (spot: no shorts)', () => {
    const held = run(buy('T1', '1', '100'));
    const result = applyFillToPosition(held, sell('T2', '1.00000001', '100'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/sells 1.00000001 BTC but the position holds 1: .*cannot go short/);
    expect(applyFillToPosition(held, sell('T2', '1', '100', '0.001', 'BTC')).ok).toBe(false);
    expect(applyFillToPosition(flatPosition('BTC/USD')!, sell('T3', '0.1', '100')).ok).toBe(false);
  });
});
