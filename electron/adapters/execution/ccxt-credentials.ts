import type { SecretName } from '../../../shared/domain/secrets.js';
import { createCcxtExchange } from '../market/ccxt-exchange.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { CcxtCredentials } from './ccxt-execution.js';

/**
 * Live trading keys come from the SecretStore (the OS keychain first): exchange.<id>.apiKey,
 * .secret and, for exchanges that need one, .password. They go to the ccxt instance and nowhere
 * else: not to logs, not to the renderer, not into error messages.
 */
export async function readCcxtCredentials(
  store: SecretStore,
  exchangeId: string,
): Promise<{ ok: true; credentials: CcxtCredentials } | { ok: false; message: string }> {
  const name = (field: 'apiKey' | 'secret' | 'password'): SecretName => `exchange.${exchangeId}.${field}`;
  const [apiKey, secret, password] = await Promise.all([
    store.get(name('apiKey')),
    store.get(name('secret')),
    store.get(name('password')),
  ]);
  const missing = [apiKey ? null : 'API key', secret ? null : 'secret'].filter((x) => x !== null);
  if (!apiKey || !secret) {
    return {
      ok: false,
      message: `No ${missing.join(' or ')} for ${exchangeId} in ${store.description}: add them in Settings to trade live.`,
    };
  }
  return { ok: true, credentials: { apiKey, secret, ...(password ? { password } : {}) } };
}

/** True when ccxt knows a testnet (sandbox) for the exchange, so Settings can offer it. */
export function hasSandbox(exchangeId: string): boolean {
  try {
    createCcxtExchange({ exchangeId, sandbox: true, timeoutMs: 10_000, pro: false });
    return true;
  } catch {
    return false;
  }
}
