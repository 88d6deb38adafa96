import { describe, expect, it } from 'vitest';
import { dec } from '../money/decimal.js';
import { costWithFees, crossingQuantity, feeFor, oppositeLevels, walkBook } from './book-walk.js';

const book = {
  symbol: 'BTC/USD',
  time: 0,
  bids: [
    [99.9, 1],
    [99.8, 2],
  ] as [number, number][],
  asks: [
    [100.2, 2],
    [100.1, 1],
    [Number.NaN, 5],
  ] as [number, number][],
};

describe('book walk', () => {
  it('takes the opposite side best first, exactly, dropping unusable levels', () => {
    expect(oppositeLevels(book, 'buy').map((l) => l.price.toString())).toEqual(['100.1', '100.2']);
    expect(oppositeLevels(book, 'sell').map((l) => l.price.toString())).toEqual(['99.9', '99.8']);
  });

  it('walks levels for a market order, leaving what the book cannot fill', () => {
    const walk = walkBook(oppositeLevels(book, 'buy'), { side: 'buy', quantity: dec('4'), limit: null });
    expect(walk.matches.map((m) => [m.price.toString(), m.quantity.toString()])).toEqual([
      ['100.1', '1'],
      ['100.2', '2'],
    ]);
    expect(walk.filled.toString()).toBe('3');
    expect(walk.remaining.toString()).toBe('1');
  });

  it('stops at the limit price and never slips a limit order past it', () => {
    const levels = oppositeLevels(book, 'buy');
    const walk = walkBook(levels, {
      side: 'buy',
      quantity: dec('3'),
      limit: dec('100.1'),
      slippageBps: dec('50'),
      priceStep: dec('0.1'),
    });
    expect(walk.matches.map((m) => m.price.toString())).toEqual(['100.1']);
    expect(walk.remaining.toString()).toBe('2');
  });

  it('moves taker prices against the taker by the slippage, on the price step', () => {
    const buy = walkBook(oppositeLevels(book, 'buy'), {
      side: 'buy',
      quantity: dec('1'),
      limit: null,
      slippageBps: dec('10'),
      priceStep: dec('0.1'),
    });
    expect(buy.matches[0]?.price.toString()).toBe('100.3'); // 100.1 * 1.001 = 100.2001, up to the step
    const sell = walkBook(oppositeLevels(book, 'sell'), {
      side: 'sell',
      quantity: dec('1'),
      limit: null,
      slippageBps: dec('10'),
      priceStep: dec('0.1'),
    });
    expect(sell.matches[0]?.price.toString()).toBe('99.8'); // 99.9 * 0.999 = 99.8001, down to the step
  });

  it('measures the liquidity crossing a resting order and charges fees rounded up', () => {
    expect(crossingQuantity(oppositeLevels(book, 'sell'), 'sell', dec('99.8'), dec('10')).toString()).toBe('3');
    expect(crossingQuantity(oppositeLevels(book, 'sell'), 'sell', dec('99.85'), dec('10')).toString()).toBe('1');
    expect(feeFor({ price: dec('100.1'), quantity: dec('0.00000003') }, dec('0.0026')).toString()).toBe('0.00000001');
    expect(costWithFees([{ price: dec('100'), quantity: dec('2') }], dec('0.001')).toString()).toBe('200.2');
  });
});
