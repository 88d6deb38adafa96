import { describe, expect, it } from 'vitest';
import { Decimal } from '../money/decimal.js';
import { rankMetrics, replayBook, replaySubAccount } from './sub-account.js';

const d = Decimal.parse;

describe("a run's sub-account", () => {
  it('keeps its own cash, position, realized P&L and fees, exactly', () => {
    const { account, curve } = replaySubAccount(
      d('1000'),
      [
        { time: 1, side: 'buy', price: '100', quantity: '2', fee: '0.52' },
        { time: 2, side: 'buy', price: '110', quantity: '1', fee: '0.286' },
        { time: 3, side: 'sell', price: '120', quantity: '1.5', fee: '0.468' },
      ],
      { time: 4, price: d('130') },
    );
    // Bought 3 at an average of 103.333…; sold 1.5 at 120: realized 1.5 x (120 - 103.333…) - all fees.
    expect(account.cash.toString()).toBe('868.726');
    expect(account.quantity.toString()).toBe('1.5');
    expect(account.fees.toString()).toBe('1.274');
    expect(account.realizedPnl.toFixed(6)).toBe('23.726000');
    expect(account.equity.toString()).toBe('1063.726');
    expect(account.averageEntry.toFixed(6)).toBe('103.333333');
    expect(curve.map((p) => p.time)).toEqual([1, 2, 3, 4]);
    expect(curve[3]!.equity).toBeCloseTo(1063.726, 9);
  });

  it('ignores a sale of more than it holds beyond its position', () => {
    const { account } = replaySubAccount(
      d('100'),
      [
        { time: 1, side: 'buy', price: '10', quantity: '1', fee: '0' },
        { time: 2, side: 'sell', price: '12', quantity: '3', fee: '0' },
      ],
      null,
    );
    expect(account.quantity.toString()).toBe('0');
    expect(account.cash.toString()).toBe('102');
  });

  it("ranks by return on its base, with the worst fall from a peak and the steps' Sharpe", () => {
    const curve = [
      { time: 1, equity: 1100 },
      { time: 2, equity: 990 },
      { time: 3, equity: 1200 },
    ];
    const m = rankMetrics(1000, curve, 1200);
    expect(m.returnPercent).toBeCloseTo(20, 10);
    expect(m.maxDrawdownPercent).toBeCloseTo(10, 10);
    expect(m.sharpe).not.toBeNull();
    expect(rankMetrics(1000, [], 1000)).toEqual({ returnPercent: 0, maxDrawdownPercent: 0, sharpe: null });
  });

  it("keeps an advisor's positions per symbol on one cash balance, each marked at its own price", () => {
    const { book, curve } = replayBook(
      d('1000'),
      [
        { time: 1, symbol: 'BTC/USD', side: 'buy', price: '100', quantity: '2', fee: '0.5' },
        { time: 2, symbol: 'ETH/USD', side: 'buy', price: '10', quantity: '10', fee: '0.25' },
        // Another account's ETH: a sale beyond what this one holds is not its own.
        { time: 3, symbol: 'ETH/USD', side: 'sell', price: '12', quantity: '15', fee: '0.3' },
      ],
      new Map([
        ['BTC/USD', { time: 4, price: d('110') }],
        ['ETH/USD', { time: 5, price: d('11') }],
      ]),
    );
    expect(book.cash.toString()).toBe('818.95'); // 1000 - 200 - 0.5 - 100 - 0.25 + 10 x 12 - 0.3
    expect(book.positions.map((p) => [p.symbol, p.quantity.toString(), p.price.toString()])).toEqual([
      ['BTC/USD', '2', '110'],
      ['ETH/USD', '0', '11'],
    ]);
    expect(book.realizedPnl.toString()).toBe('18.95'); // 20 on ETH - 1.05 fees
    expect(book.unrealizedPnl.toString()).toBe('20');
    expect(book.equity.toString()).toBe('1038.95');
    expect(curve.map((p) => p.time)).toEqual([1, 2, 3, 5]);
    expect(curve[2]!.equity).toBeCloseTo(818.95 + 2 * 100, 9);
  });
});
