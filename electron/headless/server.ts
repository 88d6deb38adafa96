import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { TOKEN_PARAM, WS_PATH } from '../../shared/ipc/wire.js';
import { BOOT_PATH, BOOT_READY, BOOT_STARTING, type BootStatus } from '../../shared/domain/boot.js';
import { contentSecurityPolicy } from '../../shared/security/csp.js';
import { isLoopbackHost } from '../core/config.js';
import type { Core } from '../core/create-core.js';
import { EXPORT_PATH } from '../../shared/domain/export.js';
import { allowedHostSet, hostPort } from './allowed-hosts.js';
import { bearerAuthenticated, hostAllowed, upgradeAuthenticated } from './auth.js';
import { createDownloadLinks, DOWNLOAD_PARAM } from './download-links.js';
import { handleExportRoute } from './export-route.js';
import { serveStatic } from './static-files.js';
import { createWsEndpoint } from './ws-endpoint.js';
import type { WebSocketServer } from 'ws';

export type HeadlessServerOptions = {
  /**
   * The engine. Without it the server starts anyway (the start screen is served while the core is
   * built, see run.ts): GET /boot answers `boot()`, the WebSocket and exports answer 503 until
   * attach(core).
   */
  core?: Core;
  /** Where the engine's start is (GET /boot); default ready once a core is attached. */
  boot?: () => BootStatus;
  host: string;
  port: number;
  token: string;
  /** The built renderer (out/renderer). */
  staticRoot: string;
  /**
   * The user asked for a non-loopback host (--allow-remote); without it such a host is refused.
   * The Host/Origin checks still apply (with that host allowed), and so does the token.
   */
  allowRemote: boolean;
  /** PEM certificate and key: serve HTTPS/WSS (required for a non-loopback host, see config.ts). */
  tls?: { cert: string | Buffer; key: string | Buffer };
};

export type HeadlessServer = {
  /** The address to open: the token is in the fragment, which the browser never sends. */
  url: string;
  port: number;
  /** Serves the core built after the server started: the WebSocket and exports answer from now on. */
  attach(core: Core): void;
  close(): Promise<void>;
};

function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(false),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}

/**
 * The request target as a URL on this server, or null when it is not an origin-form path
 * (`*`, `http://x/`) or cannot be parsed. `//x` stays a path: it is never read as a host.
 */
export function parseTarget(raw: string | undefined): URL | null {
  if (raw === undefined || !raw.startsWith('/')) return null;
  try {
    return new URL(`http://local${raw}`);
  } catch {
    return null;
  }
}

const PLAIN = { 'content-type': 'text/plain; charset=utf-8' };

/** Answers on a raw socket (upgrade, clientError) and closes it; never throws. */
function endSocket(socket: Duplex, status: number, reason: string): void {
  try {
    if (socket.writable) socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  } catch {
    socket.destroy();
  }
}

/**
 * Serves the built UI (public: it is the same bundle for everyone and holds no secret), the
 * contract over WebSocket (the token as a subprotocol) and GET /export (one-time links minted
 * over that WebSocket). No cookie is set or read.
 */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const { token } = options;
  let core: Core | null = null;
  let wss: WebSocketServer | null = null;
  const attach = (built: Core) => {
    if (core) throw new Error('the headless server serves a core already');
    core = built;
    wss = createWsEndpoint(built, downloads);
  };
  // Before the core exists, the server's own failures go to stderr (the engine's log is not open yet).
  const logError = (message: string, fields: Record<string, unknown>) => {
    if (core) core.logger.error('system', message, fields);
    else process.stderr.write(`${message}: ${String(fields['error'])}\n`);
  };
  const bootStatus = (): BootStatus => (options.boot ? options.boot() : core ? BOOT_READY : BOOT_STARTING);
  if (!options.allowRemote && !isLoopbackHost(options.host)) {
    throw new Error(`${options.host} is not a loopback address: serving there needs allowRemote (--allow-remote)`);
  }
  const downloads = createDownloadLinks();
  if (options.core) attach(options.core);
  let allowedHosts = new Set<string>();
  const answerBoot = (req: IncomingMessage, res: ServerResponse, headers: Record<string, string>) => {
    if (req.method !== 'GET') {
      res.writeHead(405, { ...headers, allow: 'GET' }).end();
      return;
    }
    if (!bearerAuthenticated(req, token)) {
      res.writeHead(401, { ...headers, ...PLAIN }).end('401: this page has no valid token\n');
      return;
    }
    const body = JSON.stringify(bootStatus());
    res.writeHead(200, { ...headers, 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
  };
  const handleRequest = (req: IncomingMessage, res: ServerResponse) => {
    const headers = securityHeaders();
    const url = parseTarget(req.url);
    if (url === null) {
      res.writeHead(400, { ...headers, ...PLAIN }).end('400: the request target is not a path on this server\n');
      return;
    }
    if (!hostAllowed(req, allowedHosts)) {
      res.writeHead(403, { ...headers, ...PLAIN }).end('forbidden host');
      return;
    }
    if (url.pathname === BOOT_PATH) {
      answerBoot(req, res, headers);
      return;
    }
    if (url.pathname === EXPORT_PATH) {
      if (req.method !== 'GET') {
        res.writeHead(405, { ...headers, allow: 'GET' }).end();
        return;
      }
      const request = downloads.redeem(url.searchParams.get(DOWNLOAD_PARAM));
      if (request === null) {
        res
          .writeHead(401, { ...headers, ...PLAIN })
          .end('401: this download link was used already or has expired: click the export button again\n');
        return;
      }
      if (!core) {
        res.writeHead(503, { ...headers, ...PLAIN }).end('503: the engine is still starting: try again in a moment\n');
        return;
      }
      handleExportRoute(core, request, res, headers);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    serveStatic(options.staticRoot, url.pathname, res, headers);
  };
  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = parseTarget(req.url);
    if (url === null || url.pathname !== WS_PATH) {
      endSocket(socket, 400, 'Bad Request');
      return;
    }
    const hostOk = hostAllowed(req, allowedHosts);
    if (!hostOk || !upgradeAuthenticated(req, token)) {
      endSocket(socket, hostOk ? 401 : 403, hostOk ? 'Unauthorized' : 'Forbidden');
      return;
    }
    if (!wss) {
      endSocket(socket, 503, 'Service Unavailable');
      return;
    }
    const endpoint = wss;
    endpoint.handleUpgrade(req, socket, head, (ws) => endpoint.emit('connection', ws, req));
  };
  const listener: RequestListener = (req, res) => {
    try {
      handleRequest(req, res);
    } catch (error) {
      logError('a request could not be answered', { error, url: String(req.url).slice(0, 200) });
      if (!res.headersSent) res.writeHead(500, { ...securityHeaders(), ...PLAIN }).end('500: internal error\n');
      else res.destroy();
    }
  };
  // Every listener answers or closes; nothing a client sends can throw out of it.
  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    : http.createServer(listener);
  server.on('tlsClientError', (_error: Error, socket: Duplex) => socket.destroy());
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A reset during the handshake would otherwise be an unhandled 'error' event.
    socket.on('error', () => socket.destroy());
    try {
      handleUpgrade(req, socket, head);
    } catch (error) {
      logError('a WebSocket upgrade could not be answered', { error });
      endSocket(socket, 500, 'Internal Server Error');
    }
  });
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    endSocket(socket, 405, 'Method Not Allowed');
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    endSocket(socket, tooLarge ? 431 : 400, tooLarge ? 'Request Header Fields Too Large' : 'Bad Request');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      server.on('error', (error) => logError('the headless server reported an error', { error }));
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = allowedHostSet(options.host, port);
  const scheme = options.tls ? 'https' : 'http';
  const url = `${scheme}://${hostPort(options.host, port)}/#${TOKEN_PARAM}=${token}`;
  return {
    url,
    port,
    attach,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss?.clients ?? []) client.terminate();
        wss?.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
