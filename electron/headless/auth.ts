import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_COOKIE, TOKEN_PARAM } from '../../shared/ipc/wire.js';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name !== TOKEN_COOKIE) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return undefined; // `workstation_token=%`: not a token
    }
  }
  return undefined;
}

export type AuthResult = { ok: true; viaQuery: boolean } | { ok: false };

/** Every request carries the token: as ?token= (first visit) or as the cookie set then. */
export function authenticate(req: IncomingMessage, url: URL, token: string): AuthResult {
  const fromQuery = url.searchParams.get(TOKEN_PARAM);
  if (fromQuery !== null && safeEqual(fromQuery, token)) return { ok: true, viaQuery: true };
  const fromCookie = cookieToken(req);
  if (fromCookie !== undefined && safeEqual(fromCookie, token)) return { ok: true, viaQuery: false };
  return { ok: false };
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}

/**
 * Refuses requests whose Host header is not this server (DNS rebinding) and WebSocket
 * handshakes from pages of another origin.
 */
export function hostAllowed(req: IncomingMessage, allowedHosts: ReadonlySet<string>): boolean {
  const host = req.headers.host;
  if (!host || !allowedHosts.has(host.toLowerCase())) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return allowedHosts.has(new URL(origin).host.toLowerCase());
  } catch {
    return false;
  }
}

/** The WebSocket subprotocol that carries the token (the browser cannot set headers on a WebSocket). */
export const TOKEN_PROTOCOL_PREFIX = 'workstation.token.';
export function tokenProtocol(token: string): string {
  return `${TOKEN_PROTOCOL_PREFIX}${token}`;
}
