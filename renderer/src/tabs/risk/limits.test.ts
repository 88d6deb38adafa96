import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SETTINGS, RISK_LIMITS } from '../../../../shared/domain/risk';
import { fieldError, formFrom, toPatch } from './limits';

describe('the limits form', () => {
  it('refuses a value out of range with the allowed range, and sends only what changed', () => {
    const form = formFrom(DEFAULT_RISK_SETTINGS);
    expect(form.values.capitalPerSymbol).toBe('20');
    form.values.capitalPerSymbol = '150';
    form.values.maxOpenOrders = '2.5';
    form.values.dailyLoss = '3';
    form.enabled.atrSpike = false;
    const { patch, errors } = toPatch(form, DEFAULT_RISK_SETTINGS);
    expect(errors).toEqual({
      capitalPerSymbol: 'capital per symbol is 1 to 100 % of equity',
      maxOpenOrders: 'the maximum of open orders is 1 to 500 orders (a whole number)',
    });
    expect(patch).toEqual({ dailyLoss: { percent: 3 }, atrSpike: { enabled: false } });
  });

  it('reads a decimal comma and refuses text', () => {
    expect(fieldError('0,5', RISK_LIMITS.maxSpreadPercent)).toBeNull();
    expect(fieldError('abc', RISK_LIMITS.maxSpreadPercent)).toBe('the bid-ask spread cap is 0.01 to 10 %');
  });
});
