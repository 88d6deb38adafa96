import { describe, expect, it } from 'vitest';

import type { KeytarLike } from './keytar-store.js';
import { createKeytarStore } from './keytar-store.js';
import { KEYCHAIN_SERVICE, SecretStoreError } from './secret-store.js';

function memoryKeytar(): KeytarLike & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getPassword: (s, a) => Promise.resolve(map.get(`${s}/${a}`) ?? null),
    setPassword: (s, a, p) => Promise.resolve(void map.set(`${s}/${a}`, p)),
    deletePassword: (s, a) => Promise.resolve(map.delete(`${s}/${a}`)),
  };
}

describe('createKeytarStore (without a real keychain)', () => {
  it('returns null when keytar cannot be imported', async () => {
    const loadModule = () => Promise.reject(new Error('was compiled against a different Node.js version'));
    expect(await createKeytarStore({ loadModule })).toBeNull();
  });

  it('returns null when the module does not look like keytar', async () => {
    expect(await createKeytarStore({ loadModule: () => Promise.resolve({ default: {} }) })).toBeNull();
    expect(await createKeytarStore({ loadModule: () => Promise.resolve(null) })).toBeNull();
  });

  it('returns null when the probe fails', async () => {
    const keytar = { ...memoryKeytar(), getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus')) };
    expect(await createKeytarStore({ loadModule: () => Promise.resolve({ default: keytar }) })).toBeNull();
  });

  it('returns null when the probe does not answer in time', async () => {
    const keytar = { ...memoryKeytar(), getPassword: () => new Promise<string | null>(() => undefined) };
    const started = Date.now();
    const store = await createKeytarStore({
      probeTimeoutMs: 50,
      loadModule: () => Promise.resolve({ default: keytar }),
    });
    expect(store).toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('accepts keytar from `default` (CommonJS) or as the namespace itself', async () => {
    const keytar = memoryKeytar();
    const fromDefault = await createKeytarStore({ loadModule: () => Promise.resolve({ default: keytar }) });
    const fromNamespace = await createKeytarStore({ loadModule: () => Promise.resolve(keytar) });
    expect(fromDefault?.backend).toBe('keychain');
    expect(fromNamespace?.backend).toBe('keychain');
  });

  it('files secrets under the service name and wraps failures without the value', async () => {
    const keytar = memoryKeytar();
    const store = await createKeytarStore({ loadModule: () => Promise.resolve({ default: keytar }) });
    if (!store) throw new Error('expected a store');
    expect(store.writable).toBe(true);
    expect(store.description).toMatch(/^OS keychain/);
    await store.set('anthropic.apiKey', 'sk-1');
    expect(keytar.map.get(`${KEYCHAIN_SERVICE}/anthropic.apiKey`)).toBe('sk-1');
    expect(await store.get('anthropic.apiKey')).toBe('sk-1');
    expect(await store.delete('anthropic.apiKey')).toBe(true);
    expect(await store.delete('anthropic.apiKey')).toBe(false);

    keytar.setPassword = () => Promise.reject(new Error('keyring locked'));
    const err: unknown = await store.set('anthropic.apiKey', 'sk-secret-value').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretStoreError);
    expect((err as Error).message).toMatch(/unlock/);
    expect((err as Error).message).not.toContain('sk-secret-value');
  });
});
