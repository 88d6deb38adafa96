import { describe, expect, it } from 'vitest';
import { Decimal } from '../money/decimal.js';
import { exchangeLimitsOf } from './exchange-limits.js';
import { BTC_MARKET } from './risk-fixtures.js';
import { fixedFractionSize, kellyFraction, kellySize, volatilitySize, type SizeResult } from './sizing.js';

const d = (s: string) => Decimal.parse(s);
// BTC/USD at 60,000; amount step 0.0001, minimum 0.0001 BTC and 5 USD.
const common = { equity: d('10000'), price: d('60000'), market: exchangeLimitsOf(BTC_MARKET) };

function sized(r: SizeResult) {
  if (!r.ok) throw new Error(`${r.reason}: ${r.message}`);
  return { quantity: r.quantity.toString(), notional: r.notional.toString(), fraction: r.fraction.toString() };
}

describe('fixed fraction', () => {
  it('10 % of 10,000 USD at 60,000 = 0.016666... BTC, rounded down to 0.0166 (996 USD)', () => {
    expect(sized(fixedFractionSize({ ...common, percent: 10 }))).toEqual({
      quantity: '0.0166',
      notional: '996',
      fraction: '0.1',
    });
  });

  it('refuses a size that rounds to nothing, or costs less than the exchange minimum', () => {
    expect(fixedFractionSize({ ...common, percent: 0.01 })).toMatchObject({ ok: false, reason: 'BELOW_MIN_AMOUNT' });
    const fine = { amountStep: d('0.00001'), minAmount: d('0.00001'), minCost: d('5') };
    // 0.04 % = 4 USD -> 0.00006 BTC = 3.6 USD < 5 USD.
    const r = fixedFractionSize({ ...common, market: fine, percent: 0.04 });
    expect(r).toMatchObject({ ok: false, reason: 'BELOW_MIN_COST', quantity: d('0.00006') });
    if (!r.ok) expect(r.message).toContain("costs 3.6, below the exchange's minimum cost 5");
  });

  it('refuses invalid input with a reason', () => {
    expect(fixedFractionSize({ ...common, equity: d('0'), percent: 10 })).toMatchObject({
      ok: false,
      reason: 'INVALID_INPUT',
    });
    expect(fixedFractionSize({ ...common, percent: -1 })).toMatchObject({ ok: false, reason: 'INVALID_INPUT' });
  });
});

describe('volatility (ATR) based', () => {
  it('risk 1 % (100 USD) on a 2 x ATR 1,500 stop (3,000 USD away) = 0.0333 BTC', () => {
    const r = sized(volatilitySize({ ...common, riskPercent: 1, atr: 1500, atrMultiple: 2 }));
    expect(r).toEqual({ quantity: '0.0333', notional: '1998', fraction: '0.1998' });
  });

  it('a calmer market (ATR 500) means a bigger size, up to the cap', () => {
    expect(sized(volatilitySize({ ...common, riskPercent: 1, atr: 500, atrMultiple: 2 })).quantity).toBe('0.1');
    const capped = sized(volatilitySize({ ...common, riskPercent: 1, atr: 500, atrMultiple: 2, maxPercent: 20 }));
    expect(capped).toEqual({ quantity: '0.0333', notional: '1998', fraction: '0.1998' });
  });

  it('refuses a missing ATR', () => {
    expect(volatilitySize({ ...common, riskPercent: 1, atr: Number.NaN, atrMultiple: 2 })).toMatchObject({
      ok: false,
      reason: 'INVALID_INPUT',
    });
  });
});

describe('fractional Kelly', () => {
  it('f* = W - (1 - W) / R: 0.55 - 0.45 / 1.5 = 0.25', () => {
    expect(kellyFraction(0.55, 1.5).toString()).toBe('0.25');
    expect(kellyFraction(0.6, 2).toString()).toBe('0.4');
  });

  it('half Kelly of 0.25 = 12.5 % = 1,250 USD -> 0.0208 BTC', () => {
    expect(sized(kellySize({ ...common, winRate: 0.55, payoffRatio: 1.5 }))).toEqual({
      quantity: '0.0208',
      notional: '1248',
      fraction: '0.125',
    });
  });

  it('capped at 20 %: W 0.7, R 2 gives f* 0.55, half 0.275, capped to 0.2 -> 0.0333 BTC', () => {
    expect(sized(kellySize({ ...common, winRate: 0.7, payoffRatio: 2 }))).toEqual({
      quantity: '0.0333',
      notional: '1998',
      fraction: '0.2',
    });
    expect(sized(kellySize({ ...common, winRate: 0.7, payoffRatio: 2, fraction: 0.25, capPercent: 10 })).fraction).toBe(
      '0.1',
    );
  });

  it('never negative: no edge, no entry', () => {
    const r = kellySize({ ...common, winRate: 0.4, payoffRatio: 1 });
    expect(r).toMatchObject({ ok: false, reason: 'NO_EDGE' });
    if (!r.ok) expect(r.message).toContain('the Kelly fraction is -0.2 (win rate 0.4, payoff 1): no edge');
    expect(kellySize({ ...common, winRate: 0.5, payoffRatio: 1 })).toMatchObject({ ok: false, reason: 'NO_EDGE' });
  });

  it('refuses impossible statistics', () => {
    expect(kellySize({ ...common, winRate: 1.2, payoffRatio: 1 })).toMatchObject({
      ok: false,
      reason: 'INVALID_INPUT',
    });
    expect(kellySize({ ...common, winRate: 0.6, payoffRatio: 0 })).toMatchObject({
      ok: false,
      reason: 'INVALID_INPUT',
    });
    expect(kellySize({ ...common, winRate: 0.6, payoffRatio: 2, fraction: 1.5 })).toMatchObject({ ok: false });
  });
});
