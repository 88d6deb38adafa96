import { describe, expect, it } from 'vitest';

import type { SecretName } from '../../../shared/domain/secrets.js';
import { createEnvStore, envVarForSecret } from './env-store.js';
import { SecretStoreError } from './secret-store.js';

describe('envVarForSecret', () => {
  it.each<[SecretName, string]>([
    ['anthropic.apiKey', 'ANTHROPIC_API_KEY'],
    ['exchange.kraken.apiKey', 'WORKSTATION_KRAKEN_API_KEY'],
    ['exchange.kraken.secret', 'WORKSTATION_KRAKEN_SECRET'],
    ['exchange.kucoin2.password', 'WORKSTATION_KUCOIN2_PASSWORD'],
  ])('%s <- %s', (name, variable) => {
    expect(envVarForSecret(name)).toBe(variable);
  });

  it('rejects an unknown name', () => {
    expect(() => envVarForSecret('exchange.kraken.token' as SecretName)).toThrow(SecretStoreError);
  });
});

describe('createEnvStore', () => {
  const env: NodeJS.ProcessEnv = {
    ANTHROPIC_API_KEY: 'sk-ant-from-env',
    WORKSTATION_KRAKEN_API_KEY: 'kraken-key',
    WORKSTATION_KRAKEN_SECRET: 'kraken-secret',
    WORKSTATION_BINANCE_API_KEY: '',
  };

  it('is a read-only environment store', () => {
    const store = createEnvStore(env);
    expect(store.backend).toBe('environment');
    expect(store.writable).toBe(false);
    expect(store.description).toMatch(/read-only/);
  });

  it('reads secrets from the mapped variables; unset or empty is null', async () => {
    const store = createEnvStore(env);
    expect(await store.get('anthropic.apiKey')).toBe('sk-ant-from-env');
    expect(await store.get('exchange.kraken.apiKey')).toBe('kraken-key');
    expect(await store.get('exchange.kraken.secret')).toBe('kraken-secret');
    expect(await store.get('exchange.kraken.password')).toBeNull();
    expect(await store.get('exchange.binance.apiKey')).toBeNull();
  });

  it('sees later changes to the environment object', async () => {
    const live: NodeJS.ProcessEnv = {};
    const store = createEnvStore(live);
    expect(await store.get('anthropic.apiKey')).toBeNull();
    live.ANTHROPIC_API_KEY = 'later';
    expect(await store.get('anthropic.apiKey')).toBe('later');
  });

  it('refuses set and delete, explaining how to get a writable store, without echoing the value', async () => {
    const store = createEnvStore(env);
    const setError: unknown = await store.set('anthropic.apiKey', 'typed-secret-value').catch((e: unknown) => e);
    expect(setError).toBeInstanceOf(SecretStoreError);
    const message = (setError as Error).message;
    expect(message).toMatch(/WORKSTATION_SECRETS_PASSPHRASE/);
    expect(message).toMatch(/keychain/);
    expect(message).toContain('ANTHROPIC_API_KEY');
    expect(message).not.toContain('typed-secret-value');

    await expect(store.delete('exchange.kraken.apiKey')).rejects.toThrow(SecretStoreError);
    expect(env.WORKSTATION_KRAKEN_API_KEY).toBe('kraken-key');
  });

  it('rejects (not throws) for an unknown name', async () => {
    const store = createEnvStore(env);
    await expect(store.get('nope' as SecretName)).rejects.toThrow(SecretStoreError);
  });
});
