/**
 * Where an exchange override may send the API key. Every signed private request (the key and a
 * signature with it) goes to the override's base URL, so: a loopback test server is allowed as it
 * is; any other host must use https and be confirmed by typing a text that names it.
 */

/** The host (and port) of a base URL as the trader should read it, lower case; null when it is not a URL. */
export function exchangeUrlHost(baseUrl: string): string | null {
  try {
    return new URL(baseUrl).host.toLowerCase();
  } catch {
    return null;
  }
}

const IPV4_LOOPBACK = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** True only for localhost, ::1 and 127.0.0.0/8 written as an address (not "127.0.0.1.example.com"). */
export function isLoopbackUrl(baseUrl: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(baseUrl).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const m = IPV4_LOOPBACK.exec(hostname);
  return m !== null && m.slice(1).every((part) => Number(part) <= 255);
}

/** The exact text that confirms sending an exchange's API keys to a host, e.g. "SEND KRAKEN KEYS TO api.example.com". */
export function exchangeUrlConfirmText(exchangeId: string, baseUrl: string): string {
  return `SEND ${exchangeId.toUpperCase()} KEYS TO ${exchangeUrlHost(baseUrl) ?? baseUrl}`;
}

/** What a base URL needs before it is used: nothing, https, or the typed confirmation. */
export function exchangeUrlRequirement(baseUrl: string): 'loopback' | 'needs-https' | 'needs-confirmation' {
  if (isLoopbackUrl(baseUrl)) return 'loopback';
  return baseUrl.toLowerCase().startsWith('https://') ? 'needs-confirmation' : 'needs-https';
}
