import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TOKEN_PARAM, WS_PATH } from '../../shared/ipc/wire.js';
import { contentSecurityPolicy } from '../../shared/security/csp.js';
import type { Core } from '../core/create-core.js';
import { EXPORT_PATH } from '../../shared/domain/export.js';
import { authenticate, hostAllowed, tokenCookie } from './auth.js';
import { handleExportRoute } from './export-route.js';
import { serveStatic } from './static-files.js';
import { createWsEndpoint } from './ws-endpoint.js';

export type HeadlessServerOptions = {
  core: Core;
  host: string;
  port: number;
  token: string;
  /** The built renderer (out/renderer). */
  staticRoot: string;
  /** Skip the Host/Origin check (the user asked for a non-loopback host). The token still applies. */
  allowRemote: boolean;
};

export type HeadlessServer = {
  url: string;
  port: number;
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

function formatUrlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Serves the built UI and the contract over WebSocket, both behind the token. */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const { core, token } = options;
  const wss = createWsEndpoint(core);
  let allowedHosts = new Set<string>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const headers = securityHeaders();
    if (!options.allowRemote && !hostAllowed(req, allowedHosts)) {
      res.writeHead(403, { ...headers, 'content-type': 'text/plain' }).end('forbidden host');
      return;
    }
    const auth = authenticate(req, url, token);
    if (!auth.ok) {
      res
        .writeHead(401, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
        .end('401: open the address printed by `npm start` (it ends with ?token=...)\n');
      return;
    }
    if (url.pathname === EXPORT_PATH) {
      handleExportRoute(core, req, url, res, headers);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    if (auth.viaQuery) headers['set-cookie'] = tokenCookie(token);
    serveStatic(options.staticRoot, url.pathname, res, headers);
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const hostOk = options.allowRemote || hostAllowed(req, allowedHosts);
    if (url.pathname !== WS_PATH || !hostOk || !authenticate(req, url, token).ok) {
      socket.end(
        `HTTP/1.1 ${hostOk ? 401 : 403} ${hostOk ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set(
    [options.host, '127.0.0.1', 'localhost', '[::1]'].map((h) => `${formatUrlHost(h)}:${port}`.toLowerCase()),
  );
  const url = `http://${formatUrlHost(options.host)}:${port}/?${TOKEN_PARAM}=${token}`;
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
