import { describe, expect, it } from 'vitest';
import { applyGridFill } from './apply.js';
import { gridDecide } from './decide.js';
import { initialGridState, parseGridState } from './state.js';
import { context, reading, smallGrid } from './test-helpers.js';
import type { GridState } from './types.js';

/**
 * The grid rule at a close, on hand-written readings (close 100, ATR 2 unless stated): two levels a
 * side, 1 ATR apart, 20 % of 10,000 equity: 1,000 per level.
 */
const grid = smallGrid();
const ctx = context(grid);

/** The state after a buy fill of order `id` at `price`. */
function bought(state: GridState, id: string, price = '98.098', quantity = '10.204081632653061224') {
  return applyGridFill(state, { kind: 'buy', orderId: id, price, quantity, fee: '1', index: 4, time: 0 }).state;
}

describe('gridDecide: the levels', () => {
  it('places one buy per level below the close, spaced by ATR x multiple, sized capital / levels', () => {
    const d = gridDecide(initialGridState(), reading(3), ctx);
    expect(d.status).toBe('active');
    expect(d.place).toEqual([
      { id: 'grid-1', side: 'buy', price: 98, quantity: '10.204081632653061224', level: 1 },
      { id: 'grid-2', side: 'buy', price: 96, quantity: '10.416666666666666666', level: 2 },
    ]);
    expect(d.cancel).toEqual([]);
    expect(d.stop).toBeNull();
    expect(d.state.centre).toBe(100);

    const half = gridDecide(initialGridState(), reading(3), context(smallGrid({ spacingAtrMultiple: 0.5 })));
    expect(half.place.map((o) => o.price)).toEqual([99, 98]);
  });

  it('waits while an indicator is still warming up', () => {
    const d = gridDecide(initialGridState(), reading(1, { prevAtr: Number.NaN }), ctx);
    expect(d.status).toBe('warming-up');
    expect(d.place).toEqual([]);
  });

  it('keeps the grid until the price leaves it upward, then recentres on the close', () => {
    const first = gridDecide(initialGridState(), reading(3), ctx);
    const stays = gridDecide(first.state, reading(4, { close: 101.9 }), ctx);
    expect(stays.place).toEqual([]);
    expect(stays.cancel).toEqual([]);
    const moved = gridDecide(stays.state, reading(5, { close: 102 }), ctx);
    expect(moved.cancel).toEqual(['grid-1', 'grid-2']);
    expect(moved.place.map((o) => [o.id, o.price])).toEqual([
      ['grid-3', 100],
      ['grid-4', 98],
    ]);
  });

  it('turns a filled buy into a sell one spacing above its level, and re-arms the level after the sell', () => {
    const first = gridDecide(initialGridState(), reading(3), ctx);
    const held = bought(first.state, 'grid-1');
    const d = gridDecide(held, reading(4, { close: 99 }), ctx);
    expect(d.place).toEqual([{ id: 'grid-3', side: 'sell', price: 100, quantity: '10.204081632653061224', level: 1 }]);
    const sold = applyGridFill(d.state, {
      kind: 'sell',
      orderId: 'grid-3',
      price: '99.9',
      quantity: '10.204081632653061224',
      fee: '1',
      index: 5,
      time: 0,
    });
    expect(sold.trades.map((t) => t.reason)).toEqual(['GRID']);
    const rearmed = gridDecide(sold.state, reading(5, { close: 99.5 }), ctx);
    expect(rearmed.place.map((o) => [o.side, o.price])).toEqual([['buy', 98]]);
  });
});

describe('gridDecide: the trend filter', () => {
  it('places no buys while EMA fast < EMA slow, and withdraws the working ones', () => {
    const down = { emaFast: 99, emaSlow: 100 };
    const blocked = gridDecide(initialGridState(), reading(3, down), ctx);
    expect(blocked.status).toBe('trend-blocked');
    expect(blocked.place).toEqual([]);

    const first = gridDecide(initialGridState(), reading(3), ctx);
    const withdrawn = gridDecide(first.state, reading(4, down), ctx);
    expect(withdrawn.cancel).toEqual(['grid-1', 'grid-2']);
    expect(withdrawn.place).toEqual([]);
    expect(withdrawn.state.centre).toBeNull();
  });

  it('still sells held inventory while blocked, and keeps the grid around it', () => {
    const first = gridDecide(initialGridState(), reading(3), ctx);
    const d = gridDecide(bought(first.state, 'grid-1'), reading(4, { close: 99, emaFast: 99, emaSlow: 100 }), ctx);
    expect(d.status).toBe('trend-blocked');
    expect(d.cancel).toEqual(['grid-2']);
    expect(d.place.map((o) => [o.side, o.price])).toEqual([['sell', 100]]);
    expect(d.state.centre).toBe(100);
  });
});

describe('gridDecide: the ATR circuit breaker', () => {
  it('pauses when ATR jumps more than atrSpikePercent in one candle and resumes once it calms', () => {
    const first = gridDecide(initialGridState(), reading(3), ctx);
    // 2 -> 3 is +50 % (threshold 30 %): paused, buys withdrawn, the flat grid dropped.
    const spike = gridDecide(first.state, reading(4, { atr: 3, prevAtr: 2 }), ctx);
    expect(spike.status).toBe('paused');
    expect(spike.cancel).toEqual(['grid-1', 'grid-2']);
    expect(spike.place).toEqual([]);
    // Resumes at ATR <= 2 x 1.15 = 2.3: 2.4 is not calm yet, 2.3 is.
    const still = gridDecide(spike.state, reading(5, { atr: 2.4, prevAtr: 3 }), ctx);
    expect(still.status).toBe('paused');
    expect(still.place).toEqual([]);
    const calm = gridDecide(still.state, reading(6, { atr: 2.3, prevAtr: 2.4 }), ctx);
    expect(calm.status).toBe('active');
    expect(calm.place.map((o) => o.price)).toEqual([100 - 2.3, 100 - 4.6]);
  });

  it('does not trip on a rise at the threshold', () => {
    const d = gridDecide(initialGridState(), reading(3, { atr: 2.6, prevAtr: 2 }), ctx);
    expect(d.status).toBe('active');
  });
});

describe('gridDecide: state, stop and gate', () => {
  it('reports the stop below the lowest held level when a stop loss is set', () => {
    const sl = context(smallGrid({ stopLossPercent: 2 }));
    const first = gridDecide(initialGridState(), reading(3), sl);
    const d = gridDecide(bought(first.state, 'grid-1'), reading(4, { close: 99 }), sl);
    expect(d.stop).toEqual({ price: expect.closeTo(96.04, 9), quantity: '10.204081632653061224' });
  });

  it('asks the gate for every buy and records a veto with its rule', () => {
    const gate = context(grid, 10_000, (intent) =>
      intent.price < 97 ? { approved: false, rule: 'MAX_ORDER_SIZE', detail: 'too big' } : { approved: true },
    );
    const d = gridDecide(initialGridState(), reading(3), gate);
    expect(d.place.map((o) => o.price)).toEqual([98]);
    expect(d.vetoes).toEqual([
      { time: reading(3).time, index: 3, kind: 'entry', side: 'buy', rule: 'MAX_ORDER_SIZE', detail: 'too big' },
    ]);
  });

  it('survives a JSON round trip (a restart) and decides the same from it', () => {
    const first = gridDecide(initialGridState(), reading(3), ctx);
    const held = bought(first.state, 'grid-1');
    const restored = parseGridState(JSON.stringify(held));
    expect(restored).toEqual(held);
    expect(gridDecide(restored, reading(4, { close: 99 }), ctx)).toEqual(
      gridDecide(held, reading(4, { close: 99 }), ctx),
    );
    expect(() => parseGridState('{"version":2}')).toThrow(/not a saved grid state/);
  });

  it('does not change the state it is given', () => {
    const first = gridDecide(initialGridState(), reading(3), ctx);
    const copy = JSON.stringify(first.state);
    gridDecide(first.state, reading(4, { close: 102 }), ctx);
    expect(JSON.stringify(first.state)).toBe(copy);
  });
});
