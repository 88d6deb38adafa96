import { describe, expect, it } from 'vitest';
import { createEndpointResolver } from './exchange-endpoints.js';

describe('exchange endpoints', () => {
  it('uses the Settings override, and a command-line URL wins over it', () => {
    const overrides = {
      kraken: { sandbox: false, baseUrl: 'http://proxy.local:8080' },
      binance: { sandbox: true, baseUrl: null },
    };
    const resolve = createEndpointResolver({ kraken: 'http://127.0.0.1:9000' }, () => overrides);
    expect(resolve('kraken')).toEqual({ baseUrl: 'http://127.0.0.1:9000' });
    expect(resolve('binance')).toEqual({ sandbox: true });
    expect(resolve('coinbase')).toEqual({});
    expect(createEndpointResolver({}, () => overrides)('kraken')).toEqual({ baseUrl: 'http://proxy.local:8080' });
  });
});
