import crypto from 'node:crypto';
import { EXPORT_PATH, type ExportRequest } from '../../shared/domain/export.js';

/** A download link works once, within this time. */
export const DOWNLOAD_LINK_TTL_MS = 60_000;
/** Links minted and not used yet; the oldest is dropped beyond this. */
const MAX_OUTSTANDING = 64;
export const DOWNLOAD_PARAM = 'dl';

export type DownloadLinks = {
  /** A one-time URL for GET /export of exactly this request (minted over the authenticated WebSocket). */
  mint(request: ExportRequest): { url: string; expiresAt: number };
  /** The request a ticket was minted for, once; null for an unknown, used or expired ticket. */
  redeem(ticket: string | null): ExportRequest | null;
};

/**
 * One-time download tickets: the browser UI asks for a link over the WebSocket (which carries
 * the token), then lets the browser download it. Nothing in a cookie or the address bar is worth
 * anything after the download, or a minute later.
 */
export function createDownloadLinks(now: () => number = Date.now): DownloadLinks {
  const tickets = new Map<string, { request: ExportRequest; expiresAt: number }>();
  const sweep = () => {
    const t = now();
    for (const [ticket, entry] of tickets) if (entry.expiresAt <= t) tickets.delete(ticket);
    while (tickets.size >= MAX_OUTSTANDING) tickets.delete(tickets.keys().next().value!);
  };
  return {
    mint(request) {
      sweep();
      const ticket = crypto.randomBytes(24).toString('base64url');
      const expiresAt = now() + DOWNLOAD_LINK_TTL_MS;
      tickets.set(ticket, { request, expiresAt });
      return { url: `${EXPORT_PATH}?${DOWNLOAD_PARAM}=${ticket}`, expiresAt };
    },
    redeem(ticket) {
      if (ticket === null) return null;
      const entry = tickets.get(ticket);
      if (!entry) return null;
      tickets.delete(ticket);
      return entry.expiresAt > now() ? entry.request : null;
    },
  };
}
