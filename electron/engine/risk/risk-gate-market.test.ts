import { describe, expect, it } from 'vitest';
import type { BookTop } from '../../../shared/domain/market.js';
import type { RiskRule } from '../../../shared/domain/risk.js';
import { evaluateOrder } from './risk-gate.js';
import { BTC_MARKET, buy, context, d, NOW, settings } from './risk-fixtures.js';
import type { RiskDecision } from './types.js';

function expectVeto(decision: RiskDecision, rule: RiskRule, ...inMessage: string[]) {
  if (decision.approved) throw new Error(`expected ${rule}, got approval`);
  expect(decision.veto.rule).toBe(rule);
  for (const text of inMessage) expect(decision.veto.message).toContain(text);
  return decision.veto;
}

function expectApproved(decision: RiskDecision) {
  if (!decision.approved) throw new Error(`expected approval, got ${decision.veto.rule}: ${decision.veto.message}`);
  return decision;
}

const book = (bids: [number, number][], asks: [number, number][]): BookTop => ({
  symbol: 'BTC/USD',
  time: NOW,
  bids,
  asks,
});

describe("the exchange's limits", () => {
  const market = { ...BTC_MARKET, minAmount: 0.001, minCost: 50 };

  it('amount step: a multiple passes, anything finer vetoes with the quantity to use', () => {
    expectApproved(evaluateOrder(buy('0.0012'), context({ market }), settings()));
    const veto = expectVeto(
      evaluateOrder(buy('0.00123'), context({ market }), settings()),
      'EXCHANGE_PRECISION',
      '0.00123 BTC is not a multiple of the amount step 0.0001 of BTC/USD: use 0.0012',
    );
    expect(veto.details.suggested).toBe('0.0012');
  });

  it('price step: checked for a limit price', () => {
    expectApproved(
      evaluateOrder(buy('0.002', { orderType: 'limit', priceEstimate: d('49999.9') }), context({ market }), settings()),
    );
    expectVeto(
      evaluateOrder(
        buy('0.002', { orderType: 'limit', priceEstimate: d('49999.95') }),
        context({ market }),
        settings(),
      ),
      'EXCHANGE_PRECISION',
      'the limit price 49999.95 USD is not a multiple of the price step 0.1',
    );
  });

  it('minimum amount: 0.001 passes, 0.0009 vetoes', () => {
    expectApproved(evaluateOrder(buy('0.001'), context({ market }), settings()));
    expectVeto(
      evaluateOrder(buy('0.0009'), context({ market }), settings()),
      'EXCHANGE_MIN_AMOUNT',
      "0.0009 BTC is below the exchange's minimum amount of 0.001 BTC",
    );
  });

  it('minimum cost: 50 USD passes, 49.9999 vetoes', () => {
    const limit = (price: string) => buy('0.001', { orderType: 'limit', priceEstimate: d(price) });
    expectApproved(evaluateOrder(limit('50000'), context({ market }), settings()));
    expectVeto(
      evaluateOrder(limit('49999.9'), context({ market }), settings()),
      'EXCHANGE_MIN_COST',
      "cost of 49.9999 USD (0.001 BTC at 49999.9) is below the exchange's minimum cost of 50 USD",
    );
  });
});

describe('order size per symbol', () => {
  const s = settings({ orderSize: { perSymbol: { 'BTC/USD': { maxQuantity: '0.03', minNotional: '100' } } } });

  it('maximum quantity: 0.03 passes, 0.0301 vetoes', () => {
    expectApproved(evaluateOrder(buy('0.03'), context(), s));
    expectVeto(
      evaluateOrder(buy('0.0301'), context(), s),
      'ORDER_SIZE_MAX',
      'quantity of 0.0301 BTC is above the maximum quantity of 0.03 BTC',
    );
  });

  it('minimum notional: 100 USD passes, 95 vetoes', () => {
    expectApproved(evaluateOrder(buy('0.002'), context(), s));
    expectVeto(
      evaluateOrder(buy('0.0019'), context(), s),
      'ORDER_SIZE_MIN',
      'notional of 95 USD is below the minimum notional of 100 USD',
    );
  });

  it('other symbols and a disabled switch are not limited', () => {
    const off = settings({ orderSize: { enabled: false, perSymbol: { 'BTC/USD': { maxQuantity: '0.01' } } } });
    expectApproved(evaluateOrder(buy('0.02'), context(), off));
  });
});

describe('spread cap (default 0.5 %)', () => {
  it('0.5 % passes, 0.51 % vetoes with the bid and ask', () => {
    const at = book([[99.75, 10]], [[100.25, 10]]);
    const wide = book([[99.75, 10]], [[100.26, 10]]);
    const intent = buy('1', { priceEstimate: d('100.25') });
    expectApproved(evaluateOrder(intent, context({ book: at, market: null }), settings()));
    const veto = expectVeto(
      evaluateOrder(intent, context({ book: wide, market: null }), settings()),
      'SPREAD',
      'spread of BTC/USD is 0.51 % (bid 99.75, ask 100.26 USD): above the 0.5 % cap',
    );
    expect(veto.details).toMatchObject({ bid: '99.75', ask: '100.26', maxPercent: '0.5' });
  });

  it('vetoes when a side of the book is empty', () => {
    expectVeto(
      evaluateOrder(buy('1'), context({ book: book([], [[100, 1]]) }), settings()),
      'SPREAD',
      'no bids or no asks',
    );
  });
});

describe('slippage cap (default 0.5 %), estimated by walking the book', () => {
  const ladder = book(
    [[99.9, 50]],
    [
      [100, 1],
      [101, 1],
      [102, 10],
    ],
  );
  const ctx = context({ book: ladder, market: null, equity: d('100000') });
  const s = settings({ spread: { enabled: false } });

  it('2 units average 100.5 (0.5 %) and pass; 2.01 units average 100.507 and veto', () => {
    expectApproved(evaluateOrder(buy('2', { priceEstimate: d('100') }), ctx, s));
    const veto = expectVeto(
      evaluateOrder(buy('2.01', { priceEstimate: d('100') }), ctx, s),
      'SLIPPAGE',
      'buying 2.01 BTC walks the BTC/USD book to an average of 100.507462686567 USD, 0.51 % from the best price 100',
    );
    expect(veto.details.maxPercent).toBe('0.5');
  });

  it('a market order larger than the book is vetoed', () => {
    expectVeto(
      evaluateOrder(buy('13', { priceEstimate: d('100') }), ctx, s),
      'SLIPPAGE',
      'shows only 12 BTC for buying 13 BTC',
    );
  });

  it('a limit order stops at its limit: the rest rests and does not slip', () => {
    expectApproved(evaluateOrder(buy('5', { orderType: 'limit', priceEstimate: d('100') }), ctx, s));
  });
});

describe('ATR spike breaker (default 30 % over a 20-candle mean, 30 min cooling)', () => {
  const MIN = 60_000;
  const series = (last: number) => {
    const time = Array.from({ length: 21 }, (_, i) => NOW - (20 - i) * 15 * MIN);
    const atr = [...Array.from({ length: 20 }, () => 100), last];
    return { time, atr };
  };

  it('an ATR 30 % above the mean passes, above it pauses entries until the cooling ends', () => {
    expectApproved(evaluateOrder(buy('0.001'), context({ atr: series(130) }), settings()));
    const veto = expectVeto(
      evaluateOrder(buy('0.001'), context({ atr: series(131), now: NOW + 5 * MIN }), settings()),
      'ATR_SPIKE',
      'jumped to 131 at 2024-03-01 12:00:00 UTC, 31 % above its 20-candle average 100 (threshold 30 %)',
      'pause until 2024-03-01 12:30:00 UTC (25 min left of a 30 min cooling period)',
    );
    expect(veto.details.pausedUntil).toBe(String(NOW + 30 * MIN));
  });

  it('entries resume when the cooling period is over', () => {
    expectApproved(evaluateOrder(buy('0.001'), context({ atr: series(131), now: NOW + 30 * MIN }), settings()));
  });
});

describe('exposure caps', () => {
  it('capital per symbol: 20 % of equity passes, beyond vetoes with the room left', () => {
    expectApproved(evaluateOrder(buy('0.04'), context(), settings()));
    const veto = expectVeto(
      evaluateOrder(buy('0.0401'), context(), settings()),
      'CAPITAL_PER_SYMBOL',
      'the capital in BTC/USD would be 2,005.00 USD (20.05 % of equity 10,000.00 USD): above the 20 % limit (2,000.00 USD)',
    );
    expect(veto.details).toMatchObject({ current: '0', after: '2005', limit: '2000', limitPercent: '20' });
  });

  it('counts the position and open buys of the symbol', () => {
    const positions = { 'BTC/USD': { quantity: d('0.02'), markPrice: d('50000') } };
    const openOrders = [{ symbol: 'BTC/USD', side: 'buy' as const, remaining: d('0.01'), price: d('49000') }];
    expectApproved(evaluateOrder(buy('0.0102'), context({ positions, openOrders }), settings()));
    expectVeto(
      evaluateOrder(buy('0.0103'), context({ positions, openOrders }), settings()),
      'CAPITAL_PER_SYMBOL',
      'room left: 510.00 USD',
    );
  });

  it('total exposure: 80 % of equity passes, beyond vetoes', () => {
    const positions = {
      'ETH/USD': { quantity: d('1'), markPrice: d('3000') },
      'SOL/USD': { quantity: d('30'), markPrice: d('100') },
    };
    const s = settings({ capitalPerSymbol: { percent: 100 } });
    expectApproved(evaluateOrder(buy('0.04'), context({ positions }), s));
    expectVeto(
      evaluateOrder(buy('0.0401'), context({ positions }), s),
      'TOTAL_EXPOSURE',
      'the total exposure would be 8,005.00 USD (80.05 % of equity 10,000.00 USD): above the 80 % limit (8,000.00 USD)',
    );
  });

  it('with no equity, nothing can be bought', () => {
    expectVeto(evaluateOrder(buy('0.001'), context({ equity: d('0') }), settings()), 'CAPITAL_PER_SYMBOL');
  });
});
