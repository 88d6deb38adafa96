import type { ExchangeOverride } from '../../shared/domain/settings.js';

/** How to reach an exchange: its testnet (ccxt sandbox mode) and/or another API base URL. */
export type ExchangeEndpoint = { baseUrl?: string; sandbox?: boolean };
export type EndpointResolver = (exchangeId: string) => ExchangeEndpoint;

/**
 * --exchange-url ID=URL (or WORKSTATION_EXCHANGE_URLS) wins over the per-exchange override in
 * Settings, so automation and tests can always point at a local server.
 */
export function createEndpointResolver(
  flagUrls: Readonly<Record<string, string>>,
  overrides: () => Readonly<Record<string, ExchangeOverride>>,
): EndpointResolver {
  return (exchangeId) => {
    const override = overrides()[exchangeId];
    const baseUrl = flagUrls[exchangeId] ?? override?.baseUrl ?? undefined;
    return {
      ...(baseUrl ? { baseUrl } : {}),
      ...(override?.sandbox ? { sandbox: true } : {}),
    };
  };
}
