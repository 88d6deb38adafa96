/**
 * Runs against a real Secret Service (gnome-keyring): `npm run test:keychain`, which wraps
 * vitest in scripts/with-keyring.sh (private D-Bus session, unlocked keyring, temporary HOME).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { SecretName } from '../../../shared/domain/secrets.js';
import { createKeytarStore } from './keytar-store.js';
import type { SecretStore } from './secret-store.js';

const service = `workstation-test-${process.pid}-${randomBytes(4).toString('hex')}`;
const used: SecretName[] = [
  'anthropic.apiKey',
  'exchange.kraken.apiKey',
  'exchange.kraken.secret',
  'exchange.kraken.password',
];
let store: SecretStore;

beforeAll(async () => {
  const created = await createKeytarStore({ service, probeTimeoutMs: 10_000 });
  if (!created) {
    throw new Error(
      'keytar could not reach a Secret Service: run this through `bash scripts/with-keyring.sh` ' +
        '(needs libsecret-1-dev gnome-keyring dbus-x11, and keytar built: npm rebuild keytar)',
    );
  }
  store = created;
});

afterAll(async () => {
  if (!store) return;
  for (const name of used) await store.delete(name);
});

describe('createKeytarStore against the real Secret Service', () => {
  it('is a writable keychain store', () => {
    expect(store.backend).toBe('keychain');
    expect(store.writable).toBe(true);
    expect(store.description).toMatch(/^OS keychain/);
  });

  it('sets, gets and deletes a secret', async () => {
    expect(await store.get('anthropic.apiKey')).toBeNull();
    await store.set('anthropic.apiKey', 'sk-ant-test-123');
    expect(await store.get('anthropic.apiKey')).toBe('sk-ant-test-123');
    expect(await store.delete('anthropic.apiKey')).toBe(true);
    expect(await store.get('anthropic.apiKey')).toBeNull();
  });

  it('overwrites an existing secret', async () => {
    await store.set('exchange.kraken.apiKey', 'first');
    await store.set('exchange.kraken.apiKey', 'second');
    expect(await store.get('exchange.kraken.apiKey')).toBe('second');
  });

  it('keeps unicode values intact', async () => {
    const value = 'clé-密钥-🔑-ß∂ƒ';
    await store.set('exchange.kraken.secret', value);
    expect(await store.get('exchange.kraken.secret')).toBe(value);
  });

  it('keeps secrets of different names apart', async () => {
    await store.set('exchange.kraken.password', 'pw-1');
    await store.set('exchange.kraken.apiKey', 'key-1');
    expect(await store.get('exchange.kraken.password')).toBe('pw-1');
    expect(await store.get('exchange.kraken.apiKey')).toBe('key-1');
  });

  it('is visible to a second store on the same service, and not to another service', async () => {
    await store.set('exchange.kraken.apiKey', 'shared');
    const again = await createKeytarStore({ service, probeTimeoutMs: 10_000 });
    expect(await again?.get('exchange.kraken.apiKey')).toBe('shared');
    const other = await createKeytarStore({ service: `${service}-other`, probeTimeoutMs: 10_000 });
    expect(await other?.get('exchange.kraken.apiKey')).toBeNull();
  });

  it('returns false when deleting a secret that does not exist', async () => {
    expect(await store.delete('exchange.nothere.apiKey')).toBe(false);
  });
});
