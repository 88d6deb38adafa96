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
    const https = { kraken: { sandbox: false, baseUrl: 'https://proxy.example:8443' } };
    expect(createEndpointResolver({}, () => https)('kraken')).toEqual({ baseUrl: 'https://proxy.example:8443' });
  });

  it('does not use a stored plain-http override to another computer (saved before the check existed)', () => {
    const overrides = { kraken: { sandbox: false, baseUrl: 'http://proxy.local:8080' } };
    const refused: string[] = [];
    const resolve = createEndpointResolver(
      {},
      () => overrides,
      (url) => refused.push(url),
    );
    expect(resolve('kraken')).toEqual({});
    expect(refused).toEqual(['http://proxy.local:8080']);
    const local = { kraken: { sandbox: false, baseUrl: 'http://127.0.0.1:8080' } };
    expect(createEndpointResolver({}, () => local)('kraken')).toEqual({ baseUrl: 'http://127.0.0.1:8080' });
  });
});
