/**
 * Optional certificate pinning for the exchange and Anthropic hosts. A pin is the SHA-256 of a
 * certificate's public key (SubjectPublicKeyInfo), written "sha256/<base64>" as in HPKP and
 * `openssl x509 -pubkey | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`.
 * Off by default; for a pinned host, the usual certificate checks still run first and then one of
 * its pins must match the server's certificate, or the connection is refused before any request
 * (and so before any API key) is sent. Hosts without pins are checked as usual.
 *
 * Both HTTP clients accept a fetch: ccxt (exchange.fetchImplementation) and the Anthropic SDK
 * (`fetch`). pinnedFetch is a small fetch over node:https with a pinning https.Agent.
 */
import { createHash, X509Certificate } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import tls, { type PeerCertificate } from 'node:tls';

/** Host name (lower case, no port) -> accepted pins ("sha256/<base64>"). */
export type TlsPins = Readonly<Record<string, readonly string[]>>;

export class TlsPinError extends Error {
  constructor(
    readonly host: string,
    message: string,
  ) {
    super(message);
    this.name = 'TlsPinError';
  }
}

const PIN = /^sha256\/[A-Za-z0-9+/]{43}=$/;

/** The pin of a certificate (PEM or DER), as the server would present it. */
export function spkiPin(certificate: string | Buffer): string {
  const key = new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'der' });
  return `sha256/${createHash('sha256').update(key).digest('base64')}`;
}

/**
 * Reads pins from text such as WORKSTATION_TLS_PINS:
 * "api.kraken.com=sha256/AAA...=,sha256/BBB...=;api.anthropic.com=sha256/CCC...=".
 * Anything malformed is refused with an error that says which part and what it should look like.
 */
export function parseTlsPins(text: string): TlsPins {
  const pins: Record<string, string[]> = {};
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    const host = part.slice(0, eq).trim().toLowerCase();
    const values = part
      .slice(eq + 1)
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    if (eq <= 0 || !/^[a-z0-9.-]+$/.test(host) || values.length === 0 || !values.every((v) => PIN.test(v))) {
      throw new Error(
        `TLS pins: "${part.slice(0, 80)}" is not host=sha256/<base64 of the key's SHA-256>[,sha256/...]; ` +
          'separate hosts with ";", e.g. api.kraken.com=sha256/47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=',
      );
    }
    pins[host] = [...(pins[host] ?? []), ...values];
  }
  return pins;
}

/** tls checkServerIdentity: the usual host name check, then the pins of that host (if any). */
export function pinningIdentityCheck(pins: TlsPins) {
  return (hostname: string, cert: PeerCertificate): Error | undefined => {
    const usual = tls.checkServerIdentity(hostname, cert);
    if (usual) return usual;
    const host = hostname.toLowerCase();
    const expected = pins[host];
    if (expected === undefined || expected.length === 0) return undefined;
    // Over the whole SubjectPublicKeyInfo (cert.pubkey is only the raw key for EC certificates).
    const presented = spkiPin(cert.raw);
    if (expected.includes(presented)) return undefined;
    return new TlsPinError(
      host,
      `the certificate of ${host} does not match its pinned key (it presented ${presented}): the connection was ` +
        'refused and nothing was sent. Someone may be intercepting the connection; if the host changed its key, ' +
        'update the pins (WORKSTATION_TLS_PINS)',
    );
  };
}

/** An https.Agent that checks pins; `extra` for tests (a private CA). */
export function createPinningAgent(pins: TlsPins, extra: https.AgentOptions = {}): https.Agent {
  return new https.Agent({ keepAlive: true, ...extra, checkServerIdentity: pinningIdentityCheck(pins) });
}

function headerPairs(init: RequestInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, key) => {
    out[key] = value;
  });
  // No transparent decompression here: ask for the body as it is.
  out['accept-encoding'] = 'identity';
  return out;
}

function bodyOf(body: RequestInit['body']): string | Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('pinned fetch: only string, URLSearchParams and byte bodies are supported');
}

/** A fetch over node:https through `agent` (plain http URLs, e.g. a loopback test server, go through node:http). */
export function pinnedFetch(agent: https.Agent): typeof fetch {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const signal = init?.signal ?? undefined;
      const options = { method: init?.method ?? 'GET', headers: headerPairs(init), ...(signal ? { signal } : {}) };
      const onResponse = (res: http.IncomingMessage) => {
        const headers = new Headers();
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
          headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
        const status = res.statusCode ?? 502;
        const empty = status === 204 || status === 304 || options.method === 'HEAD';
        if (empty) res.resume();
        const body = empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
        resolve(new Response(body, { status, statusText: res.statusMessage ?? '', headers }));
      };
      const req =
        url.protocol === 'https:'
          ? https.request(url, { ...options, agent }, onResponse)
          : http.request(url, options, onResponse);
      req.on('error', reject);
      try {
        req.end(bodyOf(init?.body));
      } catch (error) {
        req.destroy();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
}

/** The pinning fetch for a pins text (none, and so no fetch, when the text is empty). */
export function pinningFromConfig(text: string): { pins: TlsPins; fetch: typeof fetch | undefined } {
  const pins = parseTlsPins(text);
  return { pins, fetch: Object.keys(pins).length > 0 ? pinnedFetch(createPinningAgent(pins)) : undefined };
}
