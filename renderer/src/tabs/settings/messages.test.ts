import { describe, expect, it } from 'vitest';
import { forTrader } from './messages';

describe('settings messages for the trader', () => {
  it('drops the call name and names an exchange override field as the form does', () => {
    expect(
      forTrader(
        'settings.update: exchangeOverrides.kraken.baseUrl: a base URL is scheme, host and port only, e.g. http://127.0.0.1:8080',
      ),
    ).toBe('API base URL: a base URL is scheme, host and port only, e.g. http://127.0.0.1:8080');
  });

  it('names every field of a message that lists several', () => {
    expect(forTrader('settings.update: defaultFeeRate: the fee rate is at most 5 %; confirmExchangeUrl: type it')).toBe(
      'Default fee rate: the fee rate is at most 5 %; Confirmation: type it',
    );
  });

  it('leaves a message without a call name or known field as it is', () => {
    expect(forTrader('switching to LIVE needs API keys: add them under API keys')).toBe(
      'switching to LIVE needs API keys: add them under API keys',
    );
    expect(forTrader('tradingMode.set: mode: invalid option')).toBe('mode: invalid option');
  });
});
