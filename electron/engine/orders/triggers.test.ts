import { describe, expect, it } from 'vitest';
import { dec } from '../money/decimal.js';
import { applyAll, newOrder } from './order-fixtures.js';
import { checkTrigger, trailingLevel } from './triggers.js';

const armed = (overrides: Parameters<typeof newOrder>[0]) =>
  applyAll(
    newOrder({ price: null, ...overrides }),
    { type: 'OrderSubmitted', at: 1 },
    { type: 'OrderAccepted', at: 1, exchangeOrderId: null },
  );
const q = (bid: string, ask: string) => ({ bid: dec(bid), ask: dec(ask), time: 0 });

describe('engine-managed triggers', () => {
  it('fires a sell stop loss when the bid falls to the stop, and a buy stop when the ask rises to it', () => {
    const sell = armed({ side: 'sell', orderType: 'stop_loss', stopPrice: dec('95') });
    expect(checkTrigger(sell, { extreme: null }, q('95.1', '95.2')).fired).toBe(false);
    const hit = checkTrigger(sell, { extreme: null }, q('95', '95.1'));
    expect(hit).toMatchObject({ fired: true, reason: 'bid 95 reached the stop 95' });
    const buy = armed({ side: 'buy', orderType: 'stop_loss', stopPrice: dec('105') });
    expect(checkTrigger(buy, { extreme: null }, q('104.9', '105')).fired).toBe(true);
  });

  it('fires a take profit on the other side of the market', () => {
    const sell = armed({ side: 'sell', orderType: 'take_profit', stopPrice: dec('110') });
    expect(checkTrigger(sell, { extreme: null }, q('109.9', '110')).fired).toBe(false);
    expect(checkTrigger(sell, { extreme: null }, q('110', '110.1'))).toMatchObject({
      fired: true,
      reason: 'bid 110 reached the target 110',
    });
  });

  it('trails the best price and fires trail % away from it', () => {
    const trail = armed({ side: 'sell', orderType: 'trailing_stop', trailPercent: dec('2') });
    let state = { extreme: null as ReturnType<typeof dec> | null };
    for (const bid of ['100', '110', '108']) {
      const check = checkTrigger(trail, state, q(bid, bid));
      expect(check.fired).toBe(false);
      state = check.state;
    }
    expect(state.extreme?.toString()).toBe('110');
    expect(trailingLevel('sell', dec('110'), dec('2')).toString()).toBe('107.8');
    expect(checkTrigger(trail, state, q('107.8', '108')).fired).toBe(true);
    const buy = armed({ side: 'buy', orderType: 'trailing_stop', trailPercent: dec('2') });
    const low = checkTrigger(buy, { extreme: null }, q('99', '100')).state;
    expect(checkTrigger(buy, low, q('101', '102')).fired).toBe(true);
  });
});
