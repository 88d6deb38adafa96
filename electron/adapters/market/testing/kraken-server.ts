import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Clock } from '../../../engine/clock.js';
import { systemClock } from '../../clock/system-clock.js';
import type { KrakenExchange } from './kraken-private-book.js';
import { registerPrivateRoutes } from './kraken-private.js';
import { createKrakenMarket, registerPublicRoutes, type KrakenMarket } from './kraken-public.js';

/**
 * A Kraken-compatible HTTP server on 127.0.0.1 for tests: ccxt's own kraken class talks to it
 * (`urls.api.public = server.url`). Public market data is served from an in-memory market
 * (kraken-public.ts); the private API (orders, trades, balances) is registered by kraken-private.ts,
 * and more routes can be added with `route(...)`. Every request is logged, and faults can be
 * injected per endpoint and per request (count-based, seeded probability, or chosen per request).
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

/**
 * Runs when a request arrives, before any `delay` (the gateway: API key, signature, nonce): a
 * reply refuses the request there, null lets it through to the handler.
 */
export type KrakenAdmission = (request: KrakenRequest) => KrakenReply | null;

type Route = { handler: KrakenHandler; admit: KrakenAdmission | null };

export type KrakenFault =
  /** An HTTP status with a body (e.g. 502 with an HTML page, 429); with `applied`, after the request took effect. */
  | { kind: 'http'; status: number; body?: string; applied?: boolean }
  /** HTTP 200 with Kraken's error list, e.g. "EAPI:Rate limit exceeded", "EService:Unavailable". */
  | { kind: 'error'; error: string }
  /** The request is handled `ms` late (it takes effect then, even if the client gave up). */
  | { kind: 'delay'; ms: number }
  /** The request is handled at once (it takes effect) and answered `ms` later. */
  | { kind: 'late'; ms: number }
  /** The request is never handled; the connection is destroyed after `ms`. */
  | { kind: 'lost'; ms: number }
  /** No answer at all until the server closes. */
  | { kind: 'hang' }
  /** HTTP 200 with the normal answer cut in half (truncated JSON); the request took effect. */
  | { kind: 'truncated' }
  /** HTTP 200 with a body that is not JSON. */
  | { kind: 'garbage'; body?: string }
  /** The connection is destroyed without an answer, before the request is handled. */
  | { kind: 'drop' }
  /** The request is handled (it takes effect), then the connection is destroyed without an answer. */
  | { kind: 'drop-after' };

/** A fault, or a choice made per request (null: no fault for this one). */
export type KrakenFaultSpec = KrakenFault | ((request: KrakenRequest) => KrakenFault | null);

export type KrakenFaultOptions = {
  /** How many requests it hits (default: until cleared). */
  times?: number;
  /** Each matching request is hit with this probability, drawn from a PRNG seeded with `seed`. */
  probability?: number;
  seed?: number;
};

export type LoggedRequest = {
  method: string;
  endpoint: string;
  path: string;
  params: Record<string, string>;
  time: number;
  fault: KrakenFault['kind'] | null;
};

type ArmedFault = {
  endpoint: string;
  spec: KrakenFaultSpec;
  remaining: number;
  draw: (() => number) | null;
  probability: number;
};

export type KrakenServer = {
  /** http://127.0.0.1:PORT: what ccxt's urls.api public/private take. */
  readonly url: string;
  readonly market: KrakenMarket;
  /** The accounts, orders and trades behind the private API (add an account before private calls). */
  readonly exchange: KrakenExchange;
  readonly requests: LoggedRequest[];
  /** How many requests reached `endpoint` (e.g. 'OHLC'), all if omitted. */
  count(endpoint?: string): number;
  clearLog(): void;
  route(method: 'GET' | 'POST', path: string, handler: KrakenHandler, admit?: KrakenAdmission): void;
  /** Makes requests to `endpoint` ('*' for any) fail this way: the next `times`, or each with a seeded probability. */
  fault(endpoint: string, fault: KrakenFaultSpec, options?: KrakenFaultOptions): void;
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

/** mulberry32: a small seeded PRNG returning [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function envelope(reply: KrakenReply): { status: number; body: string } {
  if ('status' in reply) return reply;
  if ('error' in reply) return { status: 200, body: JSON.stringify({ error: reply.error }) };
  return { status: 200, body: JSON.stringify({ error: [], result: reply.result }) };
}

export async function startKrakenServer(options: { clock?: Clock } = {}): Promise<KrakenServer> {
  const clock = options.clock ?? systemClock;
  const routes = new Map<string, Route>();
  const faults: ArmedFault[] = [];
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  const market = createKrakenMarket(clock);

  const takeFault = (request: KrakenRequest): KrakenFault | null => {
    for (const armed of faults) {
      if (armed.endpoint !== request.endpoint && armed.endpoint !== '*') continue;
      if (armed.draw && armed.draw() >= armed.probability) continue;
      const fault = typeof armed.spec === 'function' ? armed.spec(request) : armed.spec;
      if (!fault) continue;
      armed.remaining -= 1;
      if (armed.remaining <= 0) faults.splice(faults.indexOf(armed), 1);
      return fault;
    }
    return null;
  };

  const send = (res: ServerResponse, status: number, body: string, type = 'application/json') => {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };
  const sendFault = (res: ServerResponse, fault: { status: number; body?: string }) =>
    send(res, fault.status, fault.body ?? `<html><body>${fault.status}</body></html>`, 'text/html');

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    const params = Object.fromEntries(url.searchParams);
    if (req.method === 'POST') Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
    const endpoint = url.pathname.split('/').pop() ?? '';
    const method = req.method ?? 'GET';
    const request: KrakenRequest = { method, path: url.pathname, endpoint, params, body, headers: req.headers };
    const fault = takeFault(request);
    requests.push({ method, endpoint, path: url.pathname, params, time: clock.now(), fault: fault?.kind ?? null });
    const gone = () => res.destroyed || req.socket.destroyed;
    switch (fault?.kind) {
      case 'drop':
        return void req.socket.destroy();
      case 'hang':
        return;
      case 'lost':
        await wait(fault.ms);
        return void req.socket.destroy();
      case 'http':
        if (!fault.applied) return sendFault(res, fault);
        break;
      case 'error':
        return send(res, 200, JSON.stringify({ error: [fault.error] }));
      case 'garbage':
        return send(res, 200, fault.body ?? '<html>Bad gateway</html>', 'text/html');
      default:
    }
    const route = routes.get(`${method} ${url.pathname}`);
    const refused = route?.admit?.(request) ?? null;
    if (fault?.kind === 'delay') await wait(fault.ms);
    const reply = refused ?? (route ? await route.handler(request) : { error: [`EGeneral:Unknown method`] });
    const answer = envelope(reply);
    if (fault?.kind === 'drop-after') return void req.socket.destroy();
    if (fault?.kind === 'late') await wait(fault.ms);
    if (gone()) return;
    if (fault?.kind === 'http') return sendFault(res, fault);
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

  const exchange = registerPrivateRoutes(
    { route: (m, p, handler, admit) => routes.set(`${m} ${p}`, { handler, admit: admit ?? null }) },
    market,
    clock,
  );
  const api: KrakenServer = {
    url: `http://127.0.0.1:${port}`,
    market,
    exchange,
    requests,
    count: (endpoint) => (endpoint ? requests.filter((r) => r.endpoint === endpoint).length : requests.length),
    clearLog: () => void requests.splice(0),
    route(method, path, handler, admit) {
      routes.set(`${method} ${path}`, { handler, admit: admit ?? null });
    },
    fault(endpoint, spec, opts = {}) {
      faults.push({
        endpoint,
        spec,
        remaining: opts.times ?? Number.POSITIVE_INFINITY,
        draw: opts.probability === undefined ? null : seededRandom(opts.seed ?? 1),
        probability: opts.probability ?? 1,
      });
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
