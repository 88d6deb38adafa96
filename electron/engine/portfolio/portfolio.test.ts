import { describe, expect, it } from 'vitest';
import { PortfolioView } from '../../../shared/domain/orders.js';
import { Decimal, dec } from '../money/decimal.js';
import type { Fill } from '../orders/order-events.js';
import { accepted, applyAll, makeFill, newOrder, partial, filledBy, submitted } from '../orders/order-fixtures.js';
import { Portfolio } from './portfolio.js';

const buy = (id: string, qty: string, price: string, fee = '0', extra: Partial<Fill> = {}): Fill =>
  makeFill(id, qty, price, { side: 'buy', fee: dec(fee), ...extra });
const sell = (id: string, qty: string, price: string, fee = '0', extra: Partial<Fill> = {}): Fill =>
  makeFill(id, qty, price, { side: 'sell', fee: dec(fee), ...extra });

function funded(usd = '1000'): Portfolio {
  const p = new Portfolio({ quoteCurrency: 'USD' });
  p.setBalance('USD', dec(usd));
  return p;
}

describe('portfolio: fills move balances, positions and fees exactly once', () => {
  it('a worked example: buy, duplicate, mark, sell', () => {
    const p = funded('1000');
    // buy 0.5 BTC @ 100 with a 0.05 USD fee: USD 1000 - 50 - 0.05 = 949.95, BTC 0.5
    expect(p.applyFill(buy('T1', '0.5', '100', '0.05'))).toEqual({ ok: true, outcome: 'applied' });
    expect(p.applyFill(buy('T1', '0.5', '100', '0.05'))).toEqual({ ok: true, outcome: 'duplicate' });
    expect(p.balance('USD').total.toString()).toBe('949.95');
    expect(p.balance('BTC').total.toString()).toBe('0.5');

    // at a mark of 120: equity 949.95 + 0.5 x 120 = 1009.95; unrealized 60 - 50 = 10
    const marked = p.view({ 'BTC/USD': dec('120') });
    expect(marked.equity).toBe('1009.95');
    expect(marked.positions).toEqual([
      {
        symbol: 'BTC/USD',
        quantity: '0.5',
        averageEntry: '100',
        realizedPnl: '0',
        unrealizedPnl: '10',
        fees: '0.05',
        markPrice: '120',
      },
    ]);

    // sell 0.2 @ 130 with a 0.026 fee: USD + 26 - 0.026 = 975.924; realized 0.2 x (130 - 100) = 6
    expect(p.applyFill(sell('T2', '0.2', '130', '0.026')).ok).toBe(true);
    expect(p.balance('USD').total.toString()).toBe('975.924');
    expect(p.position('BTC/USD')?.realizedPnl.toString()).toBe('6');
    expect(p.fees()).toEqual({ USD: dec('0.076') });
    // equity at 130: 975.924 + 0.3 x 130 = 1014.924 = 1000 + 6 realized + 9 unrealized - 0.076 fees
    expect(p.view({ 'BTC/USD': dec('130') }).equity).toBe('1014.924');
  });

  it('refuses what spot cannot do, and changes nothing when it refuses', () => {
    const p = funded('100');
    const before = p.snapshot();
    const tooDear = p.applyFill(buy('T1', '1', '100', '0.26'));
    expect(tooDear.ok).toBe(false);
    if (!tooDear.ok) expect(tooDear.error).toMatch(/leave USD at -0.26 .*cannot go negative/);
    const short = p.applyFill(sell('T2', '0.1', '100'));
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.error).toMatch(/cannot go short/);
    expect(p.snapshot()).toEqual(before);
    // A refused fill is not remembered as applied: after reconciling it can still be applied.
    p.setBalance('USD', dec('200'));
    expect(p.applyFill(buy('T1', '1', '100', '0.26'))).toEqual({ ok: true, outcome: 'applied' });
  });

  it('applies every trade exactly once whatever order and repetition the reports come in', () => {
    const fills = [buy('A', '0.1', '100'), buy('B', '0.2', '101.5', '0.01'), sell('C', '0.15', '103', '0.02')];
    const reference = funded();
    for (const fill of fills) reference.applyFill(fill);
    for (let seed = 1; seed <= 50; seed++) {
      const p = funded();
      let state = seed;
      const stream = [...fills, ...fills, ...fills].sort(() => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return (state % 3) - 1;
      });
      // buys first where a sell would otherwise come before its buy; repeats anywhere
      const ordered = [...stream.filter((f) => f.side === 'buy'), ...stream.filter((f) => f.side === 'sell')];
      for (const fill of ordered) expect(p.applyFill(fill).ok).toBe(true);
      expect(p.snapshot()).toEqual(reference.snapshot());
    }
  });

  it('remembers trades applied in an earlier session through the journal', () => {
    const p = funded();
    p.applyFill(buy('T1', '0.5', '100'));
    const journal = new Set(['T1']);
    const restored = Portfolio.restore(p.snapshot(), (id) => journal.has(id));
    expect(restored.applyFill(buy('T1', '0.5', '100'))).toEqual({ ok: true, outcome: 'duplicate' });
    expect(restored.snapshot()).toEqual(p.snapshot());
  });
});

describe('portfolio: locks for open orders', () => {
  it('a limit buy holds its remaining cost, shrinking as it fills and released when done', () => {
    const p = funded('1000');
    const fresh = newOrder({ quantity: dec('1'), price: dec('100') });
    expect(p.syncOrderLock(fresh)).toEqual({ currency: 'USD', amount: dec('100') });
    expect(p.available('USD').toString()).toBe('900');
    p.syncOrderLock(fresh); // idempotent
    expect(p.balance('USD').locked.toString()).toBe('100');

    const fill1 = buy('T1', '0.4', '100');
    const partly = applyAll(fresh, submitted(), accepted(), partial(fill1));
    p.applyFill(fill1);
    p.syncOrderLock(partly);
    // total 960, locked 0.6 x 100 = 60, available 900
    expect(p.balance('USD')).toEqual({ currency: 'USD', total: dec('960'), locked: dec('60') });

    const fill2 = buy('T2', '0.6', '100');
    const done = applyAll(partly, filledBy(fill2, 4));
    p.applyFill(fill2);
    expect(p.syncOrderLock(done)).toBeNull();
    expect(p.balance('USD')).toEqual({ currency: 'USD', total: dec('900'), locked: Decimal.ZERO });
  });

  it('a sell holds base; a market buy holds an estimate (with a fee reserve); engine-managed orders hold nothing', () => {
    const p = funded('1000');
    p.setBalance('BTC', dec('0.5'));
    const sellOrder = newOrder({ side: 'sell', quantity: dec('0.3'), price: dec('120') });
    expect(p.syncOrderLock(sellOrder)).toEqual({ currency: 'BTC', amount: dec('0.3') });
    const market = newOrder({
      clientOrderId: '11111111-1111-4111-8111-111111111111',
      orderType: 'market',
      price: null,
    });
    expect(p.syncOrderLock(market)).toBeNull();
    const estimated = p.syncOrderLock(market, { estimatePrice: dec('101'), feeRate: dec('0.0026') });
    expect(estimated?.amount.toString()).toBe('101.2626'); // 101 + 0.26 %
    const stop = newOrder({
      clientOrderId: '22222222-2222-4222-8222-222222222222',
      orderType: 'stop_loss',
      side: 'sell',
      price: null,
      stopPrice: dec('90'),
    });
    expect(p.syncOrderLock(stop)).toBeNull();

    const view = p.view();
    expect(view.balances).toEqual([
      { currency: 'BTC', total: '0.5', available: '0.2', locked: '0.3' },
      { currency: 'USD', total: '1000', available: '898.7374', locked: '101.2626' },
    ]);
  });
});

describe('portfolio: equity and the view', () => {
  it('leaves unpriced positions out of equity and says which they are', () => {
    const p = funded('1000');
    p.setBalance('EUR', dec('500'));
    p.applyFill(buy('T1', '1', '100'));
    p.applyFill(buy('T2', '2', '50', '0', { symbol: 'ETH/EUR' }));
    const view = p.view({ 'ETH/EUR': dec('60') });
    // USD 900, BTC/USD has no mark, ETH/EUR is quoted in EUR: equity is the USD balance alone
    expect(view.equity).toBe('900');
    expect(view.unpricedSymbols).toEqual(['BTC/USD', 'ETH/EUR']);
    expect(PortfolioView.parse(view)).toEqual(view);
  });

  it('refuses bad seeds and negative balances, and seeds outside holdings', () => {
    const p = funded('0');
    expect(p.setBalance('USD', dec('-1')).ok).toBe(false);
    expect(p.seedPosition('BTCUSD', dec('1'), dec('100')).ok).toBe(false);
    p.setBalance('BTC', dec('2'));
    expect(p.seedPosition('BTC/USD', dec('2'), dec('30000')).ok).toBe(true);
    expect(p.seedPosition('BTC/USD', dec('1'), dec('1')).ok).toBe(false);
    expect(p.view({ 'BTC/USD': dec('31000') })).toMatchObject({ equity: '62000' });
    expect(p.view({ 'BTC/USD': dec('31000') }).positions[0]?.unrealizedPnl).toBe('2000');
  });
});
