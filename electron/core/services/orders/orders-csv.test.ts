import { describe, expect, it } from 'vitest';
import type { OrderView } from '../../../../shared/domain/orders.js';
import { parseCsvObjects } from '../../testing/parse-csv.js';
import { ordersCsv } from './orders-csv.js';

function order(overrides: Partial<OrderView>): OrderView {
  return {
    clientOrderId: 'c-1',
    exchangeOrderId: 'X-1',
    parentClientOrderId: null,
    symbol: 'BTC/USD',
    side: 'buy',
    type: 'market',
    quantity: '0.00100000',
    price: null,
    stopPrice: null,
    trailPercent: null,
    timeInForce: 'GTC',
    expiresAt: null,
    status: 'FILLED',
    filled: '0.00100000',
    remaining: '0',
    averageFillPrice: '80087.40',
    fees: [{ currency: 'USD', amount: '0.208227240' }],
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    submittedAt: 1_700_000_000_000,
    reason: null,
    lastError: null,
    flags: { adopted: false, needsAttention: false },
    timeline: [],
    ...overrides,
  };
}

describe('the orders CSV', () => {
  it('writes numbers as plain numbers, the fee currency in a column of its own', () => {
    const [row] = parseCsvObjects(ordersCsv([{ venue: 'simulator', view: order({}) }]));
    expect(row).toMatchObject({
      quantity: '0.001',
      filled: '0.001',
      average_fill_price: '80087.4',
      fees: '0.20822724',
      fee_currency: 'USD',
      other_fees: '',
    });
  });

  it('sums the fees of one currency and names fees in another currency apart', () => {
    const [row] = parseCsvObjects(
      ordersCsv([
        {
          venue: 'kraken',
          view: order({
            fees: [
              { currency: 'USD', amount: '0.1' },
              { currency: 'USD', amount: '0.2' },
              { currency: 'BTC', amount: '0.00000100' },
            ],
          }),
        },
      ]),
    );
    expect(row).toMatchObject({ fees: '0.3', fee_currency: 'USD', other_fees: '0.000001 BTC' });
  });
});
