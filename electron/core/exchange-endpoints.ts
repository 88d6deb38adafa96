import { exchangeUrlRequirement } from '../../shared/domain/exchange-url.js';
import type { ExchangeOverride } from '../../shared/domain/settings.js';

/** How to reach an exchange: its testnet (ccxt sandbox mode) and/or another API base URL. */
export type ExchangeEndpoint = {
  baseUrl?: string;
  sandbox?: boolean;
  /** A pinning fetch when certificate pins are configured (electron/adapters/net/tls-pinning.ts). */
  fetch?: typeof fetch;
};
export type EndpointResolver = (exchangeId: string) => ExchangeEndpoint;

/**
 * A stored override is used only if settings.update would accept it now (loopback, or https);
 * --exchange-url ID=URL (or WORKSTATION_EXCHANGE_URLS) wins over the per-exchange override in
 * Settings, so automation and tests can always point at a local server.
 */
export function createEndpointResolver(
  flagUrls: Readonly<Record<string, string>>,
  overrides: () => Readonly<Record<string, ExchangeOverride>>,
  /** Told about a stored override that is not used (plain http to another computer). */
  onRefused: (baseUrl: string) => void = () => undefined,
  pinnedFetch?: typeof fetch,
): EndpointResolver {
  return (exchangeId) => {
    const override = overrides()[exchangeId];
    let stored = override?.baseUrl ?? undefined;
    // settings.update refuses these now; one saved by an earlier version would send the API key in the clear.
    if (stored !== undefined && exchangeUrlRequirement(stored) === 'needs-https') {
      onRefused(stored);
      stored = undefined;
    }
    const baseUrl = flagUrls[exchangeId] ?? stored;
    return {
      ...(baseUrl ? { baseUrl } : {}),
      ...(override?.sandbox ? { sandbox: true } : {}),
      ...(pinnedFetch ? { fetch: pinnedFetch } : {}),
    };
  };
}
