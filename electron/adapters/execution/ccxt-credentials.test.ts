import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../secrets/memory-store.js';
import { hasSandbox, readCcxtCredentials } from './ccxt-credentials.js';

describe('live trading keys from the SecretStore', () => {
  it('reads key, secret and optional password; says what is missing otherwise', async () => {
    const store = createMemorySecretStore();
    expect(await readCcxtCredentials(store, 'kraken')).toEqual({
      ok: false,
      message: 'No API key or secret for kraken in in-memory store (tests only): add them in Settings to trade live.',
    });
    await store.set('exchange.kraken.apiKey', 'k');
    await store.set('exchange.kraken.secret', 's');
    expect(await readCcxtCredentials(store, 'kraken')).toEqual({ ok: true, credentials: { apiKey: 'k', secret: 's' } });
    await store.set('exchange.kraken.password', 'p');
    expect(await readCcxtCredentials(store, 'kraken')).toMatchObject({ credentials: { password: 'p' } });
  });

  it('offers a testnet only where ccxt has one (Kraken spot has none)', () => {
    expect(hasSandbox('kraken')).toBe(false);
    expect(hasSandbox('binance')).toBe(true);
    expect(hasSandbox('nope')).toBe(false);
  });
});
