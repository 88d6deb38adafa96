/**
 * Tests of the contract schemas in shared/domain/orders.ts (kept here, beside the engine code
 * that produces the views; shared/ has no test of its own for them).
 */
import { describe, expect, it } from 'vitest';
import {
  DecimalString,
  OrderRequest,
  PositiveDecimalString,
  NonNegativeDecimalString,
  type OrderRequestInput,
} from '../../../shared/domain/orders.js';

const messages = (input: unknown) => {
  const result = OrderRequest.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('money travels as decimal strings', () => {
  it.each(['0', '0.00000001', '60000.1', '-12.5', '007'])('accepts %s', (s) => {
    expect(DecimalString.safeParse(s).success).toBe(true);
  });
  it.each(['', '1e-8', '.5', '1.', ' 1', '1,5', 'NaN', '+1', '0x1'])('refuses %j', (s) => {
    expect(DecimalString.safeParse(s).success).toBe(false);
  });
  it('refuses numbers: a float is never money on the contract', () => {
    expect(DecimalString.safeParse(0.1).success).toBe(false);
  });
  it('checks signs without floats', () => {
    expect(PositiveDecimalString.safeParse('0.00000001').success).toBe(true);
    expect(PositiveDecimalString.safeParse('0.000').success).toBe(false);
    expect(PositiveDecimalString.safeParse('-1').success).toBe(false);
    expect(NonNegativeDecimalString.safeParse('-0.0').success).toBe(true);
    expect(NonNegativeDecimalString.safeParse('-0.1').success).toBe(false);
  });
});

describe('OrderRequest', () => {
  const limit: OrderRequestInput = { symbol: 'BTC/USD', side: 'buy', type: 'limit', quantity: '0.01', price: '60000' };

  it('accepts a limit order and defaults timeInForce to GTC', () => {
    expect(OrderRequest.parse(limit)).toEqual({ ...limit, timeInForce: 'GTC' });
  });

  it('accepts a market order by quote amount, and engine-managed orders with their triggers', () => {
    expect(messages({ symbol: 'ETH/USD', side: 'buy', type: 'market', quoteAmount: '100' })).toEqual([]);
    expect(messages({ symbol: 'BTC/USD', side: 'sell', type: 'stop_loss', quantity: '1', stopPrice: '55000' })).toEqual(
      [],
    );
    expect(
      messages({ symbol: 'BTC/USD', side: 'sell', type: 'trailing_stop', quantity: '1', trailPercent: '2.5' }),
    ).toEqual([]);
    expect(messages({ ...limit, expiresInMs: 60_000 })).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['neither amount', { quantity: undefined }, /exactly one of quantity .* or quoteAmount/],
    ['both amounts', { quoteAmount: '100' }, /exactly one of quantity/],
    ['a limit without price', { price: undefined }, /price: a limit order needs a price/],
    ['a market with price', { type: 'market' }, /market order takes no price/],
    ['a float quantity', { quantity: 0.01 }, /quantity/],
    ['a zero quantity', { quantity: '0' }, /must be above zero/],
    ['a negative price', { price: '-1' }, /must be above zero/],
    ['a bad symbol', { symbol: 'btcusd' }, /BASE\/QUOTE/],
    ['a stop loss without trigger', { type: 'stop_loss' }, /stopPrice: a stop_loss order needs a stopPrice/],
    ['a stopPrice on a limit', { stopPrice: '1' }, /limit order takes no stopPrice/],
    ['a trail of 100 %', { type: 'trailing_stop', price: undefined, trailPercent: '100' }, /below 100/],
    ['a trail on a limit', { trailPercent: '1' }, /only a trailing_stop/],
    ['an expiry on IOC', { timeInForce: 'IOC', expiresInMs: 1000 }, /expiry needs timeInForce GTC/],
    ['an unknown field', { leverage: 5 }, /leverage|Unrecognized/i],
  ])('refuses %s with a clear message', (_label, change, message) => {
    const found = messages({ ...limit, ...change });
    expect(found.join('\n')).toMatch(message);
  });
});
