import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Clock } from '../../../engine/clock.js';
import { systemClock } from '../../clock/system-clock.js';
import { createKrakenMarket, registerPublicRoutes, type KrakenMarket } from './kraken-public.js';

/**
 * A Kraken-compatible HTTP server on 127.0.0.1 for tests: ccxt's own kraken class talks to it
 * (`urls.api.public = server.url`). Public market data is served from an in-memory market
 * (kraken-public.ts); private endpoints can be added with `route('POST', '/0/private/AddOrder', ...)`.
 * Every request is logged, and faults can be injected per endpoint.
 */

export type KrakenRequest = {
  method: string;
  path: string;
  /** The last path segment: 'OHLC', 'Ticker', 'AddOrder', ... */
  endpoint: string;
  /** Query string (GET) and form body (POST) parameters. */
  params: Record<string, string>;
  body: string;
  headers: IncomingHttpHeaders;
};

/** What a handler answers: Kraken's envelope {error: [], result} is built from `result` or `error`. */
export type KrakenReply = { result: unknown } | { error: string[] } | { status: number; body: string };

export type KrakenHandler = (request: KrakenRequest) => KrakenReply | Promise<KrakenReply>;

export type KrakenFault =
  /** An HTTP status with a body (e.g. 502 with an HTML page, 429). */
  | { kind: 'http'; status: number; body?: string }
  /** HTTP 200 with Kraken's error list, e.g. "EAPI:Rate limit exceeded", "EService:Unavailable". */
  | { kind: 'error'; error: string }
  /** The normal answer, `ms` late. */
  | { kind: 'delay'; ms: number }
  /** No answer at all until the server closes. */
  | { kind: 'hang' }
  /** HTTP 200 with the normal answer cut in half (truncated JSON). */
  | { kind: 'truncated' }
  /** HTTP 200 with a body that is not JSON. */
  | { kind: 'garbage'; body?: string }
  /** The connection is destroyed without an answer. */
  | { kind: 'drop' };

export type LoggedRequest = {
  method: string;
  endpoint: string;
  path: string;
  params: Record<string, string>;
  time: number;
  fault: KrakenFault['kind'] | null;
};

type ArmedFault = { endpoint: string; fault: KrakenFault; remaining: number };

export type KrakenServer = {
  /** http://127.0.0.1:PORT: what ccxt's urls.api public/private take. */
  readonly url: string;
  readonly market: KrakenMarket;
  readonly requests: LoggedRequest[];
  /** How many requests reached `endpoint` (e.g. 'OHLC'), all if omitted. */
  count(endpoint?: string): number;
  clearLog(): void;
  route(method: 'GET' | 'POST', path: string, handler: KrakenHandler): void;
  /** Makes the next `times` requests to `endpoint` ('*' for any) fail this way (default: until cleared). */
  fault(endpoint: string, fault: KrakenFault, options?: { times?: number }): void;
  clearFaults(): void;
  close(): Promise<void>;
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function envelope(reply: KrakenReply): { status: number; body: string } {
  if ('status' in reply) return reply;
  if ('error' in reply) return { status: 200, body: JSON.stringify({ error: reply.error }) };
  return { status: 200, body: JSON.stringify({ error: [], result: reply.result }) };
}

export async function startKrakenServer(options: { clock?: Clock } = {}): Promise<KrakenServer> {
  const clock = options.clock ?? systemClock;
  const routes = new Map<string, KrakenHandler>();
  const faults: ArmedFault[] = [];
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  const market = createKrakenMarket(clock);

  const takeFault = (endpoint: string): KrakenFault | null => {
    const armed = faults.find((f) => f.endpoint === endpoint || f.endpoint === '*');
    if (!armed) return null;
    armed.remaining -= 1;
    if (armed.remaining <= 0) faults.splice(faults.indexOf(armed), 1);
    return armed.fault;
  };

  const send = (res: ServerResponse, status: number, body: string, type = 'application/json') => {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    const params = Object.fromEntries(url.searchParams);
    if (req.method === 'POST') Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
    const endpoint = url.pathname.split('/').pop() ?? '';
    const fault = takeFault(endpoint);
    requests.push({
      method: req.method ?? 'GET',
      endpoint,
      path: url.pathname,
      params,
      time: clock.now(),
      fault: fault?.kind ?? null,
    });
    if (fault?.kind === 'drop') return void req.socket.destroy();
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'http')
      return send(res, fault.status, fault.body ?? `<html><body>${fault.status}</body></html>`, 'text/html');
    if (fault?.kind === 'error') return send(res, 200, JSON.stringify({ error: [fault.error] }));
    if (fault?.kind === 'garbage') return send(res, 200, fault.body ?? '<html>Bad gateway</html>', 'text/html');
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    const handler = routes.get(`${req.method} ${url.pathname}`);
    const reply = handler
      ? await handler({ method: req.method ?? 'GET', path: url.pathname, endpoint, params, body, headers: req.headers })
      : { error: [`EGeneral:Unknown method`] };
    const answer = envelope(reply);
    if (fault?.kind === 'truncated') return send(res, 200, answer.body.slice(0, Math.floor(answer.body.length / 2)));
    send(res, answer.status, answer.body);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, JSON.stringify({ error: [`EGeneral:Internal error: ${String(error)}`] }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const api: KrakenServer = {
    url: `http://127.0.0.1:${port}`,
    market,
    requests,
    count: (endpoint) => (endpoint ? requests.filter((r) => r.endpoint === endpoint).length : requests.length),
    clearLog: () => void requests.splice(0),
    route(method, path, handler) {
      routes.set(`${method} ${path}`, handler);
    },
    fault(endpoint, fault, opts = {}) {
      faults.push({ endpoint, fault, remaining: opts.times ?? Number.POSITIVE_INFINITY });
    },
    clearFaults: () => void faults.splice(0),
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  registerPublicRoutes(api, market, clock);
  return api;
}
