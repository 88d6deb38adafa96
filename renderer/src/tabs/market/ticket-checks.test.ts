import { describe, expect, it } from 'vitest';
import type { MarketInfo } from '../../../../shared/domain/market';
import { checkTicket, type TicketInput } from './ticket-checks';

const SOL: MarketInfo = {
  symbol: 'SOL/USD',
  base: 'SOL',
  quote: 'USD',
  priceStep: 0.01,
  amountStep: 0.0001,
  minAmount: 0.05,
  minCost: 5,
};
const ticket = (over: Partial<TicketInput>): TicketInput => ({
  symbol: 'SOL/USD',
  market: SOL,
  kind: 'market',
  amountIn: 'base',
  amount: '',
  price: '',
  estPrice: 186.24,
  ...over,
});

describe('the order ticket checks the market limits while the trader types', () => {
  it('says why Submit is disabled for no amount and for 0', () => {
    expect(checkTicket(ticket({ amount: '' }))).toMatchObject({ ok: false, hint: 'Enter an amount to submit' });
    expect(checkTicket(ticket({ amount: '0' }))).toMatchObject({
      ok: false,
      amountError: 'The amount is 0: enter more than 0 SOL to submit',
    });
  });

  it('checks the amount step with the number to use', () => {
    expect(checkTicket(ticket({ amount: '0.123456789' })).amountError).toBe(
      'SOL/USD amounts go in steps of 0.0001 SOL (4 decimals): use 0.1234',
    );
  });

  it('checks the minimum amount and the minimum cost with the market numbers', () => {
    expect(checkTicket(ticket({ amount: '0.01' })).amountError).toBe(
      'The minimum amount on SOL/USD is 0.05 SOL (this order: 0.0100 SOL)',
    );
    expect(
      checkTicket(ticket({ amount: '0.02', estPrice: 186.24, market: { ...SOL, minAmount: 0.01 } })).amountError,
    ).toBe('The minimum order value on SOL/USD is 5.00 USD (this order: ≈ 3.72 USD)');
    expect(
      checkTicket(ticket({ amountIn: 'quote', amount: '4', market: { ...SOL, minAmount: 0.01 } })).amountError,
    ).toBe('The minimum order value on SOL/USD is 5.00 USD (this order: ≈ 4.00 USD)');
  });

  it('accepts an order at the limits', () => {
    expect(checkTicket(ticket({ amount: '0.05', estPrice: 100 }))).toMatchObject({ ok: true, amountError: null });
    expect(checkTicket(ticket({ amountIn: 'quote', amount: '5', estPrice: 100 }))).toMatchObject({ ok: true });
  });

  it('checks a limit price against the price step', () => {
    const t = checkTicket(ticket({ kind: 'limit', amount: '1', price: '186.245', estPrice: 186.245 }));
    expect(t).toMatchObject({ ok: false, priceError: 'SOL/USD prices go in steps of 0.01 USD: use 186.24' });
    expect(checkTicket(ticket({ kind: 'limit', amount: '1', price: '' }))).toMatchObject({
      ok: false,
      hint: 'Enter a limit price to submit',
    });
  });
});
