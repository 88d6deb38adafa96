import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_PROTOCOL_PREFIX } from '../../shared/ipc/wire.js';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** The WebSocket subprotocol that carries the token (the browser cannot set headers on a WebSocket). */
export function tokenProtocol(token: string): string {
  return `${TOKEN_PROTOCOL_PREFIX}${token}`;
}

/**
 * The WebSocket handshake carries the token as a subprotocol. Nothing else counts: not a cookie
 * (cookies ignore the port, so every other server on 127.0.0.1 would receive it and pages on
 * other ports could plant one), not the query string (it ends up in histories and logs).
 */
export function upgradeAuthenticated(req: IncomingMessage, token: string): boolean {
  const header = req.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return false;
  for (const offered of header.split(',')) {
    const value = offered.trim();
    if (value.startsWith(TOKEN_PROTOCOL_PREFIX) && safeEqual(value.slice(TOKEN_PROTOCOL_PREFIX.length), token)) {
      return true;
    }
  }
  return false;
}

/** An HTTP request with `Authorization: Bearer <token>` (GET /boot; the page sends it with fetch). */
export function bearerAuthenticated(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
  return safeEqual(header.slice('Bearer '.length).trim(), token);
}

/**
 * Refuses requests whose Host header is not this server (DNS rebinding) and requests from pages
 * of another origin.
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
