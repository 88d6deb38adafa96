import { describe, expect, it } from 'vitest';
import { RISK_RULE_NAMES } from '../../../shared/domain/risk.js';
import { checkExposure } from './exposure.js';
import { buy, context, d, settings } from './risk-fixtures.js';
import { showMoney, showPercent } from './format.js';

describe('a veto written for a person', () => {
  it('states money at 2 decimals with separators and percents at 2 decimals', () => {
    // 1.62 BTC at 50,004.8 = 81,007.776 USD against an equity of 9,997.6217276 USD.
    const veto = checkExposure(
      buy('1.62', { priceEstimate: d('50004.8') }),
      context({ equity: d('9997.6217276') }),
      settings({ capitalPerSymbol: { percent: 100 }, totalExposure: { enabled: false } }),
    );
    expect(veto?.message).toBe(
      'the capital in BTC/USD would be 81,007.78 USD (810.27 % of equity 9,997.62 USD): above the 100 % limit ' +
        '(9,997.62 USD); room left: 9,997.62 USD',
    );
    expect(veto?.details.afterPercent).toBe('810.27');
    // The exact numbers stay in the record.
    expect(veto?.details.equity).toBe('9997.6217276');
  });

  it('never hides an excess in the rounding: 5.0001 % beyond a 5 % limit keeps its digits', () => {
    expect(showPercent(d('5.0001'), 5)).toBe('5.0001 %');
    expect(showPercent(d('5.0001'))).toBe('5 %');
    expect(showMoney(d('2000.004'), d('2000'))).toBe('2,000.004');
    expect(showMoney(d('-0.001'))).toBe('0.00');
  });

  it('names every rule the gate can veto with in words', () => {
    expect(RISK_RULE_NAMES.CAPITAL_PER_SYMBOL).toBe('Capital per symbol');
    for (const name of Object.values(RISK_RULE_NAMES)) expect(name).toMatch(/^[A-Z][a-z]/);
  });
});
