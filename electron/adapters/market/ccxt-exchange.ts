import ccxt, { BadResponse, type ConstructorArgs, type Exchange } from 'ccxt';
import { MarketDataError } from './market-errors.js';

/** How a ccxt exchange instance is made for public market data (no keys). */
export type CcxtExchangeOptions = {
  exchangeId: string;
  /**
   * Replaces every API root (urls.api.public/private/...) with this scheme://host:port, e.g. a
   * Kraken-compatible test server; ccxt appends /0/public/X itself.
   */
  baseUrl?: string;
  sandbox?: boolean;
  timeoutMs: number;
  /** Overrides the exchange's own minimum ms between requests (tests use a few ms). */
  rateLimitMs?: number;
  /** Use ccxt.pro's class (WebSocket watch methods) when the exchange has one. */
  pro: boolean;
  /** The fetch for REST calls (certificate pinning, electron/adapters/net/tls-pinning.ts); default ccxt's own. */
  fetch?: typeof fetch;
};

type ExchangeClass = new (config?: ConstructorArgs) => Exchange;

function lookup(table: unknown, id: string): ExchangeClass | null {
  const value = (table as Record<string, unknown>)[id];
  return typeof value === 'function' ? (value as ExchangeClass) : null;
}

/** True when ccxt.pro has a class for `exchangeId`. */
export function hasProClass(exchangeId: string): boolean {
  return lookup(ccxt.pro, exchangeId) !== null;
}

function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new MarketDataError(
      'unsupported',
      `"${baseUrl}" is not a URL: use scheme://host:port, e.g. http://127.0.0.1:8080.`,
    );
  }
  if (!/^https?:$/.test(url.protocol) || (url.pathname !== '/' && url.pathname !== '') || url.search) {
    throw new MarketDataError(
      'unsupported',
      `"${baseUrl}" must be scheme://host:port only (no path): ccxt adds the API paths.`,
    );
  }
  return `${url.protocol}//${url.host}`;
}

/**
 * ccxt resolves a 200 answer whose body is not JSON as if it were empty (fetchTicker gives a ticker
 * of undefined prices, fetchOHLCV an empty list). This makes such answers a BadResponse instead.
 */
function rejectUnreadableBodies(ex: Exchange): void {
  const original = ex.handleErrors.bind(ex);
  ex.handleErrors = (code, reason, url, method, headers, body, response, requestHeaders, requestBody) => {
    const handled = original(code, reason, url, method, headers, body, response, requestHeaders, requestBody);
    const ok = code >= 200 && code < 300;
    if (ok && (response === undefined || response === null || typeof response !== 'object')) {
      const shown = String(body ?? '').slice(0, 60);
      throw new BadResponse(
        `${ex.id} ${method} ${url} answered with a body that is not valid JSON: ${JSON.stringify(shown)}`,
      );
    }
    if (ok && ex.id === 'kraken' && !('result' in (response as object))) {
      throw new BadResponse(`${ex.id} ${method} ${url} answered without a result`);
    }
    return handled;
  };
}

/** A ccxt exchange instance for public data: rate limiting on, no retries inside ccxt, bodies checked. */
export function createCcxtExchange(options: CcxtExchangeOptions): Exchange {
  const id = options.exchangeId;
  const Class = (options.pro ? lookup(ccxt.pro, id) : null) ?? lookup(ccxt, id);
  if (!Class || !ccxt.exchanges.includes(id)) {
    throw new MarketDataError(
      'unsupported',
      `"${id}" is not an exchange ccxt knows: use a ccxt id such as kraken, coinbase or bitstamp.`,
    );
  }
  const ex = new Class({
    enableRateLimit: true,
    timeout: options.timeoutMs,
    ...(options.rateLimitMs !== undefined ? { rateLimit: options.rateLimitMs } : {}),
  });
  if (options.sandbox) {
    // Some exchanges (Kraken) declare urls.test as undefined: ccxt would then "enable" a sandbox
    // with no API URL at all. Refuse instead.
    const test: unknown = (ex.urls as Record<string, unknown>).test;
    const refuse = (cause?: unknown) =>
      new MarketDataError('unsupported', `${id} has no sandbox in ccxt: turn sandbox off, or use the simulator.`, {
        cause,
      });
    if (test === undefined || test === null || (typeof test === 'object' && Object.keys(test).length === 0))
      throw refuse();
    try {
      ex.setSandboxMode(true);
    } catch (cause) {
      throw refuse(cause);
    }
  }
  if (options.baseUrl !== undefined) {
    const base = checkBaseUrl(options.baseUrl);
    const urls = ex.urls as Record<string, unknown>;
    if (typeof urls.api === 'string') urls.api = base;
    else {
      const roots: Record<string, unknown> = { ...(urls.api as Record<string, unknown>) };
      for (const key of Object.keys(roots)) if (typeof roots[key] === 'string') roots[key] = base;
      urls.api = roots;
    }
  }
  // ccxt's documented hook: a user-supplied fetchImplementation takes precedence over its own client.
  if (options.fetch !== undefined) ex.fetchImplementation = options.fetch;
  rejectUnreadableBodies(ex);
  return ex;
}

/** The largest page of candles one fetchOHLCV returns (ccxt's `features`), default 500. */
export function ohlcvPageLimit(ex: Pick<Exchange, 'features'>): number {
  const spot = ex.features?.spot as { fetchOHLCV?: { limit?: unknown } } | undefined;
  const limit = spot?.fetchOHLCV?.limit;
  return typeof limit === 'number' && limit > 0 ? limit : 500;
}

const failedMarketLoads = new WeakSet<Exchange>();

/**
 * ccxt's loadMarkets() keeps returning the same rejected promise after one failure (and every
 * fetch* calls it first), so one network blip at start would break a source for good. This
 * reloads when the last attempt failed.
 */
export async function loadMarkets(ex: Exchange): Promise<Awaited<ReturnType<Exchange['loadMarkets']>>> {
  const reload = failedMarketLoads.has(ex) && !ex.markets;
  try {
    const markets = await ex.loadMarkets(reload);
    failedMarketLoads.delete(ex);
    return markets;
  } catch (error) {
    failedMarketLoads.add(ex);
    throw error;
  }
}
