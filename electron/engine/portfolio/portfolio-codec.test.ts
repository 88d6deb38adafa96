import { describe, expect, it } from 'vitest';
import { dec } from '../money/decimal.js';
import { makeFill } from '../orders/order-fixtures.js';
import { decodePortfolio, encodePortfolio } from './portfolio-codec.js';
import { Portfolio } from './portfolio.js';

describe('portfolio codec', () => {
  it('round-trips a snapshot exactly (locks are recomputed, not stored)', () => {
    const p = new Portfolio({ quoteCurrency: 'USD' });
    p.setBalance('USD', dec('1000.123456789012345678'));
    p.applyFill(makeFill('T1', '0.3', '100.1', { fee: dec('0.03') }));
    const decoded = decodePortfolio(encodePortfolio(p.snapshot()));
    expect(decoded).toEqual({ ok: true, snapshot: { ...p.snapshot(), locks: {} } });
  });

  it('refuses damaged text with the path of the problem', () => {
    expect(decodePortfolio('{')).toEqual({ ok: false, error: 'portfolio snapshot: not JSON' });
    const bad = decodePortfolio(
      JSON.stringify({ quoteCurrency: 'USD', balances: { USD: '1e5' }, positions: [], feesPaid: {} }),
    );
    expect(bad.ok).toBe(false);
  });
});
